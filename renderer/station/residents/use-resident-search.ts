import { useEffect, useRef, useState } from 'react';
import type { ResidentSummary, StationApi, StationIssue } from '#shared/station-api/station-api.ts';

export const SEARCH_LIMIT = 200;

export type ResidentSearchState = {
  readonly residents: readonly ResidentSummary[];
  /** The query these results answer (results of an older keystroke are never shown for a newer one). */
  readonly answeredQuery: string;
  readonly searching: boolean;
  readonly problem: StationIssue | null;
};

/**
 * Search as you type: every change of `query` asks the core (which folds diacritics and reads identifiers from the
 * query's shape); an answer is shown only while its query is still the newest, so fast typing never flashes stale
 * results.
 */
export function useResidentSearch(api: StationApi, query: string): ResidentSearchState {
  const [state, setState] = useState<ResidentSearchState>({
    residents: [],
    answeredQuery: '',
    searching: false,
    problem: null,
  });
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    const trimmed = query.trim();
    if (trimmed === '') {
      setState({ residents: [], answeredQuery: '', searching: false, problem: null });
      return;
    }
    setState((previous) => ({ ...previous, searching: true }));
    void api
      .call('residents.search', { query: trimmed.slice(0, 100), limit: SEARCH_LIMIT })
      .then((answer) => {
        if (ticket !== latest.current) return;
        setState(
          answer.ok
            ? { residents: answer.value.residents, answeredQuery: trimmed, searching: false, problem: null }
            : { residents: [], answeredQuery: trimmed, searching: false, problem: answer.errors[0] ?? null },
        );
      });
  }, [api, query]);
  return state;
}
