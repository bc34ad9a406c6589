import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStationDatabase } from '../../electron/station/database/open-station-database.ts';
import type { StationDatabase } from '../../electron/station/database/station-collections.ts';
import { getRxStorageSqlite } from '../../electron/station/replica/sqlite-rx-storage.ts';
import { createHealthIdIssuer } from '../../electron/station/services/health-id-issuer.ts';
import { createResidentRegistration } from '../../electron/station/services/resident-registration.ts';
import { createOutbox } from '../../electron/station/sync/outbox.ts';
import { startStationSync, type StationSync } from '../../electron/station/sync/station-sync.ts';
import { createSyncHttpClient, type SyncHttpClient } from '../../electron/station/sync/sync-http-client.ts';
import { createHlc } from '../../shared/clock/hlc.ts';
import { parsePartialDate } from '../../shared/dates/partial-date.ts';
import { unwrap } from '../../shared/errors/result.ts';
import type { Person } from '../../shared/schemas/person.ts';
import type { DatabaseHandle } from '../../sync-server/src/db/database.ts';
import { testBackends } from '../../sync-server/src/testing/test-databases.test-support.ts';
import {
  startStationTestServer,
  type EnrolledStation,
  type StationTestServer,
} from '../support/station-test-server.ts';

async function until(condition: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${String(ms)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function clientOf(station: EnrolledStation, baseUrl: string): SyncHttpClient {
  return createSyncHttpClient({
    baseUrl,
    device: station.device,
    appVersion: '0.1.0',
    clock: { now: () => new Date() },
  });
}

function syncOf(db: StationDatabase, station: EnrolledStation, baseUrl: string): StationSync {
  const issuer = createHealthIdIssuer(db, station.device.deviceId);
  return startStationSync({
    db,
    client: clientOf(station, baseUrl),
    outbox: createOutbox(db),
    clock: { now: () => new Date() },
    replicationIdentifier: `test|${station.orgUnitId}`,
    device: { deviceId: station.device.deviceId, orgUnitId: station.orgUnitId },
    appVersion: '0.1.0',
    healthIdsRemaining: () => issuer.remaining(),
    databaseSizeBytes: () => 0,
    retryMs: 200,
  });
}

/** Registers a resident on `db` as `author` (the user name the station core would take from the session). */
async function registerAs(db: StationDatabase, station: EnrolledStation, author: string, fullName: string) {
  const [familyName = '', middleName = '', givenName = ''] = fullName.split(' ');
  const registered = await createResidentRegistration({
    db,
    issuer: createHealthIdIssuer(db, station.device.deviceId),
    outbox: createOutbox(db),
    hlc: createHlc({ node: station.device.deviceId, now: () => Date.now() }),
    clock: { now: () => new Date() },
    orgUnitId: station.orgUnitId,
    author: () => author,
  }).register({
    fullName,
    familyName,
    middleName,
    givenName,
    dateOfBirth: unwrap(parsePartialDate('1980-02-02')),
    sex: 'male',
    phones: [],
    bhytCards: [],
    currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Tổ 9' },
    history: {},
  });
  if (!registered.ok) throw new Error(`registration refused: ${registered.errors[0].code}`);
  return registered.value;
}

describe.each(testBackends)('who wrote a record (Art. 9), on $name', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let directory = '';

  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database);
    directory = await mkdtemp(join(tmpdir(), 'hssk-station-authorship-'));
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("credits each write to the station's signed-in account, audits it, and quarantines a write credited to another unit's staff", async () => {
    const station = await server.enrolStation(0);
    const elsewhere = await server.enrolStation(1);
    expect(elsewhere.orgUnitId).not.toBe(station.orgUnitId);
    const db = await openStationDatabase({
      storage: getRxStorageSqlite({ directory, key: nacl.randomBytes(32) }),
      name: 'station-authorship',
    });
    try {
      const sync = syncOf(db, station, server.baseUrl);
      await sync.syncNow();
      await until(async () => (await createHealthIdIssuer(db, station.device.deviceId).remaining()) > 0);

      const own: Person = await registerAs(db, station, station.staff.userName, 'Ngô Văn Toàn');
      expect(own.updatedBy).toBe(station.staff.userName);
      const foreign: Person = await registerAs(db, station, elsewhere.staff.userName, 'Hà Văn Sơn');
      await sync.syncNow();
      await until(async () => (await createOutbox(db).summary()).pendingChanges === 0);

      const stored = await server.storedDocuments('persons');
      expect(stored.find((d) => d['id'] === own.id)).toMatchObject({ updatedBy: station.staff.userName });
      expect(stored.some((d) => d['id'] === foreign.id)).toBe(false);

      // The refused write is kept, and the station sees why.
      const outcomes = (await clientOf(station, server.baseUrl).getJson('/sync/outcomes')) as {
        outcomes: { documentId: string; reason?: string }[];
      };
      expect(outcomes.outcomes.find((o) => o.documentId === foreign.id)).toMatchObject({
        reason: 'author-unknown',
      });

      // The push is audited with whom its writes are credited to.
      const audit = await server.app.inject({
        method: 'GET',
        url: `/admin/audit?action=push&actor=${station.device.deviceId}`,
        headers: { authorization: `Bearer ${server.adminToken}` },
      });
      expect(audit.statusCode).toBe(200);
      const entries = audit.json<{ entries: { detail: { authors?: Record<string, number> } }[] }>().entries;
      expect(entries.some((e) => (e.detail.authors?.[station.staff.userName] ?? 0) >= 1)).toBe(true);
      await sync.stop();
    } finally {
      await db.close();
    }
  }, 90_000);
});
