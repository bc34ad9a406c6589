import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
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
  PRINCIPAL_HEADER,
  TEST_UNITS,
  type ReplicationTestApp,
  type TestPrincipalName,
} from '../testing/replication-test-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';

type Side = { visible: true; id: string; fullName: string; orgUnitId: string } | { visible: false };
type Candidate = {
  id: number;
  reasons: string[];
  state: string;
  note: string | null;
  access: 'decide' | 'own-side';
  decider: { id: string; name: string } | null;
  a: Side;
  b: Side;
};
const idOf = (side: Side) => (side.visible ? side.id : undefined);

/** A resident without the fixtures' BHYT card (every fixture person would share its BHXH number). */
const resident = (unit: string, id: string, changes: Parameters<typeof personIn>[2] = {}) =>
  personIn(unit, id, { bhytCards: [], ...changes });

/** Duplicate detection on accepted pushes and the scoped review (Art. 8.2d, 13.5). */
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
  const stored = async (collection: string, id: string) =>
    (await server.storedDocuments(collection)).find((doc) => doc['id'] === id);

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

    const reasons = ['name-birth-sex', 'personal-id', 'short-name-birth-sex'];
    // Each district sees its own resident only; the city, the unit above both, sees both and decides.
    expect(
      (await listed('districtA')).map((c) => [idOf(c.a), idOf(c.b), c.reasons, c.access]),
    ).toContainEqual(['p-dup-a', undefined, reasons, 'own-side']);
    expect(
      (await listed('districtB')).map((c) => [idOf(c.a), idOf(c.b), c.reasons, c.access]),
    ).toContainEqual([undefined, 'p-dup-b', reasons, 'own-side']);
    const [candidate] = (await listed('city')).filter((c) => idOf(c.a) === 'p-dup-a');
    expect(candidate).toMatchObject({
      state: 'open',
      access: 'decide',
      decider: { id: TEST_UNITS.city },
      a: { fullName: 'Nguyễn Văn Ấn', orgUnitId: TEST_UNITS.stationA1 },
      b: { fullName: 'Nguyễn Văn Án', orgUnitId: TEST_UNITS.stationB1 },
    });
    const seenByB = JSON.stringify(await listed('districtB'));
    expect(seenByB).not.toContain('Nguyễn Văn Ấn');
    expect(seenByB).not.toContain(TEST_UNITS.stationA1);
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
    const pair = (await listed('districtA')).find((c) => idOf(c.a) === 'p-dup-name-1');
    expect(pair?.reasons).toEqual(['name-birth-sex', 'short-name-birth-sex']);
    expect(pair?.access).toBe('decide');
    expect(pair?.decider?.id).toBe(TEST_UNITS.centreA);
    expect((await listed('districtB')).map((c) => idOf(c.a))).not.toContain('p-dup-name-1');
    // A later edit that changes the name apart ends nothing by itself, but reasons of an open pair follow the record.
    await pushAs(server.app, 'stationA2', 'persons', [
      {
        assumedMasterState: live(second),
        newDocumentState: live(editedPerson(second, 'dev-a2', 30, { personalId: '001190011111' })),
      },
    ]);
    expect((await listed('districtA')).find((c) => idOf(c.a) === 'p-dup-name-1')?.reasons).toEqual([
      'name-birth-sex',
      'personal-id',
      'short-name-birth-sex',
    ]);
  });

  it('queues two duplicates written in the same push once, and leaves different people alone', async () => {
    const twinA = resident(TEST_UNITS.stationA2, 'p-batch-1', {
      fullName: 'Đặng Văn Kiên',
      personalId: '001085044444',
    });
    const twinB = resident(TEST_UNITS.stationA2, 'p-batch-2', {
      fullName: 'Đặng Kiên',
      personalId: '001085044444',
    });
    const other = resident(TEST_UNITS.stationA2, 'p-batch-3', {
      fullName: 'Hồ Thị Mận',
      personalId: '001185055555',
    });
    await pushAs(
      server.app,
      'stationA2',
      'persons',
      [twinA, twinB, other].map((p) => ({ newDocumentState: live(p) })),
    );
    const pairs = (await listed('districtA')).filter((c) =>
      [idOf(c.a), idOf(c.b)].some((id) => id?.startsWith('p-batch-')),
    );
    expect(pairs.map((c) => [idOf(c.a), idOf(c.b), c.reasons])).toEqual([
      ['p-batch-1', 'p-batch-2', ['personal-id', 'short-name-birth-sex']],
    ]);
  });

  it('opens a pair side by side (audited) and records "not a duplicate" once, with a note', async () => {
    const [candidate] = (await listed('city')).filter((c) => idOf(c.a) === 'p-dup-a');
    if (candidate === undefined) throw new Error('no candidate');
    const url = `/admin/duplicates/${String(candidate.id)}`;
    const reads = await audited('duplicate-reviewed');
    // District B opens its own resident only; the other district's record stays closed (and unaudited as a read).
    const ownSide = await as('districtB', 'GET', url);
    expect(ownSide.statusCode, ownSide.body).toBe(200);
    expect(ownSide.json<{ persons: ({ id: string } | null)[] }>().persons.map((p) => p?.id ?? null)).toEqual([
      null,
      'p-dup-b',
    ]);
    expect(ownSide.body).not.toContain('Nguyễn Văn Ấn');
    expect(ownSide.body).not.toContain('p-dup-a');
    expect(await audited('duplicate-reviewed')).toBe(reads + 1);
    const opened = await as('city', 'GET', url);
    expect(opened.json<{ persons: { id: string }[] }>().persons.map((p) => p.id)).toEqual([
      'p-dup-a',
      'p-dup-b',
    ]);
    expect(await audited('duplicate-reviewed')).toBe(reads + 3);

    const short = await as('city', 'POST', `${url}/not-duplicate`, { note: 'x' });
    expect(short.statusCode).toBe(400);
    const above = await as('districtA', 'POST', `${url}/not-duplicate`, { note: 'Không phải một người.' });
    expect(above.statusCode).toBe(403);
    expect(above.json<{ error: { code: string } }>().error.code).toBe('duplicate-decided-above');
    const decided = await as('city', 'POST', `${url}/not-duplicate`, {
      note: 'Hai anh em sinh đôi, đã xác minh.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      state: 'not-duplicate',
      note: 'Hai anh em sinh đôi, đã xác minh.',
    });
    expect((await as('city', 'POST', `${url}/not-duplicate`, { note: 'lần hai' })).statusCode).toBe(409);
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

  it('merges a cross-district pair into the survivor, moves the other record’s exams and doses, and undoes it', async () => {
    const survivor = resident(TEST_UNITS.stationA1, 'p-merge-keep', {
      fullName: 'Lê Thị Thu',
      personalId: '001190033333',
      phones: ['0911000111'],
    });
    const other = resident(TEST_UNITS.stationB1, 'p-merge-away', {
      fullName: 'Lê Thị Thu',
      personalId: '001190033333',
      phones: ['0988000222'],
      email: 'thu@example.vn',
    });
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(survivor) }]);
    await pushAs(server.app, 'stationB1', 'persons', [{ newDocumentState: live(other) }]);
    const signedExam = encounterOf(other, 'e-merge-away', {
      status: 'signed',
      signer: { practitionerId: 'nv-b1', name: 'Nhân viên B1' },
      signedAt: '2026-03-01T02:00:00.000Z',
    });
    await pushAs(server.app, 'stationB1', 'encounters', [{ newDocumentState: live(signedExam) }]);
    await pushAs(server.app, 'stationB1', 'immunizations', [
      { newDocumentState: live(immunizationOf(other, 'i-merge-away')) },
    ]);
    const pair = (await listed('city')).find(
      (c) => idOf(c.a) === 'p-merge-away' || idOf(c.b) === 'p-merge-away',
    );
    if (pair === undefined) throw new Error('the pair was not queued');
    const url = `/admin/duplicates/${String(pair.id)}`;
    const bHead = (await pullAs(server.app, 'stationB1', 'persons')).checkpoint.seq;
    const aHead = (await pullAs(server.app, 'stationA1', 'encounters')).checkpoint.seq;

    expect((await as('city', 'POST', `${url}/merge`, { survivorId: 'p-nobody', take: {} })).statusCode).toBe(
      400,
    );
    // A merge that moves a person from one district to another needs authority over both: the city's.
    const byDistrict = await as('districtA', 'POST', `${url}/merge`, {
      survivorId: 'p-merge-keep',
      take: { contact: 'other' },
    });
    expect(byDistrict.statusCode).toBe(403);
    expect(await stored('persons', 'p-merge-away')).toMatchObject({ status: 'active' });
    const merged = await as('city', 'POST', `${url}/merge`, {
      survivorId: 'p-merge-keep',
      take: { contact: 'other' },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toEqual({
      survivorId: 'p-merge-keep',
      loserId: 'p-merge-away',
      takenGroups: ['contact'],
      repointed: 2,
    });
    expect(await stored('persons', 'p-merge-keep')).toMatchObject({
      phones: ['0988000222'],
      email: 'thu@example.vn',
      status: 'active',
    });
    expect(await stored('persons', 'p-merge-away')).toMatchObject({
      status: 'merged',
      mergedInto: 'p-merge-keep',
      orgUnitId: TEST_UNITS.stationA1,
    });
    // The signed exam and the dose now belong to the survivor; the exam is still signed, its content unchanged.
    expect(await stored('encounters', 'e-merge-away')).toMatchObject({
      personId: 'p-merge-keep',
      status: 'signed',
      signedAt: signedExam.signedAt,
    });
    expect(await stored('immunizations', 'i-merge-away')).toMatchObject({ personId: 'p-merge-keep' });
    // Both replicas hear of it: commune B's drops the redirect, commune A's receives it and the moved exam.
    const bPull = await pullAs(server.app, 'stationB1', 'persons', bHead);
    expect(bPull.documents.find((d) => d['id'] === 'p-merge-away')).toMatchObject({ _deleted: true });
    const aPull = await pullAs(server.app, 'stationA1', 'encounters', aHead);
    expect(aPull.documents.find((d) => d['id'] === 'e-merge-away')).toMatchObject({
      personId: 'p-merge-keep',
      _deleted: false,
    });
    expect((await as('city', 'POST', `${url}/merge`, { survivorId: 'p-merge-away' })).statusCode).toBe(409);
    // Both records are now managed in district A: district B no longer sees the pair.
    expect((await as('districtB', 'GET', url)).statusCode).toBe(404);
    expect(await audited('duplicate-merged')).toBe(1);

    // Only a city admin undoes; the redirect, its unit, its records and the survivor's own contact come back.
    expect((await as('districtA', 'POST', `${url}/undo`)).statusCode).toBe(403);
    const undone = await as('city', 'POST', `${url}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await stored('persons', 'p-merge-keep')).toMatchObject({ phones: ['0911000111'] });
    expect((await stored('persons', 'p-merge-keep'))?.['email']).toBeUndefined();
    expect(await stored('persons', 'p-merge-away')).toMatchObject({
      status: 'active',
      orgUnitId: TEST_UNITS.stationB1,
    });
    expect((await stored('persons', 'p-merge-away'))?.['mergedInto']).toBeUndefined();
    expect(await stored('encounters', 'e-merge-away')).toMatchObject({
      personId: 'p-merge-away',
      status: 'signed',
    });
    expect((await listed('city')).find((c) => c.id === pair.id)?.state).toBe('open');
    expect(await audited('duplicate-merge-undone')).toBe(1);
  });

  it('never shows a district admin another district’s resident through a bait record, nor lets them take it', async () => {
    const victim = resident(TEST_UNITS.stationB1, 'p-victim', {
      fullName: 'Phạm Thị Bí Mật',
      personalId: '001195077777',
      phones: ['0977000777'],
    });
    await pushAs(server.app, 'stationB1', 'persons', [{ newDocumentState: live(victim) }]);
    await pushAs(server.app, 'stationB1', 'immunizations', [
      { newDocumentState: live(immunizationOf(victim, 'i-victim')) },
    ]);
    // District A's admin replicates with a session alone and registers a made-up person with the victim's CCCD,
    // name, date of birth and sex in one of their communes.
    const bait = resident(TEST_UNITS.stationA1, 'p-bait', {
      fullName: 'Phạm Thị Bí Mật',
      personalId: '001195077777',
    });
    await pushAs(server.app, 'districtA', 'persons', [{ newDocumentState: live(bait) }]);
    const pair = (await listed('districtA')).find((c) => [idOf(c.a), idOf(c.b)].includes('p-bait'));
    if (pair === undefined) throw new Error('the pair was not queued');
    expect(pair.access).toBe('own-side');
    expect(pair.decider).toMatchObject({ id: TEST_UNITS.city, name: 'Sở Y tế Hà Nội' });
    const url = `/admin/duplicates/${String(pair.id)}`;
    const opened = await as('districtA', 'GET', url);
    expect(opened.statusCode).toBe(200);
    for (const secret of ['p-victim', '0977000777', victim.healthId, TEST_UNITS.stationB1]) {
      expect(opened.body).not.toContain(secret);
      expect(JSON.stringify(await listed('districtA'))).not.toContain(secret);
    }
    // Nor can they merge it into their own record, taking every group (which would move the resident), nor dismiss it.
    const take = Object.fromEntries(
      ['identifiers', 'name', 'demographics', 'addresses', 'contact', 'household', 'history'].map((g) => [
        g,
        'other',
      ]),
    );
    const merge = await as('districtA', 'POST', `${url}/merge`, { survivorId: 'p-bait', take });
    expect(merge.statusCode).toBe(403);
    expect(merge.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'duplicate-decided-above',
      message: expect.stringContaining('Sở Y tế Hà Nội') as unknown,
    });
    expect((await as('districtA', 'POST', `${url}/not-duplicate`, { note: 'Không trùng.' })).statusCode).toBe(
      403,
    );
    expect(await stored('persons', 'p-victim')).toMatchObject({
      status: 'active',
      orgUnitId: TEST_UNITS.stationB1,
    });
    expect(await stored('immunizations', 'i-victim')).toMatchObject({ personId: 'p-victim' });
    // The city, entitled to both, sees both whole and decides.
    const cityView = await as('city', 'GET', url);
    expect(cityView.json<{ access: string; persons: { id: string }[] }>()).toMatchObject({
      access: 'decide',
    });
    expect(
      cityView
        .json<{ persons: { id: string }[] }>()
        .persons.map((p) => p.id)
        .sort(),
    ).toEqual(['p-bait', 'p-victim']);
  });
});
