import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { healthIdPools, quarantine } from '../db/schema/replication.ts';
import { formatHealthId } from '#shared/identifiers/health-id.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { editedPerson, live, personIn, pushAs } from '../record/domain-fixtures.test-support.ts';
import { indexMissingUniqueKeys } from './store/unique-keys.ts';
import {
  createReplicationTestApp,
  TEST_UNITS,
  type ReplicationTestApp,
} from '../testing/replication-test-app.test-support.ts';

/** Health IDs are unique (Art. 3.3): no push gives a resident's ID to a second resident. */
describe.each(testBackends)('health-ID uniqueness on $name', (backend) => {
  let database: DatabaseHandle;
  let server: ReplicationTestApp;

  beforeAll(async () => {
    database = await backend.open();
    server = await createReplicationTestApp({ database });
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
    await database.close();
  });

  const reasonsOf = async (documentId: string) =>
    (await server.db.select().from(quarantine).where(eq(quarantine.documentId, documentId))).map(
      (entry) => entry.reason,
    );
  const stored = async (id: string) =>
    (await server.storedDocuments('persons')).find((doc) => doc['id'] === id);

  it('quarantines a resident pushed with a health ID another resident holds, in another district or the same', async () => {
    const owner = personIn(TEST_UNITS.stationB1, 'p-hid-owner');
    await pushAs(server.app, 'stationB1', 'persons', [{ newDocumentState: live(owner) }]);

    // A district admin of another district (who replicates with a session) and a station of the owner's district.
    const bait = personIn(TEST_UNITS.stationA1, 'p-hid-bait', { healthId: owner.healthId });
    const answer = await pushAs(server.app, 'districtA', 'persons', [{ newDocumentState: live(bait) }]);
    expect(answer).toEqual([]);
    expect(await stored('p-hid-bait')).toBeUndefined();
    expect(await reasonsOf('p-hid-bait')).toEqual(['health-id-taken']);

    const sameDistrict = personIn(TEST_UNITS.stationB1, 'p-hid-same', { healthId: owner.healthId });
    await pushAs(server.app, 'stationB1', 'persons', [{ newDocumentState: live(sameDistrict) }]);
    expect(await stored('p-hid-same')).toBeUndefined();
    expect(await reasonsOf('p-hid-same')).toEqual(['health-id-taken']);

    // The owner itself keeps writing with its ID.
    await pushAs(server.app, 'stationB1', 'persons', [
      {
        assumedMasterState: live(owner),
        newDocumentState: live(editedPerson(owner, 'dev-b1', 10, { phones: ['0912345678'] })),
      },
    ]);
    expect(await stored('p-hid-owner')).toMatchObject({ phones: ['0912345678'], healthId: owner.healthId });
  });

  it('takes an ID for the first of two new residents in one push, and frees an ID its holder gave up', async () => {
    const first = personIn(TEST_UNITS.stationA2, 'p-hid-first');
    const second = personIn(TEST_UNITS.stationA2, 'p-hid-second', { healthId: first.healthId });
    await pushAs(server.app, 'stationA2', 'persons', [
      { newDocumentState: live(first) },
      { newDocumentState: live(second) },
    ]);
    expect(await stored('p-hid-first')).toBeDefined();
    expect(await reasonsOf('p-hid-second')).toEqual(['health-id-taken']);

    // A wrongly typed ID corrected on its holder frees the old one.
    const corrected = personIn(TEST_UNITS.stationA2, 'p-hid-corrected').healthId;
    await pushAs(server.app, 'stationA2', 'persons', [
      {
        assumedMasterState: live(first),
        newDocumentState: live(editedPerson(first, 'dev-a2', 10, { healthId: corrected })),
      },
    ]);
    await pushAs(server.app, 'stationA2', 'persons', [{ newDocumentState: live(second) }]);
    expect(await stored('p-hid-second')).toMatchObject({ healthId: first.healthId });
    // The index holds hashes, never the ID.
    const keys = await server.db.execute(sql`select key_hash from document_unique_keys`);
    expect(JSON.stringify(keys)).not.toContain(first.healthId);
  });

  it('indexes the health IDs of residents stored before the index existed, at start-up', async () => {
    const legacy = personIn(TEST_UNITS.stationB1, 'p-hid-legacy');
    await pushAs(server.app, 'stationB1', 'persons', [{ newDocumentState: live(legacy) }]);
    await server.db.execute(sql`delete from document_unique_keys where document_id = 'p-hid-legacy'`);
    const persons = server.registry.get('persons');
    if (persons === undefined) throw new Error('no persons collection');
    expect(await indexMissingUniqueKeys(server.db, server.cipher, [persons], 2)).toBe(1);
    expect(await indexMissingUniqueKeys(server.db, server.cipher, [persons], 2)).toBe(0);
    const copy = personIn(TEST_UNITS.stationA1, 'p-hid-legacy-copy', { healthId: legacy.healthId });
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(copy) }]);
    expect(await reasonsOf('p-hid-legacy-copy')).toEqual(['health-id-taken']);
  });

  it('refuses a health ID from a block reserved for another station, and accepts it from that station', async () => {
    await server.db.insert(healthIdPools).values({
      poolId: 'pool-b1-test',
      orgUnitId: TEST_UNITS.stationB1,
      deviceId: 'dev-b1',
      firstSerial: 500,
      lastSerial: 599,
      allocatedAt: new Date(),
    });
    const squatter = personIn(TEST_UNITS.stationA1, 'p-hid-squatter', { healthId: formatHealthId(550) });
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(squatter) }]);
    expect(await stored('p-hid-squatter')).toBeUndefined();
    expect(await reasonsOf('p-hid-squatter')).toEqual(['health-id-reserved']);
    const otherDistrict = personIn(TEST_UNITS.stationA1, 'p-hid-admin-a', { healthId: formatHealthId(552) });
    await pushAs(server.app, 'districtA', 'persons', [{ newDocumentState: live(otherDistrict) }]);
    expect(await reasonsOf('p-hid-admin-a')).toEqual(['health-id-reserved']);

    const issued = personIn(TEST_UNITS.stationB1, 'p-hid-issued', { healthId: formatHealthId(550) });
    await pushAs(server.app, 'stationB1', 'persons', [{ newDocumentState: live(issued) }]);
    expect(await stored('p-hid-issued')).toMatchObject({ healthId: formatHealthId(550) });
    const byDistrict = personIn(TEST_UNITS.stationB1, 'p-hid-admin-b', { healthId: formatHealthId(551) });
    await pushAs(server.app, 'districtB', 'persons', [{ newDocumentState: live(byDistrict) }]);
    expect(await stored('p-hid-admin-b')).toBeDefined();
  });

  it('refuses a health ID the server never issued, and the synthetic range for a real resident', async () => {
    const madeUp = personIn(TEST_UNITS.stationA2, 'p-hid-made-up', { healthId: formatHealthId(7_654_321) });
    const notSynthetic = personIn(TEST_UNITS.stationA2, 'p-hid-real', { synthetic: false });
    await pushAs(server.app, 'stationA2', 'persons', [
      { newDocumentState: live(madeUp) },
      { newDocumentState: live(notSynthetic) },
    ]);
    expect(await reasonsOf('p-hid-made-up')).toEqual(['health-id-not-issued']);
    expect(await reasonsOf('p-hid-real')).toEqual(['health-id-not-issued']);
    expect(await stored('p-hid-made-up')).toBeUndefined();
    // A resident who already holds an ID keeps writing with it, wherever it came from.
    const synthetic = personIn(TEST_UNITS.stationA2, 'p-hid-synthetic');
    await pushAs(server.app, 'stationA2', 'persons', [{ newDocumentState: live(synthetic) }]);
    await pushAs(server.app, 'stationA2', 'persons', [
      {
        assumedMasterState: live(synthetic),
        newDocumentState: live(editedPerson(synthetic, 'dev-a2', 20, { phones: ['0987654321'] })),
      },
    ]);
    expect(await stored('p-hid-synthetic')).toMatchObject({ phones: ['0987654321'] });
  });
});
