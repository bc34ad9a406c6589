import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import { testBackends } from '../../testing/test-databases.test-support.ts';
import { encounterOf, live, personIn, pullAs, pushAs } from '../../record/domain-fixtures.test-support.ts';
import {
  createReplicationTestApp,
  PRINCIPAL_HEADER,
  TEST_UNITS,
  testPrincipals,
  type ReplicationTestApp,
} from '../../testing/replication-test-app.test-support.ts';
import { storeServerDocuments } from './store-server-documents.ts';

/** What `storeServerDocuments` needs, on the test server, in the city admin's name. */
const storeOf = (server: ReplicationTestApp) => ({
  db: server.db,
  cipher: server.cipher,
  clock: { now: () => new Date() },
  registry: server.registry,
  actor: testPrincipals.city,
});

describe.each(testBackends)('documents the server writes itself, on $name', (backend) => {
  let database: DatabaseHandle;
  let server: ReplicationTestApp;

  beforeAll(async () => {
    database = await backend.open();
    server = await createReplicationTestApp({ database, duplicates: true });
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
    await database.close();
  });

  it('stores them in scope, encrypted and sequenced, so the scope pulls them like pushed ones', async () => {
    const store = storeOf(server);
    const person = personIn(TEST_UNITS.stationA1, 'p-seeded');
    // Recorded elsewhere, but a record of a person of A1: it lands in A1's scope.
    const exam = encounterOf(person, 'e-seeded', { orgUnitId: TEST_UNITS.stationA2 });
    expect(await storeServerDocuments(store, 'persons', [person])).toBe(1);
    expect(await storeServerDocuments(store, 'encounters', [exam])).toBe(1);

    expect((await pullAs(server.app, 'stationA1', 'persons')).documents).toEqual([live(person)]);
    expect((await pullAs(server.app, 'stationA1', 'encounters')).documents).toEqual([live(exam)]);
    expect((await pullAs(server.app, 'stationA2', 'encounters')).documents).toEqual([]);
  });

  it('refuses an invalid document before writing anything', async () => {
    const store = storeOf(server);
    const before = await server.count('documents');
    const good = personIn(TEST_UNITS.stationA1, 'p-seeded-good');
    await expect(
      storeServerDocuments(store, 'persons', [good, { ...good, id: 'p-seeded-bad', sex: 'robot' }]),
    ).rejects.toThrow(/p-seeded-bad is invalid/);
    expect(await server.count('documents')).toBe(before);
  });

  it('has the consequences of a push: a stored resident is paired with one a station registers again', async () => {
    const store = storeOf(server);
    const identity = { fullName: 'Đỗ Thị Hoà', personalId: '001190012345', bhytCards: [] };
    const seeded = personIn(TEST_UNITS.stationA1, 'p-seeded-twin', identity);
    const seededToo = personIn(TEST_UNITS.stationA1, 'p-seeded-triplet', identity);
    const registered = personIn(TEST_UNITS.stationA1, 'p-registered-twin', identity);
    expect(await storeServerDocuments(store, 'persons', [seeded, seededToo])).toBe(2);
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(registered) }]);

    const answer = await server.app.inject({
      url: '/admin/duplicates?state=open',
      headers: { [PRINCIPAL_HEADER]: 'city' },
    });
    const pairs = answer
      .json<{ candidates: { a: { id?: string }; b: { id?: string } }[] }>()
      .candidates.map((pair) => [pair.a.id, pair.b.id].sort().join(' & '));
    expect(pairs).toEqual(
      expect.arrayContaining([
        'p-registered-twin & p-seeded-twin',
        'p-registered-twin & p-seeded-triplet',
        'p-seeded-triplet & p-seeded-twin',
      ]),
    );
  });

  it('checks a large store for duplicates in one go, as the demo seeds its commune', async () => {
    const store = storeOf(server);
    // Each resident has several identity keys: thousands of them are looked up for one store.
    const many = Array.from({ length: 1000 }, (_, i) =>
      personIn(TEST_UNITS.stationA2, `p-bulk-${String(i)}`, {
        fullName: `Nguyễn Văn Số${String(i)}`,
        personalId: `0010900${String(i).padStart(5, '0')}`,
        bhytCards: [],
      }),
    );
    expect(await storeServerDocuments(store, 'persons', many)).toBe(1000);
    const keyed = await server.count('person_identity_keys', sql`person_id like 'p-bulk-%'`);
    expect(keyed).toBeGreaterThanOrEqual(2000);
  });
});
