import { useCallback, useEffect, useState } from 'react';
import type { ResidentRecord, StationApi, StationIssue } from '#shared/station-api/station-api.ts';

export type ResidentRecordState = {
  /** The record as the core last answered it; null until it has. */
  readonly record: ResidentRecord | null;
  readonly problem: StationIssue | null;
  /** Asks the core again (after a change made on this screen). */
  readonly reload: () => Promise<void>;
};

/** A resident's whole record (person, exams and hospital visits, doses) from `residents.get`. */
export function useResidentRecord(api: StationApi, id: string): ResidentRecordState {
  const [record, setRecord] = useState<ResidentRecord | null>(null);
  const [problem, setProblem] = useState<StationIssue | null>(null);
  const reload = useCallback(async () => {
    const answer = await api.call('residents.get', { id });
    if (answer.ok) {
      setRecord(answer.value);
      setProblem(null);
    } else setProblem(answer.errors[0] ?? null);
  }, [api, id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { record, problem, reload };
}
