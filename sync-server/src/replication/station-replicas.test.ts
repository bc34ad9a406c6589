import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { addRxPlugin, createRxDatabase, randomToken, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collections, rxCollectionCreator } from '#shared/schemas/collections.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { editedPerson, encounterOf, live, personIn, pushAs } from '../record/domain-fixtures.test-support.ts';
import { syncOnceOverHttp } from './rxdb-http-replication.test-support.ts';
import {
  createReplicationTestApp,
  TEST_UNITS,
  type ReplicationTestApp,
  type TestPrincipalName,
} from '../testing/replication-test-app.test-support.ts';

addRxPlugin(RxDBMigrationSchemaPlugin);

type StationCollections = { persons: RxCollection<Person>; encounters: RxCollection<Encounter> };

/** A station replica as the station core holds it: real RxDB collections with the shared schemas, ajv-validated. */
async function stationReplica(): Promise<RxDatabase<StationCollections>> {
  const db = await createRxDatabase<StationCollections>({
    name: `station-${randomToken(10)}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  await db.addCollections({
    persons: rxCollectionCreator(collections.persons),
    encounters: rxCollectionCreator(collections.encounters),
  });
  return db;
}

describe.each(testBackends)('station replicas (real RxDB clients) against the server on $name', (backend) => {
  let database: DatabaseHandle;
  let server: ReplicationTestApp;
  let baseUrl = '';
  const replicas: RxDatabase<StationCollections>[] = [];

  beforeAll(async () => {
    database = await backend.open();
    server = await createReplicationTestApp({ database });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${String((server.app.server.address() as AddressInfo).port)}`;
  }, 60_000);
  afterEach(async () => {
    for (const replica of replicas.splice(0)) await replica.close();
  });
  afterAll(async () => {
    await server.app.close();
    await database.close();
  });

  async function newReplica(): Promise<RxDatabase<StationCollections>> {
    const replica = await stationReplica();
    replicas.push(replica);
    return replica;
  }

  async function sync(replica: RxDatabase<StationCollections>, principal: TestPrincipalName): Promise<void> {
    await syncOnceOverHttp(replica.persons, { baseUrl, collectionName: 'persons', principal });
    await syncOnceOverHttp(replica.encounters, { baseUrl, collectionName: 'encounters', principal });
  }

  const stripLocal = (doc: { toJSON(): object } | null) => (doc === null ? null : doc.toJSON());

  it('converges two stations that edited the same resident concurrently to the same merged record', async () => {
    const first = await newReplica();
    const second = await newReplica();
    const base = personIn(TEST_UNITS.stationA1, 'p-replica-merge');
    await first.persons.insert(base);
    await sync(first, 'stationA1');
    await sync(second, 'stationA1Second');
    expect(stripLocal(await second.persons.findOne(base.id).exec())).toEqual(base);

    const byFirst = editedPerson(base, 'tyt-a1-dev1', 10, { phones: ['0987654321'] });
    const bySecond = editedPerson(base, 'tyt-a1-dev2', 20, { religion: 'Phật giáo' });
    await (await first.persons.findOne(base.id).exec(true)).incrementalModify(() => byFirst);
    await (await second.persons.findOne(base.id).exec(true)).incrementalModify(() => bySecond);
    // A one-shot sync pulls and pushes concurrently, so a station may pull the other's edit before its own push
    // is merged; one more round each brings both to the server's merge (live replication streams it instead).
    await sync(first, 'stationA1');
    await sync(second, 'stationA1Second');
    await sync(first, 'stationA1');
    await sync(second, 'stationA1Second');

    const onFirst = stripLocal(await first.persons.findOne(base.id).exec());
    const onSecond = stripLocal(await second.persons.findOne(base.id).exec());
    expect(onFirst).toEqual(onSecond);
    expect(onFirst).toMatchObject({ phones: ['0987654321'], religion: 'Phật giáo' });
    const master = (await server.storedDocuments('persons')).find((d) => d['id'] === base.id);
    expect(master).toMatchObject({ phones: ['0987654321'], religion: 'Phật giáo', _deleted: false });
    expect(await server.count('conflict_log', sql`document_id = ${base.id}`)).toBe(1);
  });

  it('removes a resident and their records from the old station when they move, and the server keeps them', async () => {
    const station = await newReplica();
    const person = personIn(TEST_UNITS.stationA1, 'p-replica-move');
    const encounter = encounterOf(person, 'e-replica-move');
    await station.persons.insert(person);
    await station.encounters.insert(encounter);
    await sync(station, 'stationA1');
    expect(await station.persons.count().exec()).toBeGreaterThan(0);

    const moved = editedPerson(person, 'ttyt-a', 30, { orgUnitId: TEST_UNITS.stationA2 });
    await pushAs(server.app, 'districtA', 'persons', [
      { assumedMasterState: live(person), newDocumentState: live(moved) },
    ]);
    await sync(station, 'stationA1');

    expect(await station.persons.findOne(person.id).exec()).toBeNull();
    expect(await station.encounters.findOne(encounter.id).exec()).toBeNull();
    const newStation = await newReplica();
    await sync(newStation, 'stationA2');
    expect(stripLocal(await newStation.persons.findOne(person.id).exec())).toEqual(moved);
    expect(stripLocal(await newStation.encounters.findOne(encounter.id).exec())).toEqual(encounter);
  });
});
