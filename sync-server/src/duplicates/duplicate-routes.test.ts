import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { editedPerson, live, personIn, pushAs } from '../replication/domain-fixtures.test-support.ts';
import {
  createReplicationTestApp,
  PRINCIPAL_HEADER,
  TEST_UNITS,
  type ReplicationTestApp,
  type TestPrincipalName,
} from '../replication/replication-test-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';

type Candidate = {
  id: number;
  reasons: string[];
  state: string;
  note: string | null;
  a: { id: string; fullName: string; orgUnitId: string };
  b: { id: string; fullName: string; orgUnitId: string };
};

/** A resident without the fixtures' BHYT card (every fixture person would share its BHXH number). */
const resident = (unit: string, id: string, changes: Parameters<typeof personIn>[2] = {}) =>
  personIn(unit, id, { bhytCards: [], ...changes });

/** Duplicate detection on accepted pushes and the scoped review (issue 7, Art. 8.2d, 13.5). */
describe.each(testBackends)('potential duplicate residents on $name', (backend) => {
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

  const as = (principal: TestPrincipalName, method: 'GET' | 'POST', url: string, payload?: object) =>
    server.app.inject({
      method,
      url,
      headers: { [PRINCIPAL_HEADER]: principal },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const listed = async (principal: TestPrincipalName, state = 'open') =>
    (await as(principal, 'GET', `/admin/duplicates?state=${state}`)).json<{ candidates: Candidate[] }>()
      .candidates;
  const audited = (action: string) => server.count('audit_log', sql`action = ${action}`);

  it('queues residents of two districts who share a CCCD for both districts, and no one else', async () => {
    const inA = resident(TEST_UNITS.stationA1, 'p-dup-a', {
      fullName: 'Nguyễn Văn Ấn',
      personalId: '001080099999',
    });
    const inB = resident(TEST_UNITS.stationB1, 'p-dup-b', {
      fullName: 'Nguyễn Văn Án',
      personalId: '001080099999',
    });
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(inA) }]);
    await pushAs(server.app, 'stationB1', 'persons', [{ newDocumentState: live(inB) }]);

    for (const district of ['districtA', 'districtB', 'city'] as const) {
      expect(
        (await listed(district)).map((c) => [c.a.id, c.b.id, c.reasons]),
        district,
      ).toContainEqual(['p-dup-a', 'p-dup-b', ['name-birth-sex', 'personal-id']]);
    }
    const [candidate] = (await listed('districtB')).filter((c) => c.a.id === 'p-dup-a');
    expect(candidate).toMatchObject({
      state: 'open',
      a: { fullName: 'Nguyễn Văn Ấn', orgUnitId: TEST_UNITS.stationA1 },
      b: { fullName: 'Nguyễn Văn Án', orgUnitId: TEST_UNITS.stationB1 },
    });
    // The index holds hashes, never the CCCD.
    const keys = await server.db.execute(sql`select key_hash from person_identity_keys`);
    expect(JSON.stringify(keys)).not.toContain('001080099999');
    for (const principal of ['stationA1', 'reportViewer', 'hospital', 'itAdmin'] as const) {
      expect((await as(principal, 'GET', '/admin/duplicates')).statusCode, principal).toBe(403);
    }
  });

  it('keeps a pair inside one district to that district, and finds name + birth + sex without diacritics', async () => {
    const first = resident(TEST_UNITS.stationA1, 'p-dup-name-1', {
      fullName: 'Trần Thị Hoà',
      personalId: '001190011111',
    });
    const second = resident(TEST_UNITS.stationA2, 'p-dup-name-2', {
      fullName: 'Tran Thi Hoa',
      personalId: '001190022222',
    });
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(first) }]);
    await pushAs(server.app, 'stationA2', 'persons', [{ newDocumentState: live(second) }]);
    const pair = (await listed('districtA')).find((c) => c.a.id === 'p-dup-name-1');
    expect(pair?.reasons).toEqual(['name-birth-sex']);
    expect((await listed('districtB')).map((c) => c.a.id)).not.toContain('p-dup-name-1');
    // A later edit that changes the name apart ends nothing by itself, but reasons of an open pair follow the record.
    await pushAs(server.app, 'stationA2', 'persons', [
      {
        assumedMasterState: live(second),
        newDocumentState: live(editedPerson(second, 'dev-a2', 30, { personalId: '001190011111' })),
      },
    ]);
    expect((await listed('districtA')).find((c) => c.a.id === 'p-dup-name-1')?.reasons).toEqual([
      'name-birth-sex',
      'personal-id',
    ]);
  });

  it('opens a pair side by side (audited) and records "not a duplicate" once, with a note', async () => {
    const [candidate] = (await listed('districtA')).filter((c) => c.a.id === 'p-dup-a');
    if (candidate === undefined) throw new Error('no candidate');
    const url = `/admin/duplicates/${String(candidate.id)}`;
    const reads = await audited('duplicate-reviewed');
    const opened = await as('districtB', 'GET', url);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json<{ persons: { id: string }[] }>().persons.map((p) => p.id)).toEqual([
      'p-dup-a',
      'p-dup-b',
    ]);
    expect(await audited('duplicate-reviewed')).toBe(reads + 2);

    const short = await as('districtA', 'POST', `${url}/not-duplicate`, { note: 'x' });
    expect(short.statusCode).toBe(400);
    const decided = await as('districtA', 'POST', `${url}/not-duplicate`, {
      note: 'Hai anh em sinh đôi, đã xác minh.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      state: 'not-duplicate',
      note: 'Hai anh em sinh đôi, đã xác minh.',
    });
    expect((await as('districtB', 'POST', `${url}/not-duplicate`, { note: 'lần hai' })).statusCode).toBe(409);
    expect((await listed('districtA')).map((c) => c.id)).not.toContain(candidate.id);
    expect((await listed('districtA', 'resolved')).map((c) => c.id)).toContain(candidate.id);
    expect(await audited('duplicate-dismissed')).toBe(1);

    // A decided pair is not reopened by a later write of either resident.
    const inA = (await server.storedDocuments('persons')).find((doc) => doc['id'] === 'p-dup-a');
    if (inA === undefined) throw new Error('p-dup-a is not stored');
    await pushAs(server.app, 'stationA1', 'persons', [
      {
        assumedMasterState: inA,
        newDocumentState: live(
          editedPerson(
            resident(TEST_UNITS.stationA1, 'p-dup-a', {
              fullName: 'Nguyễn Văn Ấn',
              personalId: '001080099999',
            }),
            'dev-a1',
            40,
            { phones: ['0912000111'] },
          ),
        ),
      },
    ]);
    expect((await listed('city')).map((c) => c.id)).not.toContain(candidate.id);
  });
});
