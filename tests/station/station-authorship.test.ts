import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStationDatabase } from '#electron/station/database/open-station-database.ts';
import { getRxStorageSqlite } from '#electron/station/replica/sqlite-rx-storage.ts';
import { createHealthIdIssuer } from '#electron/station/services/health-id-issuer.ts';
import { createOutbox } from '#electron/station/sync/outbox.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { clientOf, registerResident, syncOf, until } from '../support/station-sync-parts.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

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

      const own: Person = await registerResident(db, station, {
        fullName: 'Ngô Văn Toàn',
        author: station.staff.userName,
      });
      expect(own.updatedBy).toBe(station.staff.userName);
      const foreign: Person = await registerResident(db, station, {
        fullName: 'Hà Văn Sơn',
        author: elsewhere.staff.userName,
      });
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
