import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrottledLink } from '#build/bench/link/throttled-link.ts';
import { openStationDatabase } from '#electron/station/database/open-station-database.ts';
import type { StationDatabase } from '#electron/station/database/station-collections.ts';
import { getRxStorageSqlite } from '#electron/station/replica/sqlite-rx-storage.ts';
import { createHealthIdIssuer } from '#electron/station/services/health-id-issuer.ts';
import { createResidentRegistration } from '#electron/station/services/resident-registration.ts';
import { createReplicaWriter, withoutTransaction } from '#electron/station/services/replica-writer.ts';
import { createOutbox } from '#electron/station/sync/outbox.ts';
import { startStationSync, type StationSync } from '#electron/station/sync/station-sync.ts';
import type { SyncStatus } from '#electron/station/sync/sync-status.ts';
import { createSyncHttpClient } from '#electron/station/sync/sync-http-client.ts';
import { createHlc } from '#shared/clock/hlc.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import { unwrap } from '#shared/errors/result.ts';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { until } from '../support/station-sync-parts.ts';
import {
  startStationTestServer,
  type EnrolledStation,
  type StationTestServer,
} from '../support/station-test-server.ts';

/** What crossed the wire: each request's path with the encoding of its body and of its answer. */
type Exchange = { readonly path: string; readonly sent: string | null; readonly answered: string | null };

/** A fresh station's replica and sync against `baseUrl`, recording every exchange's encodings. */
async function freshStation(station: EnrolledStation, directory: string, baseUrl: string) {
  const db: StationDatabase = await openStationDatabase({
    storage: getRxStorageSqlite({ directory, key: nacl.randomBytes(32) }),
    name: `station-${station.device.deviceId.toLowerCase().replace(/[^a-z0-9]/g, '')}`,
  });
  const exchanges: Exchange[] = [];
  const client = createSyncHttpClient({
    baseUrl,
    device: station.device,
    appVersion: '0.1.0',
    clock: { now: () => new Date() },
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(init?.headers);
      exchanges.push({
        path: new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
          .pathname,
        sent: headers.get('content-encoding'),
        answered: response.headers.get('content-encoding'),
      });
      return response;
    },
  });
  const issuer = createHealthIdIssuer(db, station.device.deviceId);
  const sync = startStationSync({
    db,
    client,
    outbox: createOutbox(db),
    clock: { now: () => new Date() },
    replicationIdentifier: `link|${station.orgUnitId}`,
    device: { deviceId: station.device.deviceId, orgUnitId: station.orgUnitId },
    appVersion: '0.1.0',
    healthIdsRemaining: () => issuer.remaining(),
    databaseSizeBytes: () => 0,
    retryMs: 100,
    batchSize: 1000,
  });
  return {
    db,
    sync,
    exchanges,
    issuer,
    async close() {
      await sync.stop();
      await db.close();
    },
  };
}

