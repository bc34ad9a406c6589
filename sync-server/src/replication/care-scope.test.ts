import type { AddressInfo } from 'node:net';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { auditLog } from '../db/schema/audit.ts';
import { careRelationships, quarantine } from '../db/schema/replication.ts';
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
import { serverSentEvents } from './rxdb-http-replication.test-support.ts';
import {
  createReplicationTestApp,
  PRINCIPAL_HEADER,
  TEST_UNITS,
  type ReplicationTestApp,
  type TestPrincipalName,
} from '../testing/replication-test-app.test-support.ts';

/** Waits until `condition` holds (polling), failing after five seconds. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The hospital scope (DESIGN.md §5): a hospital (`interop`) replicates exactly the residents it has a care
 * relationship with, with their whole history, wherever they live; it writes only its own records. A relationship
 * starts from evidence the server checks — here the city admin's approval of the hospital's refused first visit —
 * never from the hospital's own push.
 */
describe.each(testBackends)('the care scope of a hospital on $name', (backend) => {
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

  const ids = (page: { documents: Record<string, unknown>[] }) => page.documents.map((d) => d['id']);
  const hospitalVisit = (person: ReturnType<typeof personIn>, id: string) =>
    encounterOf(person, id, { orgUnitId: TEST_UNITS.hospital });

  async function pullToEnd(principal: TestPrincipalName, collection: string, from: number) {
    const page = await pullAs(server.app, principal, collection, from, 1000);
    return { ids: ids(page), checkpoint: page.checkpoint.seq, documents: page.documents };
  }

  /** The hospital's visit is refused for want of a care relationship, and the city admin approves it. */
  async function treat(person: ReturnType<typeof personIn>, visitId: string): Promise<number> {
    expect(
      await pushAs(server.app, 'hospital', 'encounters', [
        { newDocumentState: live(hospitalVisit(person, visitId)) },
      ]),
    ).toEqual([]);
    const [entry] = await server.db
      .select({ id: quarantine.id, reason: quarantine.reason })
      .from(quarantine)
      .where(and(eq(quarantine.documentId, visitId), isNull(quarantine.resolvedAt)));
    expect(entry?.reason).toBe('care-relationship-missing');
    const approved = await server.app.inject({
      method: 'POST',
      url: `/admin/quarantine/${String(entry?.id)}/reapply`,
      headers: { [PRINCIPAL_HEADER]: 'city' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    return entry?.id ?? 0;
  }

  it('never lets a hospital grant itself a resident by pushing a visit: nothing of the person is revealed', async () => {
    const person = personIn(TEST_UNITS.stationA1, 'p-care-claimed', { phones: ['0911222333'] });
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(person) }]);
    const draftVisit = encounterOf(person, 'e-care-claim', {
      orgUnitId: TEST_UNITS.hospital,
      status: 'draft',
    });
    const answer = await pushAs(server.app, 'hospital', 'encounters', [
      { newDocumentState: live(draftVisit) },
    ]);
    expect(answer).toEqual([]);
    for (const collection of ['persons', 'encounters', 'immunizations'])
      expect((await pullToEnd('hospital', collection, 0)).ids, collection).not.toContain('p-care-claimed');
    expect((await pullToEnd('hospital', 'persons', 0)).ids).toEqual([]);
    expect(await server.count('quarantine', sql`reason = 'care-relationship-missing'`)).toBe(1);
    expect(
      await server.db
        .select()
        .from(careRelationships)
        .where(eq(careRelationships.personId, 'p-care-claimed')),
    ).toEqual([]);
    // A district admin sees no hospital's refused writes; approving belongs to the city.
    const [entry] = await server.db
      .select()
      .from(quarantine)
      .where(eq(quarantine.documentId, 'e-care-claim'));
    const byDistrict = await server.app.inject({
      method: 'POST',
      url: `/admin/quarantine/${String(entry?.id)}/reapply`,
      headers: { [PRINCIPAL_HEADER]: 'districtA' },
    });
    expect(byDistrict.statusCode).toBe(404);
    await server.app.inject({
      method: 'POST',
      url: `/admin/quarantine/${String(entry?.id)}/dismiss`,
      headers: { [PRINCIPAL_HEADER]: 'city' },
      payload: { note: 'Không có lượt khám thật.' },
    });
  });

  it('sees nobody before treating anyone, then the treated resident with the history recorded before', async () => {
    const treatedLater = personIn(TEST_UNITS.stationA1, 'p-care-later');
    const treatedFirst = personIn(TEST_UNITS.stationB1, 'p-care-first');
    const untreated = personIn(TEST_UNITS.stationA1, 'p-care-untreated');
    const stationExam = encounterOf(treatedLater, 'e-care-station-exam');
    const stationDose = immunizationOf(treatedLater, 'i-care-station-dose');
    await pushAs(server.app, 'stationA1', 'persons', [
      { newDocumentState: live(treatedLater) },
      { newDocumentState: live(untreated) },
    ]);
    await pushAs(server.app, 'stationA1', 'encounters', [{ newDocumentState: live(stationExam) }]);
    await pushAs(server.app, 'stationA1', 'immunizations', [{ newDocumentState: live(stationDose) }]);
    await pushAs(server.app, 'stationB1', 'persons', [{ newDocumentState: live(treatedFirst) }]);

    expect((await pullToEnd('hospital', 'persons', 0)).ids).toEqual([]);
    expect((await pullToEnd('hospital', 'encounters', 0)).ids).toEqual([]);

    // First visit, approved: the hospital's checkpoint moves past every resident written so far.
    const firstApproval = await treat(treatedFirst, 'e-care-visit-1');
    const afterFirst = await pullToEnd('hospital', 'persons', 0);
    expect(afterFirst.ids).toEqual(['p-care-first']);

    // A resident stored long before that checkpoint: the relationship re-sequences their history.
    const laterApproval = await treat(treatedLater, 'e-care-visit-2');
    const persons = await pullToEnd('hospital', 'persons', afterFirst.checkpoint);
    expect(persons.ids).toEqual(['p-care-later']);
    expect(persons.documents[0]).toEqual(live(treatedLater));
    expect((await pullToEnd('hospital', 'encounters', 0)).ids.sort()).toEqual([
      'e-care-station-exam',
      'e-care-visit-1',
      'e-care-visit-2',
    ]);
    expect((await pullToEnd('hospital', 'immunizations', 0)).ids).toEqual(['i-care-station-dose']);

    // The resident's station receives the hospital's visit with the resident's records; other stations do not.
    expect((await pullToEnd('stationA1', 'encounters', 0)).ids).toContain('e-care-visit-2');
    expect((await pullToEnd('stationB1', 'encounters', 0)).ids).not.toContain('e-care-visit-2');

    const relationships = await server.db
      .select()
      .from(careRelationships)
      .where(eq(careRelationships.unitId, TEST_UNITS.hospital));
    const grantedBy = (approval: number, visit: string) =>
      `quarantine/${String(approval)} 01T01_acccity (${visit})`;
    expect(relationships.map((r) => [r.personId, r.grantedBy]).sort()).toEqual([
      ['p-care-first', grantedBy(firstApproval, 'e-care-visit-1')],
      ['p-care-later', grantedBy(laterApproval, 'e-care-visit-2')],
    ]);
    const audited = await server.db
      .select({ targetId: auditLog.targetId, detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'care-relationship-started'), eq(auditLog.targetId, 'p-care-later')));
    expect(audited).toEqual([
      {
        targetId: 'p-care-later',
        detail: {
          unitId: TEST_UNITS.hospital,
          grantedBy: grantedBy(laterApproval, 'e-care-visit-2'),
          documents: 3,
        },
      },
    ]);
  });

  it('keeps following a treated resident who moves commune, and never sees the untreated', async () => {
    const person = personIn(TEST_UNITS.stationA2, 'p-care-mover');
    await pushAs(server.app, 'stationA2', 'persons', [{ newDocumentState: live(person) }]);
    await treat(person, 'e-care-mover-visit');
    const before = await pullToEnd('hospital', 'persons', 0);
    expect(before.ids).toContain('p-care-mover');
    expect(before.ids).not.toContain('p-care-untreated');

    const moved = editedPerson(person, 'ttyt-a', 40, { orgUnitId: TEST_UNITS.stationA1 });
    await pushAs(server.app, 'districtA', 'persons', [
      { assumedMasterState: live(person), newDocumentState: live(moved) },
    ]);
    const after = await pullToEnd('hospital', 'persons', before.checkpoint);
    expect(after.documents).toEqual([live(moved)]);
  });

  it('quarantines what a hospital may not write, and answers with what it may see', async () => {
    const person = personIn(TEST_UNITS.stationB1, 'p-care-writes');
    const stranger = personIn(TEST_UNITS.stationB1, 'p-care-stranger');
    await pushAs(server.app, 'stationB1', 'persons', [
      { newDocumentState: live(person) },
      { newDocumentState: live(stranger) },
    ]);
    await treat(person, 'e-care-writes-visit');
    const quarantinedBefore = await server.count('quarantine');

    // A resident's own document is the station's: the hospital gets the master back.
    const renamed = editedPerson(person, 'bv-1', 50, { phones: ['0912345678'] });
    expect(
      await pushAs(server.app, 'hospital', 'persons', [
        { assumedMasterState: live(person), newDocumentState: live(renamed) },
      ]),
    ).toEqual([live(person)]);
    // A resident it never treated: a tombstone, never the master.
    const strangerAnswer = await pushAs(server.app, 'hospital', 'persons', [
      {
        assumedMasterState: live(stranger),
        newDocumentState: live(editedPerson(stranger, 'bv-1', 50, { phones: ['0912345678'] })),
      },
    ]);
    expect(strangerAnswer).toEqual([expect.objectContaining({ id: 'p-care-stranger', _deleted: true })]);
    expect(JSON.stringify(strangerAnswer)).not.toContain(stranger.fullName);
    // A record in another unit's name, and a visit of someone the server does not know.
    await pushAs(server.app, 'hospital', 'encounters', [
      { newDocumentState: live(encounterOf(person, 'e-care-forged', { orgUnitId: TEST_UNITS.stationB1 })) },
      {
        newDocumentState: live(
          hospitalVisit(personIn(TEST_UNITS.stationB1, 'p-care-unknown'), 'e-care-unknown-person'),
        ),
      },
    ]);

    expect((await server.count('quarantine')) - quarantinedBefore).toBe(4);
    expect(
      await server.count(
        'quarantine',
        sql`reason = 'out-of-scope' and document_id in ('p-care-writes', 'p-care-stranger', 'e-care-forged', 'e-care-unknown-person')`,
      ),
    ).toBe(4);
    const stored = (await server.storedDocuments('encounters')).map((d) => d['id']);
    expect(stored).not.toContain('e-care-forged');
    expect(stored).not.toContain('e-care-unknown-person');
    const relationships = await server.db
      .select({ personId: careRelationships.personId })
      .from(careRelationships)
      .where(eq(careRelationships.unitId, TEST_UNITS.hospital));
    expect(relationships.map((r) => r.personId)).not.toContain('p-care-stranger');
    expect(relationships.map((r) => r.personId)).not.toContain('p-care-unknown');
  });

  it("streams a treated resident's changes wherever they are written", async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${String((server.app.server.address() as AddressInfo).port)}`;
    const person = personIn(TEST_UNITS.stationB1, 'p-care-streamed');
    const other = personIn(TEST_UNITS.stationB1, 'p-care-not-streamed');
    await pushAs(server.app, 'stationB1', 'persons', [
      { newDocumentState: live(person) },
      { newDocumentState: live(other) },
    ]);
    await treat(person, 'e-care-streamed-visit');

    const messages: unknown[] = [];
    const subscription = serverSentEvents(`${baseUrl}/sync/persons/stream`, {
      [PRINCIPAL_HEADER]: 'hospital',
    }).subscribe((message) => messages.push(message));
    await until(() => messages.length >= 1);
    const edited = editedPerson(person, 'tyt-b1', 60, { phones: ['0987000111'] });
    await pushAs(server.app, 'stationB1', 'persons', [
      {
        assumedMasterState: live(other),
        newDocumentState: live(editedPerson(other, 'tyt-b1', 60, { phones: ['0987000222'] })),
      },
      { assumedMasterState: live(person), newDocumentState: live(edited) },
    ]);
    await until(() => messages.length >= 2);
    subscription.unsubscribe();
    expect(messages).toEqual([
      'RESYNC',
      { documents: [live(edited)], checkpoint: { seq: expect.any(Number) as number } },
    ]);
  });
});
