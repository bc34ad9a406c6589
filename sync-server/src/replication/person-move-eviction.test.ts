import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { auditLog } from '../db/schema/audit.ts';
import { evictions } from '../db/schema/replication.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  editedPerson,
  encounterOf,
  immunizationOf,
  live,
  personIn,
  pullAs,
  pushAs,
} from '../record/domain-fixtures.test-support.ts';
import {
  createReplicationTestApp,
  TEST_UNITS,
  type ReplicationTestApp,
  type TestPrincipalName,
} from '../testing/replication-test-app.test-support.ts';

const collectionsOfARecord = ['persons', 'encounters', 'immunizations'] as const;

describe.each(testBackends)('evictions when a resident leaves a scope, on $name', (backend) => {
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

  /** Pulls every collection to its end; returns the documents by collection and the new checkpoints. */
  async function pullAll(principal: TestPrincipalName, from: Record<string, number> = {}) {
    const documents: Record<string, Record<string, unknown>[]> = {};
    const checkpoints: Record<string, number> = {};
    for (const collection of collectionsOfARecord) {
      const page = await pullAs(server.app, principal, collection, from[collection] ?? 0, 1000);
      documents[collection] = page.documents;
      checkpoints[collection] = page.checkpoint.seq;
    }
    return { documents, checkpoints };
  }

  async function registerWithRecords(unit: string, suffix: string) {
    const person = personIn(unit, `p-${suffix}`);
    const encounter = encounterOf(person, `e-${suffix}`);
    const immunization = immunizationOf(person, `i-${suffix}`);
    await pushAs(server.app, 'districtA', 'persons', [{ newDocumentState: live(person) }]);
    await pushAs(server.app, 'districtA', 'encounters', [{ newDocumentState: live(encounter) }]);
    await pushAs(server.app, 'districtA', 'immunizations', [{ newDocumentState: live(immunization) }]);
    return { person, encounter, immunization };
  }

  it('evicts the resident and its records from the old commune and hands them to the new one', async () => {
    const { person, encounter, immunization } = await registerWithRecords(TEST_UNITS.stationA1, 'move-1');
    const a1 = await pullAll('stationA1');
    const district = await pullAll('districtA');
    expect(a1.documents['encounters']?.map((d) => d['id'])).toContain(encounter.id);

    const moved = editedPerson(person, 'ttyt-a', 30, { orgUnitId: TEST_UNITS.stationA2 });
    expect(
      await pushAs(server.app, 'districtA', 'persons', [
        { assumedMasterState: live(person), newDocumentState: live(moved) },
      ]),
    ).toEqual([]);

    const a1After = await pullAll('stationA1', a1.checkpoints);
    expect(a1After.documents['persons']).toEqual([
      expect.objectContaining({ id: person.id, _deleted: true }),
    ]);
    expect(a1After.documents['encounters']).toEqual([
      expect.objectContaining({ id: encounter.id, _deleted: true }),
    ]);
    expect(a1After.documents['immunizations']).toEqual([
      expect.objectContaining({ id: immunization.id, _deleted: true }),
    ]);
    // The tombstone tells the old commune nothing about the resident or where they went.
    const tombstones = JSON.stringify(a1After.documents);
    expect(tombstones).not.toContain(person.fullName);
    expect(tombstones).not.toContain(TEST_UNITS.stationA2);

    const a2 = await pullAll('stationA2');
    expect(a2.documents['persons']).toContainEqual(live(moved));
    expect(a2.documents['encounters']?.map((d) => d['id'])).toContain(encounter.id);
    expect(a2.documents['immunizations']?.map((d) => d['id'])).toContain(immunization.id);

    // The district sees both communes: the resident moved within its scope, so it gets the new version, no eviction.
    const districtAfter = await pullAll('districtA', district.checkpoints);
    expect(districtAfter.documents['persons']).toEqual([live(moved)]);
    expect(districtAfter.documents['encounters']).toEqual([
      expect.objectContaining({ id: encounter.id, _deleted: false }),
    ]);

    // The server keeps the record.
    const kept = (await server.storedDocuments('encounters')).find((d) => d['id'] === encounter.id);
    expect(kept).toMatchObject({ _deleted: false, advice: encounter.advice });
    expect(await server.db.select().from(evictions).where(eq(evictions.id, person.id))).toEqual([
      expect.objectContaining({ scopeUnitId: TEST_UNITS.stationA1, reason: 'moved' }),
    ]);
    const audited = await server.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'eviction' and ${auditLog.targetId} = ${person.id}`);
    expect(audited[0]?.detail).toMatchObject({
      fromUnitId: TEST_UNITS.stationA1,
      toUnitId: TEST_UNITS.stationA2,
      records: 2,
    });
  });

  it('refuses further writes of the old commune to a resident who moved away', async () => {
    const person = (await server.storedDocuments('persons')).find((d) => d['id'] === 'p-move-1');
    const stale = personIn(TEST_UNITS.stationA1, 'p-move-1', { email: 'cu@example.com' });
    const answer = await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(stale) }]);
    expect(answer).toEqual([expect.objectContaining({ id: 'p-move-1', _deleted: true })]);
    expect((await server.storedDocuments('persons')).find((d) => d['id'] === 'p-move-1')).toEqual(person);
  });

  it('evicts a resident merged into a record managed elsewhere, with the reason merged-away', async () => {
    const { person } = await registerWithRecords(TEST_UNITS.stationA1, 'merge-1');
    const a1 = await pullAll('stationA1');
    const mergedAway = editedPerson(person, 'so-y-te', 40, {
      status: 'merged',
      mergedInto: 'p-survivor-b1',
      orgUnitId: TEST_UNITS.stationB1,
    });
    await pushAs(server.app, 'city', 'persons', [
      { assumedMasterState: live(person), newDocumentState: live(mergedAway) },
    ]);

    const a1After = await pullAll('stationA1', a1.checkpoints);
    expect(a1After.documents['persons']).toEqual([
      expect.objectContaining({ id: person.id, _deleted: true }),
    ]);
    const [eviction] = await server.db.select().from(evictions).where(eq(evictions.id, person.id));
    expect(eviction?.reason).toBe('merged-away');
    expect((await pullAll('stationB1')).documents['persons']).toContainEqual(live(mergedAway));
  });

  it('gives a resident back to a commune they return to, after the eviction', async () => {
    const { person } = await registerWithRecords(TEST_UNITS.stationA1, 'return-1');
    const a1 = await pullAll('stationA1');
    const away = editedPerson(person, 'ttyt-a', 50, { orgUnitId: TEST_UNITS.stationA2 });
    await pushAs(server.app, 'districtA', 'persons', [
      { assumedMasterState: live(person), newDocumentState: live(away) },
    ]);
    const back = editedPerson(away, 'ttyt-a', 60, { orgUnitId: TEST_UNITS.stationA1 });
    await pushAs(server.app, 'districtA', 'persons', [
      { assumedMasterState: live(away), newDocumentState: live(back) },
    ]);

    const a1After = await pullAll('stationA1', a1.checkpoints);
    expect(a1After.documents['persons']).toEqual([live(back)]);
    expect(a1After.documents['encounters']).toEqual([
      expect.objectContaining({ id: 'e-return-1', _deleted: false }),
    ]);
    const a2 = await pullAll('stationA2');
    expect(a2.documents['persons']).toContainEqual(
      expect.objectContaining({ id: person.id, _deleted: true }),
    );
  });

  it("moves a record pushed before its resident into the resident's scope when the resident arrives", async () => {
    const person = personIn(TEST_UNITS.stationA2, 'p-orphan-1');
    const recordedAtA1 = encounterOf(person, 'e-orphan-1', { orgUnitId: TEST_UNITS.stationA1 });
    await pushAs(server.app, 'stationA1', 'encounters', [{ newDocumentState: live(recordedAtA1) }]);
    const a1 = await pullAll('stationA1');
    expect(a1.documents['encounters']?.map((d) => d['id'])).toContain('e-orphan-1');

    await pushAs(server.app, 'districtA', 'persons', [{ newDocumentState: live(person) }]);
    const a1After = await pullAll('stationA1', a1.checkpoints);
    expect(a1After.documents['encounters']).toEqual([
      expect.objectContaining({ id: 'e-orphan-1', _deleted: true }),
    ]);
    expect((await pullAll('stationA2')).documents['encounters']).toContainEqual(live(recordedAtA1));
  });
});
