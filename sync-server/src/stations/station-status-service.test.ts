import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationStatusReport, type StationStatusReport } from '#shared/schemas/station-status-report.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { devices } from '../db/schema/devices.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { createStationStatusService } from './station-status-service.ts';

const now = new Date('2026-11-26T09:00:00Z');
const report = (overrides: Partial<StationStatusReport>): StationStatusReport =>
  stationStatusReport.parse({
    reportedAt: '2026-11-26T08:59:00.000Z',
    appVersion: '0.1.0',
    lastPullAt: '2026-11-26T08:59:00.000Z',
    lastPushAt: '2026-11-26T08:58:00.000Z',
    pendingChanges: 0,
    recordErrors: [],
    documentCounts: { persons: 120 },
    databaseSizeBytes: 4_096_000,
    clockOffsetMs: 1200,
    healthIdsRemaining: 800,
    ...overrides,
  });

describe.each(testBackends)('station sync status on $name', (backend) => {
  let database: DatabaseHandle;
  const service = createStationStatusService({ clock: { now: () => now } });

  beforeAll(async () => {
    database = await backend.open();
    await database.db.insert(orgUnits).values([
      { id: 'so', kind: 'city-health-department', name: 'Sở Y tế', parentId: null },
      { id: 'ttyt-1', kind: 'health-centre', name: 'TTYT 1', parentId: 'so' },
      { id: 'ttyt-2', kind: 'health-centre', name: 'TTYT 2', parentId: 'so' },
      { id: 'tyt-a', kind: 'commune-station', name: 'Trạm Y tế A', parentId: 'ttyt-1' },
      { id: 'tyt-b', kind: 'commune-station', name: 'Trạm Y tế B', parentId: 'ttyt-1' },
      { id: 'tyt-c', kind: 'commune-station', name: 'Trạm Y tế C', parentId: 'ttyt-2' },
    ]);
    const enrolledAt = new Date('2026-01-01T00:00:00Z');
    await database.db.insert(devices).values([
      { id: 'd-a', orgUnitId: 'tyt-a', publicKey: 'x', label: 'Máy A', enrolledAt },
      { id: 'd-b', orgUnitId: 'tyt-b', publicKey: 'x', label: 'Máy B', enrolledAt },
      { id: 'd-never', orgUnitId: 'tyt-b', publicKey: 'x', label: 'Máy mới', enrolledAt },
      { id: 'd-c', orgUnitId: 'tyt-c', publicKey: 'x', label: 'Máy C', enrolledAt },
    ]);
  });
  afterAll(async () => {
    await database.close();
  });

  it('keeps the latest report per device and flags stale, low, failing and wrong-clock stations', async () => {
    await service.record(database.db, { deviceId: 'd-a', orgUnitId: 'tyt-a' }, report({ pendingChanges: 3 }));
    await service.record(database.db, { deviceId: 'd-a', orgUnitId: 'tyt-a' }, report({ pendingChanges: 0 }));
    await service.record(
      database.db,
      { deviceId: 'd-b', orgUnitId: 'tyt-b' },
      report({
        lastPullAt: '2026-11-24T08:00:00.000Z',
        lastPushAt: '2026-11-24T08:00:00.000Z',
        healthIdsRemaining: 50,
        recordErrors: [{ collection: 'persons', id: 'p1', code: 'scope-denied' }],
        clockOffsetMs: 3 * 86_400_000,
      }),
    );
    const rows = await service.list(database.db, 'ttyt-1');
    expect(rows.map((r) => r.deviceId)).toEqual(['d-never', 'd-b', 'd-a']);
    const [never, behind, fine] = rows;
    expect(never).toMatchObject({ stale: true, report: null, reportedAt: null });
    expect(behind).toMatchObject({
      stale: true,
      healthIdsLow: true,
      hasRecordErrors: true,
      clockWrong: true,
    });
    expect(fine).toMatchObject({
      stale: false,
      healthIdsLow: false,
      hasRecordErrors: false,
      clockWrong: false,
    });
    expect(fine?.report?.pendingChanges).toBe(0);
  });

  it('lists only devices in the subtree asked for', async () => {
    expect((await service.list(database.db, 'ttyt-2')).map((r) => r.deviceId)).toEqual(['d-c']);
    expect((await service.list(database.db, 'tyt-a')).map((r) => r.deviceId)).toEqual(['d-a']);
    expect(await service.list(database.db, 'unknown')).toEqual([]);
    expect(await service.list(database.db, 'so')).toHaveLength(4);
  });

  it('rejects a report with health data-like extra fields or bad types', () => {
    expect(stationStatusReport.safeParse({ ...report({}), patientName: 'Nguyễn Văn A' }).success).toBe(false);
    expect(stationStatusReport.safeParse({ ...report({}), pendingChanges: -1 }).success).toBe(false);
  });
});
