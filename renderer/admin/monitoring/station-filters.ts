import type { StationRow } from '#shared/server-api/stations.ts';

/** The states the monitoring screen filters by; `attention` is any flag at all. */
export const stationStates = [
  'all',
  'attention',
  'stale',
  'errors',
  'pending',
  'clock-wrong',
  'health-ids-low',
  'never-reported',
] as const;
export type StationState = (typeof stationStates)[number];

export type StationFilter = {
  /** A health centre id: stations under it only. */
  readonly areaId?: string | undefined;
  readonly state: StationState;
};

/** The later of the last successful pull and push, as epoch ms; null when neither was ever reported. */
export function lastSyncOf(row: StationRow): number | null {
  const times = [row.report?.lastPullAt, row.report?.lastPushAt]
    .map((at) => (at === undefined ? Number.NaN : Date.parse(at)))
    .filter((ms) => !Number.isNaN(ms));
  return times.length === 0 ? null : Math.max(...times);
}

export function needsAttention(row: StationRow): boolean {
  return row.stale || row.hasRecordErrors || row.clockWrong || row.healthIdsLow || row.report === null;
}

function hasState(row: StationRow, state: StationState): boolean {
  switch (state) {
    case 'all':
      return true;
    case 'attention':
      return needsAttention(row);
    case 'stale':
      return row.stale;
    case 'errors':
      return row.hasRecordErrors;
    case 'pending':
      return (row.report?.pendingChanges ?? 0) > 0;
    case 'clock-wrong':
      return row.clockWrong;
    case 'health-ids-low':
      return row.healthIdsLow;
    case 'never-reported':
      return row.report === null;
  }
}

/** The rows matching the filter; `areaOf` names the health centre above a station's unit. */
export function filterStations(
  rows: readonly StationRow[],
  filter: StationFilter,
  areaOf: (unitId: string) => string | undefined,
): readonly StationRow[] {
  return rows.filter(
    (row) =>
      (filter.areaId === undefined || areaOf(row.orgUnitId) === filter.areaId) && hasState(row, filter.state),
  );
}

/** How many rows are in each state, for the filter's labels. */
export function countByState(rows: readonly StationRow[]): Readonly<Record<StationState, number>> {
  return Object.fromEntries(
    stationStates.map((state) => [state, rows.filter((row) => hasState(row, state)).length]),
  ) as Record<StationState, number>;
}
