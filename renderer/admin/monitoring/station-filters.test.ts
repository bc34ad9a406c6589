import { describe, expect, it } from 'vitest';
import type { StationRow } from '#shared/server-api/stations.ts';
import { countByState, filterStations, lastSyncOf, needsAttention } from './station-filters.ts';

const report = {
  reportedAt: '2026-03-02T02:00:00.000Z',
  appVersion: '0.1.0',
  lastPullAt: '2026-03-02T01:00:00.000Z',
  lastPushAt: '2026-03-02T01:30:00.000Z',
  pendingChanges: 0,
  recordErrors: [],
  documentCounts: {},
  databaseSizeBytes: 1,
  clockOffsetMs: 0,
};
const row = (deviceId: string, orgUnitId: string, patch: Partial<StationRow> = {}): StationRow => ({
  deviceId,
  deviceLabel: deviceId,
  orgUnitId,
  orgUnitName: orgUnitId,
  reportedAt: report.reportedAt,
  report,
  stale: false,
  healthIdsLow: false,
  hasRecordErrors: false,
  clockWrong: false,
  lastBackupAt: null,
  ...patch,
});

const rows = [
  row('ok', 'tyt-a1'),
  row('stale', 'tyt-a2', { stale: true }),
  row('errors', 'tyt-b1', { hasRecordErrors: true, report: { ...report, pendingChanges: 3 } }),
  row('silent', 'tyt-b1', { report: null, reportedAt: null, stale: true }),
];
const areaOf = (unitId: string) => (unitId.startsWith('tyt-a') ? 'ttyt-a' : 'ttyt-b');

describe('filtering the stations an admin watches', () => {
  it('filters by area and by state together', () => {
    expect(filterStations(rows, { state: 'all', areaId: 'ttyt-a' }, areaOf).map((r) => r.deviceId)).toEqual([
      'ok',
      'stale',
    ]);
    expect(filterStations(rows, { state: 'attention' }, areaOf).map((r) => r.deviceId)).toEqual([
      'stale',
      'errors',
      'silent',
    ]);
    expect(filterStations(rows, { state: 'stale', areaId: 'ttyt-b' }, areaOf).map((r) => r.deviceId)).toEqual(
      ['silent'],
    );
    expect(filterStations(rows, { state: 'pending' }, areaOf).map((r) => r.deviceId)).toEqual(['errors']);
  });

  it('counts the stations in each state and flags one that never reported', () => {
    expect(countByState(rows)).toMatchObject({
      all: 4,
      attention: 3,
      stale: 2,
      errors: 1,
      'never-reported': 1,
    });
    expect(needsAttention(rows[3] as StationRow)).toBe(true);
    expect(needsAttention(rows[0] as StationRow)).toBe(false);
  });

  it('takes the later of the last pull and push as the last sync', () => {
    expect(lastSyncOf(rows[0] as StationRow)).toBe(Date.parse('2026-03-02T01:30:00.000Z'));
    expect(lastSyncOf(rows[3] as StationRow)).toBeNull();
  });
});
