import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collections } from '#shared/schemas/collections.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { testBackends } from '../../testing/test-databases.test-support.ts';
import { encounterOf, live, personIn, pullAs, pushAs } from '../../record/domain-fixtures.test-support.ts';
import {
  createReplicationTestApp,
  PRINCIPAL_HEADER,
  TEST_BODY_LIMIT,
  TEST_UNITS,
  type ReplicationTestApp,
  type TestPrincipalName,
} from '../../testing/replication-test-app.test-support.ts';
import { rowsOf } from '../../db/sql-rows.ts';

describe.each(testBackends)('replication routes on $name', (backend) => {
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

  describe('pull and push', () => {
    it('stores a pushed resident and hands it back on pull with a sequence checkpoint', async () => {
      const before = await pullAs(server.app, 'stationA1', 'persons');
      const person = personIn(TEST_UNITS.stationA1, 'p-basic-1');
      expect(await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(person) }])).toEqual(
        [],
      );

      const page = await pullAs(server.app, 'stationA1', 'persons', before.checkpoint.seq);
      expect(page.documents).toEqual([live(person)]);
      expect(page.checkpoint.seq).toBeGreaterThan(before.checkpoint.seq);
      const empty = await pullAs(server.app, 'stationA1', 'persons', page.checkpoint.seq);
      expect(empty).toEqual({ documents: [], checkpoint: page.checkpoint });
    });

    it('pages in sequence order: a limit cuts the page and the checkpoint continues after it', async () => {
      const start = (await pullAs(server.app, 'stationA2', 'persons', 0, 1000)).checkpoint.seq;
      const people = [1, 2, 3, 4, 5].map((n) => personIn(TEST_UNITS.stationA2, `p-page-${String(n)}`));
      await pushAs(
        server.app,
        'stationA2',
        'persons',
        people.map((p) => ({ newDocumentState: live(p) })),
      );

      const first = await pullAs(server.app, 'stationA2', 'persons', start, 2);
      const second = await pullAs(server.app, 'stationA2', 'persons', first.checkpoint.seq, 2);
      const third = await pullAs(server.app, 'stationA2', 'persons', second.checkpoint.seq, 2);
      expect([...first.documents, ...second.documents, ...third.documents].map((d) => d['id'])).toEqual(
        people.map((p) => p.id),
      );
      expect(third.documents).toHaveLength(1);
    });

    it('keeps bodies encrypted: no name, identifier or address is readable in the documents table', async () => {
      const person = personIn(TEST_UNITS.stationA1, 'p-cipher-1', { fullName: 'Trần Văn Bí Mật' });
      await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(person) }]);
      const rows = rowsOf(
        await server.db.execute(
          sql`select * from documents where collection = 'persons' and id = 'p-cipher-1'`,
        ),
      );
      const raw = Buffer.from(rows[0]?.['body'] as Uint8Array).toString('latin1');
      expect(raw).not.toContain('Bí Mật');
      expect(raw).not.toContain(person.personalId ?? 'x');
      expect(raw).not.toContain('Hàng Bạc');
      expect(rows[0]?.['key_id']).toBe('test-key');
      expect(rows[0]?.['scope_unit_id']).toBe(TEST_UNITS.stationA1);
    });

    it('sends exactly the fields of the client schema plus _deleted, nothing server-side', async () => {
      const page = await pullAs(server.app, 'stationA1', 'persons');
      const allowed = new Set([...Object.keys(collections.persons.schema.properties), '_deleted']);
      expect(page.documents.length).toBeGreaterThan(0);
      for (const doc of page.documents) {
        expect(Object.keys(doc).filter((key) => !allowed.has(key))).toEqual([]);
      }
    });
  });

  describe('scope', () => {
    beforeAll(async () => {
      await pushAs(server.app, 'stationA1', 'persons', [
        { newDocumentState: live(personIn(TEST_UNITS.stationA1, 'p-scope-a1')) },
      ]);
      await pushAs(server.app, 'stationB1', 'persons', [
        { newDocumentState: live(personIn(TEST_UNITS.stationB1, 'p-scope-b1')) },
      ]);
    });

    const idsVisibleTo = async (principal: TestPrincipalName) =>
      (await pullAs(server.app, principal, 'persons', 0, 1000)).documents.map((d) => d['id']);

    it('shows a station its own commune only, a district its communes, the city everything', async () => {
      expect(await idsVisibleTo('stationA1')).toContain('p-scope-a1');
      expect(await idsVisibleTo('stationA1')).not.toContain('p-scope-b1');
      expect(await idsVisibleTo('stationB1')).toEqual(['p-scope-b1']);
      expect(await idsVisibleTo('districtA')).toEqual(expect.arrayContaining(['p-scope-a1', 'p-page-1']));
      expect(await idsVisibleTo('districtA')).not.toContain('p-scope-b1');
      expect(await idsVisibleTo('city')).toEqual(expect.arrayContaining(['p-scope-a1', 'p-scope-b1']));
    });

    it('counts what a replica has yet to pull, in its own scope, for first-sync progress', async () => {
      const countAs = async (principal: TestPrincipalName, checkpoint: number) => {
        const response = await server.app.inject({
          url: `/sync/persons/count?checkpoint=${String(checkpoint)}`,
          headers: { [PRINCIPAL_HEADER]: principal },
        });
        expect(response.statusCode, response.body).toBe(200);
        return response.json<{ documents: number }>().documents;
      };
      for (const principal of ['stationA1', 'stationB1', 'districtA', 'city'] as const) {
        const page = await pullAs(server.app, principal, 'persons', 0, 1000);
        expect(await countAs(principal, 0), principal).toBe(
          page.documents.filter((d) => !d['_deleted']).length,
        );
        expect(await countAs(principal, page.checkpoint.seq), principal).toBe(0);
      }
      const refused = await server.app.inject({
        url: '/sync/persons/count',
        headers: { [PRINCIPAL_HEADER]: 'reportViewer' },
      });
      expect(refused.statusCode).toBe(403);
    });

    it("applies the scope before the limit: a foreign commune's changes never shorten a page", async () => {
      const start = (await pullAs(server.app, 'stationB1', 'persons', 0, 1000)).checkpoint.seq;
      await pushAs(
        server.app,
        'stationA1',
        'persons',
        [1, 2, 3].map((n) => ({
          newDocumentState: live(personIn(TEST_UNITS.stationA1, `p-noise-${String(n)}`)),
        })),
      );
      await pushAs(server.app, 'stationB1', 'persons', [
        { newDocumentState: live(personIn(TEST_UNITS.stationB1, 'p-scope-b2')) },
        { newDocumentState: live(personIn(TEST_UNITS.stationB1, 'p-scope-b3')) },
      ]);
      const page = await pullAs(server.app, 'stationB1', 'persons', start, 2);
      expect(page.documents.map((d) => d['id'])).toEqual(['p-scope-b2', 'p-scope-b3']);
    });

    it("refuses a push to another commune's resident: quarantined, answered with a tombstone, master unchanged", async () => {
      const [master] = (await server.storedDocuments('persons')).filter((d) => d['id'] === 'p-scope-a1');
      const intruder = personIn(TEST_UNITS.stationA1, 'p-scope-a1', { fullName: 'Kẻ Giả Mạo' });
      const answer = await pushAs(server.app, 'stationB1', 'persons', [{ newDocumentState: live(intruder) }]);

      expect(answer).toHaveLength(1);
      expect(answer[0]).toMatchObject({ id: 'p-scope-a1', _deleted: true, fullName: '-' });
      expect(JSON.stringify(answer)).not.toContain(examplePersonName());
      const [after] = (await server.storedDocuments('persons')).filter((d) => d['id'] === 'p-scope-a1');
      expect(after).toEqual(master);
      expect(
        await server.count('quarantine', sql`document_id = 'p-scope-a1' and reason = 'out-of-scope'`),
      ).toBe(1);
    });

    it("refuses a new resident registered for another commune, and an encounter of another commune's resident", async () => {
      const foreign = personIn(TEST_UNITS.stationA1, 'p-scope-foreign');
      expect(await pushAs(server.app, 'stationB1', 'persons', [{ newDocumentState: live(foreign) }])).toEqual(
        [],
      );
      const encounter = encounterOf(personIn(TEST_UNITS.stationB1, 'p-scope-a1'), 'e-scope-foreign');
      expect(
        await pushAs(server.app, 'stationB1', 'encounters', [{ newDocumentState: live(encounter) }]),
      ).toEqual([]);

      expect(await server.count('documents', sql`id in ('p-scope-foreign', 'e-scope-foreign')`)).toBe(0);
      expect(
        await server.count('quarantine', sql`document_id in ('p-scope-foreign', 'e-scope-foreign')`),
      ).toBe(2);
    });

    it("scopes a record by its person's managing unit, not by the unit that recorded it", async () => {
      const person = personIn(TEST_UNITS.stationA1, 'p-scope-a1');
      const recordedAtA2 = encounterOf(person, 'e-scope-recorded-a2', { orgUnitId: TEST_UNITS.stationA2 });
      await pushAs(server.app, 'districtA', 'encounters', [{ newDocumentState: live(recordedAtA2) }]);

      const seenBy = async (principal: TestPrincipalName) =>
        (await pullAs(server.app, principal, 'encounters', 0, 1000)).documents.map((d) => d['id']);
      expect(await seenBy('stationA1')).toContain('e-scope-recorded-a2');
      expect(await seenBy('stationA2')).not.toContain('e-scope-recorded-a2');
    });
  });

  describe('who may replicate', () => {
    const statusAndCode = async (principal: TestPrincipalName | undefined) => {
      const response = await server.app.inject({
        url: '/sync/persons/pull',
        headers: principal === undefined ? {} : { [PRINCIPAL_HEADER]: principal },
      });
      return [response.statusCode, response.json<{ error: { code: string } }>().error.code];
    };

    it('answers 401 without a session and 403 to roles that never see person-level records', async () => {
      expect(await statusAndCode(undefined)).toEqual([401, 'auth-required']);
      expect(await statusAndCode('reportViewer')).toEqual([403, 'forbidden-role']);
      expect(await statusAndCode('itAdmin')).toEqual([403, 'forbidden-role']);
    });

    it('requires a verified device for station staff and a changed password first', async () => {
      expect(await statusAndCode('stationA1WithoutDevice')).toEqual([403, 'replication-device-required']);
      expect(await statusAndCode('mustChangePassword')).toEqual([403, 'password-change-required']);
    });
  });

  describe('bad input', () => {
    const push = (body: string, collection = 'persons', contentType = 'application/json') =>
      server.app.inject({
        method: 'POST',
        url: `/sync/${collection}/push`,
        headers: { [PRINCIPAL_HEADER]: 'stationA1', 'content-type': contentType },
        payload: body,
      });
    const writes = async () =>
      (await server.count('documents')) +
      (await server.count('quarantine')) +
      (await server.count('audit_log'));

    it.each([
      ['malformed JSON', () => push('[{"newDocumentState": {'), 400, 'json-malformed'],
      ['an object instead of rows', () => push('{"newDocumentState": {}}'), 400, 'request-invalid'],
      ['a row whose state is a string', () => push('[{"newDocumentState": "x"}]'), 400, 'request-invalid'],
      [
        'a row with an unknown key',
        () => push('[{"newDocumentState": {}, "extra": 1}]'),
        400,
        'request-invalid',
      ],
      ['an unknown collection', () => push('[]', 'patients'), 404, 'collection-unknown'],
      [
        'a SQL-looking collection',
        () => push('[]', encodeURIComponent("persons';drop table documents;--")),
        404,
        'collection-unknown',
      ],
      [
        'a script-looking collection',
        () => push('[]', encodeURIComponent('<script>alert(1)</script>')),
        404,
        'collection-unknown',
      ],
      ['a body over the limit', () => push(`[${' '.repeat(TEST_BODY_LIMIT)}]`), 413, 'body-too-large'],
      ['a non-JSON media type', () => push('x', 'persons', 'text/plain'), 400, 'request-invalid'],
    ])('answers %s with a stable 4xx code and writes nothing', async (_name, send, status, code) => {
      const before = await writes();
      const response = await send();
      expect(response.statusCode).toBe(status);
      expect(response.json<{ error: { code: string } }>().error.code).toBe(code);
      expect(await writes()).toBe(before);
    });

    it.each([
      ['checkpoint=abc', 'request-invalid'],
      ['checkpoint=-1', 'request-invalid'],
      ['limit=0', 'request-invalid'],
      ['limit=100000', 'request-invalid'],
      ['checkpoint=1%20or%201%3D1', 'request-invalid'],
      ['since=3', 'request-invalid'],
    ])('answers a pull with %s with 400 %s', async (query, code) => {
      const response = await server.app.inject({
        url: `/sync/persons/pull?${query}`,
        headers: { [PRINCIPAL_HEADER]: 'stationA1' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe(code);
    });

    it('stores SQL- and script-looking text as plain data, and quarantines an id that is not an id', async () => {
      const sneaky = personIn(TEST_UNITS.stationA1, 'p-sneaky-1', {
        fullName: "Robert'); DROP TABLE documents;--",
        givenName: '<script>alert(1)</script>',
      });
      const badId = { ...live(personIn(TEST_UNITS.stationA1, 'p-x')), id: "x' OR '1'='1" };
      await pushAs(server.app, 'stationA1', 'persons', [
        { newDocumentState: live(sneaky) },
        { newDocumentState: badId },
      ]);

      const stored = (await server.storedDocuments('persons')).find((d) => d['id'] === 'p-sneaky-1');
      expect(stored?.['fullName']).toBe("Robert'); DROP TABLE documents;--");
      expect(await server.count('documents', sql`id = ${"x' OR '1'='1"}`)).toBe(0);
      expect(
        await server.count(
          'quarantine',
          sql`document_id = ${"x' OR '1'='1"} and reason = 'document-invalid'`,
        ),
      ).toBe(1);
    });
  });
});

function examplePersonName(): string {
  return personIn(TEST_UNITS.stationA1, 'x').fullName;
}
