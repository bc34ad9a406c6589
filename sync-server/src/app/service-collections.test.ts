import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessEventDocument } from '#shared/schemas/access-event-document.ts';
import type { StationStatusDocument } from '#shared/schemas/station-status-document.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { stationStatus } from '../db/schema/replication.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { live, pullAs, pushAs } from '../record/domain-fixtures.test-support.ts';
import {
  createReplicationTestApp,
  TEST_UNITS,
  type ReplicationTestApp,
} from '../testing/replication-test-app.test-support.ts';

/** `station-status` and `health-id-pools` through the real replication routes (pool size 100, low water 20). */
describe.each(testBackends)('the service collections on $name', (backend) => {
  let database: DatabaseHandle;
  let server: ReplicationTestApp;

  beforeAll(async () => {
    database = await backend.open();
    server = await createReplicationTestApp({ database });
    // The staff member the access events below name: an account of the device's own unit.
    const at = new Date('2026-11-01T00:00:00.000Z');
    await database.db.insert(accounts).values({
      id: 'acc-anv',
      userName: '01T01_anv',
      loginKey: '01T01_anv',
      displayName: 'Người Thử',
      role: 'station-staff',
      orgUnitId: TEST_UNITS.stationA1,
      passwordHash: 'not used here',
      mustChangePassword: false,
      createdAt: at,
      updatedAt: at,
    });
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
    await database.close();
  });

  const report = (changes: Partial<StationStatusDocument> = {}): StationStatusDocument => ({
    id: 'dev-a1',
    orgUnitId: TEST_UNITS.stationA1,
    reportedAt: '2026-11-26T08:00:00.000Z',
    appVersion: '0.1.0',
    lastPullAt: '2026-11-26T07:59:00.000Z',
    pendingChanges: 0,
    recordErrors: [],
    documentCounts: { persons: 12 },
    databaseSizeBytes: 4096,
    clockOffsetMs: 250,
    healthIdsRemaining: 0,
    ...changes,
  });
  type Pool = { id: string; orgUnitId: string; deviceId: string; firstSerial: number; lastSerial: number };

  it("records a device's report and tops up its health IDs when low, as pool documents it pulls", async () => {
    expect(
      await pushAs(server.app, 'stationA1', 'station-status', [{ newDocumentState: live(report()) }]),
    ).toEqual([]);
    const first = await pullAs(server.app, 'stationA1', 'health-id-pools');
    const pools = first.documents as unknown as Pool[];
    expect(pools).toHaveLength(1);
    expect(pools[0]).toMatchObject({ deviceId: 'dev-a1', orgUnitId: TEST_UNITS.stationA1 });
    expect((pools[0]?.lastSerial ?? 0) - (pools[0]?.firstSerial ?? 0)).toBe(99);
    const [stored] = await server.db.select().from(stationStatus).where(eq(stationStatus.deviceId, 'dev-a1'));
    expect(stored?.orgUnitId).toBe(TEST_UNITS.stationA1);
    expect(stored?.report).toMatchObject({
      databaseSizeBytes: 4096,
      clockOffsetMs: 250,
      healthIdsRemaining: 0,
    });

    // Enough left: no new pool. Low again: a second, disjoint pool.
    const enough = report({ reportedAt: '2026-11-26T09:00:00.000Z', healthIdsRemaining: 60 });
    await pushAs(server.app, 'stationA1', 'station-status', [
      { assumedMasterState: live(report()), newDocumentState: live(enough) },
    ]);
    expect(
      (await pullAs(server.app, 'stationA1', 'health-id-pools', first.checkpoint.seq)).documents,
    ).toEqual([]);
    const low = report({ reportedAt: '2026-11-26T10:00:00.000Z', healthIdsRemaining: 15 });
    await pushAs(server.app, 'stationA1', 'station-status', [
      { assumedMasterState: live(enough), newDocumentState: live(low) },
    ]);
    const second = (await pullAs(server.app, 'stationA1', 'health-id-pools', first.checkpoint.seq))
      .documents as unknown as Pool[];
    expect(second).toHaveLength(1);
    expect(second[0]?.firstSerial).toBeGreaterThan(pools[0]?.lastSerial ?? Infinity);

    // Another commune sees neither the report nor the pools; the district sees both.
    expect((await pullAs(server.app, 'stationB1', 'health-id-pools')).documents).toEqual([]);
    expect((await pullAs(server.app, 'stationB1', 'station-status')).documents).toEqual([]);
    expect((await pullAs(server.app, 'districtA', 'station-status')).documents).toEqual([live(low)]);
  });

  it("quarantines a report for another device and any client's write to the pools", async () => {
    const before = await server.count('quarantine');
    const forOtherDevice = report({ id: 'dev-a1-2' });
    await pushAs(server.app, 'stationA1', 'station-status', [{ newDocumentState: live(forOtherDevice) }]);
    const forged = {
      id: 'forged-pool',
      orgUnitId: TEST_UNITS.stationA1,
      firstSerial: 1,
      lastSerial: 5,
      allocatedAt: '2026-11-26T08:00:00.000Z',
    };
    await pushAs(server.app, 'stationA1', 'health-id-pools', [{ newDocumentState: live(forged) }]);
    await pushAs(server.app, 'districtA', 'station-status', [
      { newDocumentState: live(report({ id: 'dev-a2', orgUnitId: TEST_UNITS.stationA2 })) },
    ]);

    expect((await server.count('quarantine')) - before).toBe(3);
    expect(
      await server.count(
        'quarantine',
        sql`reason = 'out-of-scope' and document_id in ('dev-a1-2', 'forged-pool', 'dev-a2')`,
      ),
    ).toBe(3);
    expect((await server.storedDocuments('health-id-pools')).map((d) => d['id'])).not.toContain(
      'forged-pool',
    );
    expect(await server.count('station_status', sql`device_id in ('dev-a1-2', 'dev-a2')`)).toBe(0);
  });

  it("appends a device's access events to the audit log once, and refuses events of another device", async () => {
    const event = (id: string, changes: Partial<AccessEventDocument> = {}): AccessEventDocument => ({
      id,
      orgUnitId: TEST_UNITS.stationA1,
      deviceId: 'dev-a1',
      action: 'person-read',
      userName: '01T01_anv',
      personId: 'p-read-1',
      occurredAt: '2026-11-26T08:00:00.000Z',
      ...changes,
    });
    const audited = () => server.count('audit_log', sql`action = 'person-read' and target_id = 'p-read-1'`);
    const before = await audited();
    expect(
      await pushAs(server.app, 'stationA1', 'access-events', [
        { newDocumentState: live(event('ev-1')) },
        { newDocumentState: live(event('ev-2', { action: 'login', personId: undefined })) },
      ]),
    ).toEqual([]);
    expect((await audited()) - before).toBe(1);
    expect(await server.count('audit_log', sql`action = 'login' and detail->>'eventId' = 'ev-2'`)).toBe(1);

    // A retry of the same event (the answer was lost) changes nothing and is not audited twice.
    await pushAs(server.app, 'stationA1', 'access-events', [{ newDocumentState: live(event('ev-1')) }]);
    await pushAs(server.app, 'stationA1', 'access-events', [
      { assumedMasterState: live(event('ev-1')), newDocumentState: live(event('ev-1')) },
    ]);
    // Nor does an attempt to rewrite it.
    await pushAs(server.app, 'stationA1', 'access-events', [
      {
        assumedMasterState: live(event('ev-1')),
        newDocumentState: live(event('ev-1', { personId: 'p-other' })),
      },
    ]);
    expect((await audited()) - before).toBe(1);
    expect((await server.storedDocuments('access-events')).find((d) => d['id'] === 'ev-1')).toMatchObject({
      personId: 'p-read-1',
    });

    // Two pushes of the same new event at once (a retry while the first still runs): one audit entry.
    const racing = event('ev-race', { personId: 'p-read-race' });
    await Promise.all([
      pushAs(server.app, 'stationA1', 'access-events', [{ newDocumentState: live(racing) }]),
      pushAs(server.app, 'stationA1', 'access-events', [{ newDocumentState: live(racing) }]),
    ]);
    expect(await server.count('audit_log', sql`action = 'person-read' and target_id = 'p-read-race'`)).toBe(
      1,
    );

    const quarantined = await server.count('quarantine');
    await pushAs(server.app, 'stationA1', 'access-events', [
      { newDocumentState: live(event('ev-3', { deviceId: 'dev-a1-2' })) },
    ]);
    expect((await server.count('quarantine')) - quarantined).toBe(1);
    expect(await audited()).toBe(before + 1);
  });
});
