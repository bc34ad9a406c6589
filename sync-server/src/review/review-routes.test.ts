import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { editedPerson, live, personIn, pullAs, pushAs } from '../record/domain-fixtures.test-support.ts';
import {
  createReplicationTestApp,
  PRINCIPAL_HEADER,
  TEST_UNITS,
  type ReplicationTestApp,
  type TestPrincipalName,
} from '../testing/replication-test-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';

type Summary = {
  id: number;
  documentId: string;
  reason: string;
  resolution: string | null;
  resolvedAt: string | null;
};

describe.each(testBackends)('the review of quarantined writes and merges on $name', (backend) => {
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

  const as = (principal: TestPrincipalName, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    server.app.inject({
      method,
      url,
      headers: { [PRINCIPAL_HEADER]: principal },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const openEntries = async (principal: TestPrincipalName) =>
    (await as(principal, 'GET', '/admin/quarantine')).json<{ entries: Summary[] }>().entries;
  const audited = (action: string) => server.count('audit_log', sql`action = ${action}`);

  it('lets the admins of the sender’s subtree open a refused write and re-apply it where their scope allows', async () => {
    // Station A1 registers a resident of commune B1: refused and kept.
    const stray = personIn(TEST_UNITS.stationB1, 'p-review-stray');
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(stray) }]);
    const entry = (await openEntries('districtA')).find((e) => e.documentId === 'p-review-stray');
    expect(entry).toMatchObject({ reason: 'out-of-scope', resolution: null });
    if (entry === undefined) throw new Error('not quarantined');
    expect((await openEntries('districtB')).map((e) => e.id)).not.toContain(entry.id);
    expect((await as('districtB', 'GET', `/admin/quarantine/${String(entry.id)}`)).statusCode).toBe(404);

    const reads = await audited('quarantine-reviewed');
    const opened = await as('districtA', 'GET', `/admin/quarantine/${String(entry.id)}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({
      write: { newDocumentState: { id: 'p-review-stray' } },
      current: null,
    });
    expect(await audited('quarantine-reviewed')).toBe(reads + 1);

    // District A may not write into commune B1 either: refused again, the entry stays open, nothing stored.
    const byDistrict = await as('districtA', 'POST', `/admin/quarantine/${String(entry.id)}/reapply`);
    expect(byDistrict.statusCode).toBe(409);
    expect(byDistrict.json()).toMatchObject({ error: { code: 'review-reapply-refused' } });
    expect((await openEntries('districtA')).map((e) => e.id)).toContain(entry.id);
    expect((await server.storedDocuments('persons')).map((d) => d['id'])).not.toContain('p-review-stray');

    // The city may: the write goes through the push path and reaches commune B1's replicas.
    const byCity = await as('city', 'POST', `/admin/quarantine/${String(entry.id)}/reapply`);
    expect(byCity.statusCode, byCity.body).toBe(200);
    expect(byCity.json()).toMatchObject({ resolution: 'reapplied' });
    expect(
      (await pullAs(server.app, 'stationB1', 'persons', 0, 1000)).documents.map((d) => d['id']),
    ).toContain('p-review-stray');
    // The record now lives in commune B1: district A still sees the write it reviewed, never B1's record.
    expect((await as('districtA', 'GET', `/admin/quarantine/${String(entry.id)}`)).json()).toMatchObject({
      current: null,
    });
    expect((await as('city', 'GET', `/admin/quarantine/${String(entry.id)}`)).json()).toMatchObject({
      current: { document: { id: 'p-review-stray' }, deleted: false },
    });
    const again = await as('city', 'POST', `/admin/quarantine/${String(entry.id)}/reapply`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'review-already-resolved' } });
    expect(await audited('quarantine-reapplied')).toBe(1);
  });

  it('re-applies an entry once when two admins press at the same moment: one push, one resolution', async () => {
    const stray = personIn(TEST_UNITS.stationB1, 'p-review-twice');
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(stray) }]);
    const entry = (await openEntries('city')).find((e) => e.documentId === 'p-review-twice');
    if (entry === undefined) throw new Error('not quarantined');
    const pushesBefore = await server.count(
      'audit_log',
      sql`action = 'push' and actor_account_id = 'acc-city'`,
    );
    const reappliedBefore = await audited('quarantine-reapplied');
    const answers = await Promise.all([
      as('city', 'POST', `/admin/quarantine/${String(entry.id)}/reapply`),
      as('city', 'POST', `/admin/quarantine/${String(entry.id)}/reapply`),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json()).toMatchObject({
      error: { code: 'review-already-resolved' },
    });
    // The loser never pushed: the write and its resolution committed together, once.
    expect(await server.count('audit_log', sql`action = 'push' and actor_account_id = 'acc-city'`)).toBe(
      pushesBefore + 1,
    );
    expect(await audited('quarantine-reapplied')).toBe(reappliedBefore + 1);
  });

  it('takes a write only as its pusher’s (an admin’s own name), and re-applies one refused for its author credited to the admin', async () => {
    // An admin's ordinary push may not credit somebody else.
    const byDistrict = personIn(TEST_UNITS.stationA1, 'p-credit-district', { updatedBy: '01T01_acca1' });
    await pushAs(server.app, 'districtA', 'persons', [{ newDocumentState: live(byDistrict) }]);
    expect((await server.storedDocuments('persons')).map((d) => d['id'])).not.toContain('p-credit-district');
    expect((await openEntries('city')).find((e) => e.documentId === 'p-credit-district')).toMatchObject({
      reason: 'author-unknown',
    });
    const own = personIn(TEST_UNITS.stationA1, 'p-credit-own', { updatedBy: '01T01_accdistricta' });
    await pushAs(server.app, 'districtA', 'persons', [{ newDocumentState: live(own) }]);
    expect((await server.storedDocuments('persons')).find((d) => d['id'] === 'p-credit-own')).toMatchObject({
      updatedBy: '01T01_accdistricta',
    });

    // A station credits a write to a name that is no account of its commune: kept, and re-applied as the admin's.
    const stray = personIn(TEST_UNITS.stationA1, 'p-credit-unknown', { updatedBy: '01T01_nobody' });
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(stray) }]);
    const entry = (await openEntries('districtA')).find((e) => e.documentId === 'p-credit-unknown');
    expect(entry).toMatchObject({ reason: 'author-unknown', resolution: null });
    if (entry === undefined) throw new Error('not quarantined');
    const reapplied = await as('districtA', 'POST', `/admin/quarantine/${String(entry.id)}/reapply`);
    expect(reapplied.statusCode, reapplied.body).toBe(200);
    expect(reapplied.json()).toMatchObject({ resolution: 'reapplied', note: 'updatedBy 01T01_nobody' });
    expect(
      (await server.storedDocuments('persons')).find((d) => d['id'] === 'p-credit-unknown'),
    ).toMatchObject({
      updatedBy: '01T01_accdistricta',
    });
  });

  it('dismisses with a note, audited; refuses roles without review rights', async () => {
    const forged = {
      id: 'forged-review-pool',
      orgUnitId: TEST_UNITS.stationA1,
      firstSerial: 1,
      lastSerial: 5,
      allocatedAt: '2026-11-26T08:00:00.000Z',
    };
    await pushAs(server.app, 'stationA1', 'health-id-pools', [{ newDocumentState: live(forged) }]);
    const entry = (await openEntries('districtA')).find((e) => e.documentId === 'forged-review-pool');
    if (entry === undefined) throw new Error('not quarantined');
    expect(
      (await as('districtA', 'POST', `/admin/quarantine/${String(entry.id)}/dismiss`, { note: '' }))
        .statusCode,
    ).toBe(400);
    const dismissed = await as('districtA', 'POST', `/admin/quarantine/${String(entry.id)}/dismiss`, {
      note: 'Trạm không được tự tạo dải mã; đã nhắc trạm.',
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({
      resolution: 'dismissed',
      note: 'Trạm không được tự tạo dải mã; đã nhắc trạm.',
    });
    expect((await openEntries('districtA')).map((e) => e.id)).not.toContain(entry.id);
    const resolved = (await as('districtA', 'GET', '/admin/quarantine?state=resolved')).json<{
      entries: Summary[];
    }>();
    expect(resolved.entries.map((e) => e.id)).toContain(entry.id);
    expect(await audited('quarantine-dismissed')).toBe(1);
    for (const principal of ['stationA1', 'reportViewer', 'itAdmin', 'hospital'] as const) {
      expect((await as(principal, 'GET', '/admin/quarantine')).statusCode, principal).toBe(403);
    }
    expect((await server.app.inject({ url: '/admin/quarantine' })).statusCode).toBe(401);
  });

  it('shows a merge with its three versions to the admins of the record’s subtree only', async () => {
    const base = personIn(TEST_UNITS.stationA1, 'p-review-merge');
    await pushAs(server.app, 'stationA1', 'persons', [{ newDocumentState: live(base) }]);
    await pushAs(server.app, 'stationA1', 'persons', [
      {
        assumedMasterState: live(base),
        newDocumentState: live(editedPerson(base, 'dev-a1', 10, { phones: ['0987654321'] })),
      },
    ]);
    await pushAs(server.app, 'stationA1Second', 'persons', [
      {
        assumedMasterState: live(base),
        newDocumentState: live(
          editedPerson(base, 'dev-a1-2', 20, {
            currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Số 3 ngõ 5' },
          }),
        ),
      },
    ]);
    const listed = (await as('districtA', 'GET', '/admin/merges')).json<{
      merges: { id: number; documentId: string }[];
    }>();
    const merge = listed.merges.find((m) => m.documentId === 'p-review-merge');
    if (merge === undefined) throw new Error('no merge listed');
    expect(
      (await as('districtB', 'GET', '/admin/merges'))
        .json<{ merges: { id: number }[] }>()
        .merges.map((m) => m.id),
    ).not.toContain(merge.id);
    expect((await as('districtB', 'GET', `/admin/merges/${String(merge.id)}`)).statusCode).toBe(404);
    const opened = await as('districtA', 'GET', `/admin/merges/${String(merge.id)}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({
      merge: {
        base: { id: 'p-review-merge' },
        ours: { currentAddress: { detail: 'Số 3 ngõ 5' } },
        theirs: { phones: ['0987654321'] },
        merged: { phones: ['0987654321'], currentAddress: { detail: 'Số 3 ngõ 5' } },
      },
    });
    expect(await audited('merge-reviewed')).toBe(1);
  });
});