/** Syncs until in sync, through failures of a link that keeps being cut (as the live replication itself retries). */
async function syncThroughCuts(sync: StationSync): Promise<number> {
  let failures = 0;
  for (;;) {
    try {
      await sync.syncNow();
      return failures;
    } catch (thrown) {
      if ((thrown as { code?: unknown }).code !== 'sync-offline') throw thrown;
      failures++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** The commune's residents with their visits and doses, as the server's own writes, for `orgUnitId`. */
async function seedCommune(server: StationTestServer, orgUnitId: string, size: number): Promise<number> {
  const unit = hanoiOrgUnits().find((u) => u.id === orgUnitId);
  if (unit?.commune === undefined || unit.facilityCode === undefined)
    throw new Error(`no commune ${orgUnitId}`);
  const residents = [
    ...generateSyntheticPopulation({
      seed: 11,
      size,
      referenceDate: '2026-11-26',
      stations: [
        { orgUnitId, communeCode: unit.commune.code, facilityCode: unit.facilityCode, communeKind: 'xa' },
      ],
    }),
  ];
  return (
    (await server.storeDocuments(
      'persons',
      residents.map((r) => r.person),
    )) +
    (await server.storeDocuments(
      'encounters',
      residents.flatMap((r) => r.encounters),
    )) +
    (await server.storeDocuments(
      'immunizations',
      residents.flatMap((r) => r.immunizations),
    ))
  );
}

describe.each(testBackends)('first sync over a slow, cut link and compression ($name)', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let directory: string;

  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database);
    directory = await mkdtemp(join(tmpdir(), 'hssk-first-sync-link-'));
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('pushes and pulls compressed both ways, and both stations hold the same documents as the server', async () => {
    const first = await server.enrolStation(2);
    const second = await server.enrolStation(2);
    const one = await freshStation(first, join(directory, 'compress-one'), server.baseUrl);
    const two = await freshStation(second, join(directory, 'compress-two'), server.baseUrl);
    try {
      await one.sync.syncNow();
      await until(async () => (await one.issuer.remaining()) > 0);
      const registration = createResidentRegistration({
        db: one.db,
        issuer: one.issuer,
        writer: createReplicaWriter({
          db: one.db,
          outbox: createOutbox(one.db),
          hlc: createHlc({ node: first.device.deviceId, now: () => Date.now() }),
          clock: { now: () => new Date() },
          author: () => first.staff.userName,
          transaction: withoutTransaction,
        }),
        clock: { now: () => new Date() },
        orgUnitId: first.orgUnitId,
      });
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const registered = await registration.register({
          fullName: `Đỗ Thị Nén ${String(i)}`,
          familyName: 'Đỗ',
          middleName: 'Thị Nén',
          givenName: String(i),
          dateOfBirth: unwrap(parsePartialDate(`19${String(60 + i)}-03-0${String((i % 9) + 1)}`)),
          sex: 'female',
          phones: [`09120001${String(10 + i)}`],
          bhytCards: [],
          currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: `Số ${String(i)} ngõ Nén` },
          history: {},
        });
        if (!registered.ok) throw new Error(registered.errors[0].code);
        ids.push(registered.value.id);
      }
      await one.sync.syncNow();
      await until(async () => (await createOutbox(one.db).summary()).pendingChanges === 0);
      await two.sync.syncNow();

      // The push went gzip-compressed; page runs and the live stream came back brotli-compressed.
      expect(one.exchanges).toContainEqual({ path: '/sync/persons/push', sent: 'gzip', answered: null });
      expect(two.exchanges).toContainEqual({ path: '/sync/persons/pages', sent: null, answered: 'br' });
      expect(two.exchanges).toContainEqual({ path: '/sync/persons/stream', sent: null, answered: 'br' });
      // The same documents everywhere: what station one wrote, the server stored and station two pulled.
      const stored = (await server.storedDocuments('persons')).filter((doc) =>
        ids.includes(String(doc['id'])),
      );
      expect(stored).toHaveLength(12);
      for (const doc of stored) {
        const onOne = (await one.db.persons.findOne(String(doc['id'])).exec())?.toJSON();
        const onTwo = (await two.db.persons.findOne(String(doc['id'])).exec())?.toJSON();
        expect(onTwo).toEqual(onOne);
        expect(onTwo).toMatchObject(doc);
      }
      // A change reaches station two through its compressed live stream alone (each event flushed as it is sent).
      const live = await registration.register({
        fullName: 'Đỗ Văn Luồng',
        familyName: 'Đỗ',
        middleName: 'Văn',
        givenName: 'Luồng',
        dateOfBirth: unwrap(parsePartialDate('1977-07-07')),
        sex: 'male',
        phones: [],
        bhytCards: [],
        currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Số 7 ngõ Nén' },
        history: {},
      });
      if (!live.ok) throw new Error(live.errors[0].code);
      await one.sync.syncNow();
      await until(async () => (await two.db.persons.findOne(live.value.id).exec()) !== null, 20_000);
    } finally {
      await one.close();
      await two.close();
    }
  }, 60_000);

  it('refuses with 413 a compressed push that expands past the body limit, and stores nothing', async () => {
    const station = await server.enrolStation(2);
    const before = (await server.storedDocuments('persons')).length;
    // 5 MB of JSON (the test server allows 4 MB) in about 5 KB of gzip.
    const bomb = gzipSync(
      JSON.stringify([{ newDocumentState: { id: 'p-bomb', fullName: 'x'.repeat(5 * 1024 * 1024) } }]),
    );
    expect(bomb.length).toBeLessThan(64 * 1024);
    const answer = await fetch(`${server.baseUrl}/sync/persons/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${station.staff.token}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: bomb,
    });
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ error: { code: 'body-too-large' } });
    expect((await server.storedDocuments('persons')).length).toBe(before);
    // A body that does not decompress is a clear 400, not a server error.
    const broken = await fetch(`${server.baseUrl}/sync/persons/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${station.staff.token}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: 'not gzip at all',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'content-encoding-invalid' } });
  }, 30_000);

  it('finishes a first sync cut three times with every document once and honest progress', async () => {
    const station = await server.enrolStation(3);
    const seeded = await seedCommune(server, station.orgUnitId, 600);
    const link = await startThrottledLink(new URL(server.baseUrl), {
      downBitsPerSecond: 1_000_000,
      upBitsPerSecond: 500_000,
      delayMs: 10,
    });
    const fresh = await freshStation(station, join(directory, 'cut'), link.url);
    const samples: SyncStatus[] = [];
    const watching = fresh.sync.status$.subscribe((status) => samples.push(status));
    try {
      const receivedOf = (status: SyncStatus) => Object.values(status.received).reduce((a, b) => a + b, 0);
      // Three cuts while documents are arriving: at about a fifth, two fifths and three fifths of the commune.
      const cutting = (async () => {
        for (const share of [0.2, 0.4, 0.6]) {
          const openedBefore = link.connections().opened;
          await until(
            () =>
              receivedOf(fresh.sync.status()) >= seeded * share &&
              link.connections().opened > openedBefore &&
              link.connections().open > 0,
            60_000,
          );
          link.cut();
        }
      })();
      const failures = await syncThroughCuts(fresh.sync);
      await cutting;
      expect(link.connections().cuts).toBe(3);
      expect(failures).toBeGreaterThan(0);

      // Every document once: the replica holds exactly what the server holds for the station.
      for (const name of ['persons', 'encounters', 'immunizations'] as const) {
        const onServer = (await server.storedDocuments(name))
          .filter((doc) => doc['orgUnitId'] === station.orgUnitId)
          .map((doc) => String(doc['id']))
          .sort();
        const local = (await fresh.db[name].find().exec()).map((doc) => doc.id).sort();
        expect(local).toEqual(onServer);
      }
      // Honest progress: received never went back, never passed what the server said it held, and reached it.
      const final = fresh.sync.status();
      for (const name of ['persons', 'encounters', 'immunizations']) {
        expect(final.received[name]).toBe(final.expected[name]);
      }
      let previous = 0;
      for (const status of samples) {
        const received = receivedOf(status);
        expect(received).toBeGreaterThanOrEqual(previous);
        // (Pools and reports the server writes while the sync runs may pass their count: not the commune's.)
        for (const name of ['persons', 'encounters', 'immunizations'])
          expect(status.received[name] ?? 0).toBeLessThanOrEqual(
            status.expected[name] ?? Number.POSITIVE_INFINITY,
          );
        previous = received;
      }
      expect(samples.some((status) => status.secondsLeft !== null && status.secondsLeft > 0)).toBe(true);
      expect(final.secondsLeft).toBeNull();
    } finally {
      watching.unsubscribe();
      await fresh.close();
      await link.close();
    }
  }, 120_000);
});
