import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import { unwrap } from '#shared/errors/result.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { auditLog } from '../../db/schema/audit.ts';
import { conflictLog, quarantine } from '../../db/schema/replication.ts';
import { testBackends } from '../../testing/test-databases.test-support.ts';
import { decryptDocument } from '../store/client-document.ts';
import {
  editedEncounter,
  editedImmunization,
  editedPerson,
  encounterOf,
  immunizationOf,
  live,
  personIn,
  pullAs,
  pushAs,
} from '../../record/domain-fixtures.test-support.ts';
import {
  createReplicationTestApp,
  TEST_UNITS,
  type ReplicationTestApp,
} from '../../testing/replication-test-app.test-support.ts';

describe.each(testBackends)('push outcomes on $name', (backend) => {
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

  const quarantined = (documentId: string) =>
    server.db.select().from(quarantine).where(eq(quarantine.documentId, documentId));
  const stored = async (collection: string, id: string) =>
    (await server.storedDocuments(collection)).find((d) => d['id'] === id);

  describe('quarantine', () => {
    it('keeps an invalid write whole with account, device and reason, and lets the rest of the batch through', async () => {
      const good = personIn(TEST_UNITS.stationA1, 'p-q-good');
      const bad = { ...live(personIn(TEST_UNITS.stationA1, 'p-q-bad')), sex: 'robot', phones: 'not a list' };
      const answer = await pushAs(server.app, 'stationA1', 'persons', [
        { newDocumentState: bad },
        { newDocumentState: live(good) },
      ]);

      expect(answer).toEqual([]);
      expect(await stored('persons', 'p-q-good')).toMatchObject({ id: 'p-q-good' });
      expect(await stored('persons', 'p-q-bad')).toBeUndefined();
      const [entry] = await quarantined('p-q-bad');
      expect(entry).toMatchObject({
        collection: 'persons',
        reason: 'document-invalid',
        accountId: 'acc-a1',
        deviceId: 'dev-a1',
        orgUnitId: TEST_UNITS.stationA1,
      });
      expect(entry?.detail).toMatchObject({
        issues: expect.arrayContaining([expect.objectContaining({ path: 'sex' })]) as unknown,
      });
      expect(JSON.stringify(entry?.detail)).not.toContain('robot');
      const content = decryptDocument(server.cipher, entry?.keyId ?? '', entry?.payload ?? new Uint8Array());
      expect(content).toEqual({ newDocumentState: bad });
    });

    it('answers an invalid update with the master, so the station returns to the stored state', async () => {
      const person = personIn(TEST_UNITS.stationA1, 'p-q-update');
      await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(person) }]);
      const answer = await pushAs(server.app, 'stationA1', 'persons', [
        { assumedMasterState: live(person), newDocumentState: { ...live(person), dateOfBirth: 'yesterday' } },
      ]);
      expect(answer).toEqual([live(person)]);
      expect(await quarantined('p-q-update')).toHaveLength(1);
    });

    it('refuses to change a signed encounter: the change is quarantined and the signed master returned', async () => {
      const person = personIn(TEST_UNITS.stationA1, 'p-q-signed');
      const signed = encounterOf(person, 'e-q-signed', {
        status: 'signed',
        signedAt: '2025-01-01T00:00:00.000Z',
        signer: { practitionerId: 'bs-01', name: 'Lê Văn Minh' },
      });
      await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(person) }]);
      await pushAs(server.app, 'stationA1', 'encounters', [{ newDocumentState: live(signed) }]);
      const changed = editedEncounter(signed, 'tyt-a', 5, { advice: 'Sửa sau khi ký' });

      const answer = await pushAs(server.app, 'stationA1', 'encounters', [
        { assumedMasterState: live(signed), newDocumentState: live(changed) },
      ]);
      expect(answer).toEqual([live(signed)]);
      expect((await quarantined('e-q-signed')).map((q) => q.reason)).toEqual(['signed-record-changed']);
      const deletion = await pushAs(server.app, 'stationA1', 'encounters', [
        { assumedMasterState: live(signed), newDocumentState: { ...live(signed), _deleted: true } },
      ]);
      expect(deletion).toEqual([live(signed)]);
      expect(await stored('encounters', 'e-q-signed')).toMatchObject({
        _deleted: false,
        advice: signed.advice,
      });
    });

    it('lets a station mark an immunization entered-in-error but not rewrite it', async () => {
      const person = personIn(TEST_UNITS.stationA1, 'p-q-imm');
      const dose = immunizationOf(person, 'i-q-imm');
      await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(person) }]);
      await pushAs(server.app, 'stationA1', 'immunizations', [{ newDocumentState: live(dose) }]);

      const rewritten = editedImmunization(dose, 'tyt-a', 5, { lot: 'OTHER-LOT' });
      expect(
        await pushAs(server.app, 'stationA1', 'immunizations', [
          { assumedMasterState: live(dose), newDocumentState: live(rewritten) },
        ]),
      ).toEqual([live(dose)]);
      const inError = editedImmunization(dose, 'tyt-a', 6, { status: 'entered-in-error' });
      expect(
        await pushAs(server.app, 'stationA1', 'immunizations', [
          { assumedMasterState: live(dose), newDocumentState: live(inError) },
        ]),
      ).toEqual([]);
      expect(await stored('immunizations', 'i-q-imm')).toMatchObject({
        status: 'entered-in-error',
        lot: dose.lot,
      });
      expect((await quarantined('i-q-imm')).map((q) => q.reason)).toEqual(['append-only-record-changed']);
    });

    it('never deletes a resident: the deletion is quarantined and the live master returned', async () => {
      const person = personIn(TEST_UNITS.stationA1, 'p-q-delete');
      await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(person) }]);
      const answer = await pushAs(server.app, 'stationA1', 'persons', [
        { assumedMasterState: live(person), newDocumentState: { ...live(person), _deleted: true } },
      ]);
      expect(answer).toEqual([live(person)]);
      expect(await stored('persons', 'p-q-delete')).toMatchObject({ _deleted: false });
      expect((await quarantined('p-q-delete')).map((q) => q.reason)).toEqual(['deletion-refused']);
    });
  });

  describe('server-side derivation and merge', () => {
    it('recomputes derived search fields and returns the stored version for the station to adopt', async () => {
      const person = personIn(TEST_UNITS.stationA1, 'p-m-derived');
      const answer = await pushAs(server.app, 'stationA1', 'persons', [
        { newDocumentState: { ...live(person), searchName: 'sai', identityKey: '' } },
      ]);
      expect(answer).toEqual([live(person)]);
      expect(await stored('persons', 'p-m-derived')).toMatchObject({ searchName: person.searchName });
    });

    it('merges concurrent edits of two stations field group by field group and logs all three versions', async () => {
      const base = personIn(TEST_UNITS.stationA1, 'p-m-concurrent');
      await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(base) }]);
      const byFirst = editedPerson(base, 'tyt-a1-dev1', 10, { phones: ['0987654321'] });
      const bySecond = editedPerson(base, 'tyt-a1-dev2', 20, {
        currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Số 3 ngõ 5 Hàng Bạc' },
      });

      expect(
        await pushAs(server.app, 'stationA1', 'persons', [
          { assumedMasterState: live(base), newDocumentState: live(byFirst) },
        ]),
      ).toEqual([]);
      const answer = await pushAs(server.app, 'stationA1Second', 'persons', [
        { assumedMasterState: live(base), newDocumentState: live(bySecond) },
      ]);

      expect(answer).toHaveLength(1);
      const merged = answer[0];
      expect(merged).toMatchObject({ phones: ['0987654321'], currentAddress: bySecond.currentAddress });
      expect(await stored('persons', 'p-m-concurrent')).toMatchObject({
        phones: ['0987654321'],
        currentAddress: bySecond.currentAddress,
      });
      const after = await pullAs(server.app, 'stationA1', 'persons', 0, 1000);
      expect(after.documents.find((d) => d['id'] === 'p-m-concurrent')).toEqual(merged);

      const [entry] = await server.db
        .select()
        .from(conflictLog)
        .where(eq(conflictLog.documentId, 'p-m-concurrent'));
      expect(entry).toMatchObject({ collection: 'persons', accountId: 'acc-a1-2', deviceId: 'dev-a1-2' });
      expect(entry?.rules).toEqual(expect.arrayContaining(['took-ours', 'took-theirs']));
      const logged = decryptDocument(server.cipher, entry?.keyId ?? '', entry?.payload ?? new Uint8Array());
      expect(logged).toMatchObject({ base: live(base), ours: live(bySecond), theirs: live(byFirst), merged });
      expect(
        await server.db
          .select()
          .from(auditLog)
          .where(sql`${auditLog.action} = 'merge' and ${auditLog.targetId} = 'p-m-concurrent'`),
      ).toHaveLength(1);
    });

    it('keeps a recorded death over a concurrent edit that would undo it, and quarantines that edit', async () => {
      const base = personIn(TEST_UNITS.stationA1, 'p-m-death', {
        status: 'deceased',
        deathDate: unwrap(parsePartialDate('2024')),
      });
      await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(base) }]);
      const byServer = editedPerson(base, 'tyt-a1-dev1', 10, { phones: ['0911111111'] });
      await pushAs(server.app, 'stationA1', 'persons', [
        { assumedMasterState: live(base), newDocumentState: live(byServer) },
      ]);
      const undo = editedPerson(base, 'tyt-a1-dev2', 20, { status: 'active', deathDate: undefined });

      const [merged] = await pushAs(server.app, 'stationA1Second', 'persons', [
        { assumedMasterState: live(base), newDocumentState: live(undo) },
      ]);
      expect(merged).toMatchObject({ status: 'deceased', phones: ['0911111111'] });
      expect((await quarantined('p-m-death')).map((q) => q.reason)).toEqual(['merge-quarantine']);
    });

    it('treats an insert of an id the server already holds as a collision and merges it', async () => {
      const first = personIn(TEST_UNITS.stationA1, 'p-m-collision');
      await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(first) }]);
      const second = editedPerson(first, 'tyt-a1-dev2', 30, { email: 'hoa@example.com' });
      const [merged] = await pushAs(server.app, 'stationA1Second', 'persons', [
        { newDocumentState: live(second) },
      ]);
      expect(merged).toMatchObject({ id: 'p-m-collision', email: 'hoa@example.com' });
      expect(await server.count('conflict_log', sql`document_id = 'p-m-collision'`)).toBe(1);
    });

    it('audits each push with its counts', async () => {
      const rows = await server.db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.action} = 'push' and ${auditLog.actorAccountId} = 'acc-a1-2'`);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]?.detail).toMatchObject({ rows: 1, merged: 1 });
    });
  });
});
