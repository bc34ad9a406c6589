import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createActiveAccount,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from '../accounts/accounts-app.test-support.ts';
import { rowsOf } from '../db/sql-rows.ts';
import { documentUniqueKeys } from '../db/schema/unique-keys.ts';
import { createHealthIdKey } from '../health-ids/health-id-key.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';

type Entry = {
  seq: number;
  action: string;
  orgUnitId: string | null;
  targetId: string | null;
  detail: Record<string, unknown>;
};

describe.each(testBackends)('the audit log in the admin console on $name', (backend) => {
  let server: AccountsTestApp;

  beforeAll(async () => {
    server = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  const auditCount = async (where: ReturnType<typeof sql>) => {
    const rows = await server.database.db.execute(
      sql`select count(*)::int as n from audit_log where ${where}`,
    );
    return Number(rowsOf(rows)[0]?.['n']);
  };
  const search = async (token: string, query: string) => {
    const answer = await server.app.inject({ url: `/admin/audit?${query}`, headers: bearer(token) });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<{ entries: Entry[] }>().entries;
  };

  it('answers who read a resident, found by health ID and by user name, and filters by kind of act', async () => {
    const { cityAdmin, database, audit } = server;
    const station = await server.stationOf(units.centre1);
    const healthId = '0100000000042';
    const residentId = 'c3a1f2e0-5b7d-4e0a-9c1b-000000000042';
    await database.db.insert(documentUniqueKeys).values({
      collection: 'persons',
      keyHash: createHealthIdKey(undefined)(healthId),
      documentId: residentId,
    });
    const act = (action: 'person-read' | 'person-printed' | 'push', userName: string, targetId?: string) =>
      audit.append(database.db, {
        action,
        actorDeviceId: 'device-1',
        ...(targetId === undefined ? {} : { targetType: 'person', targetId }),
        orgUnitId: station,
        detail: { source: 'station', userName },
      });
    await act('person-read', '01T03_lanvt', residentId);
    await act('person-printed', '01T03_lanvt', residentId);
    await act('person-read', '01T03_hoang', residentId);
    await act('person-read', '01T03_lanvt', 'someone-else');
    await act('push', '01T03_lanvt');

    const readers = await search(cityAdmin.token, `healthId=${healthId}&actionGroup=read`);
    expect(readers.map((e) => [e.action, e.targetId])).toEqual([
      ['person-read', residentId],
      ['person-read', residentId],
    ]);
    // A user name as typed, in any case: what the station credited to it.
    const byLan = await search(cityAdmin.token, `userName=01T03_LanVT&healthId=${healthId}`);
    expect(byLan.map((e) => e.action)).toEqual(['person-printed', 'person-read']);
    expect(
      (await search(cityAdmin.token, 'userName=01T03_lanvt&actionGroup=sync')).map((e) => e.action),
    ).toEqual(['push']);
    expect(await search(cityAdmin.token, 'healthId=0100000009999')).toEqual([]);
    expect(
      (await server.app.inject({ url: '/admin/audit?healthId=12', headers: bearer(cityAdmin.token) }))
        .statusCode,
    ).toBe(400);
    // The search itself is audited with the record it found, never the health ID.
    const [searched] = await search(cityAdmin.token, `actor=${cityAdmin.id}&action=audit-searched&limit=1`);
    expect(JSON.stringify(searched)).not.toContain(healthId);
  });

  it('shows each admin the entries of their subtree, audits every search, and verifies the chain', async () => {
    const { app, cityAdmin } = server;
    const districtOne = await createActiveAccount(app, cityAdmin.token, {
      fullName: 'Trần Thị Bình',
      role: 'district-admin',
      orgUnitId: units.centre1,
    });
    const stationOne = await createActiveAccount(app, districtOne.token, {
      fullName: 'Lê Văn Cường',
      role: 'station-staff',
      orgUnitId: await server.stationOf(units.centre1),
    });
    const stationTwo = await createActiveAccount(app, cityAdmin.token, {
      fullName: 'Phạm Thị Dung',
      role: 'station-staff',
      orgUnitId: await server.stationOf(units.centre2),
    });

    const seenByDistrict = await search(districtOne.token, 'action=account-created&limit=500');
    const targets = seenByDistrict.map((entry) => entry.targetId);
    expect(targets).toContain(stationOne.id);
    expect(targets).not.toContain(stationTwo.id);
    const seenByCity = (await search(cityAdmin.token, 'action=account-created&limit=500')).map(
      (e) => e.targetId,
    );
    expect(seenByCity).toEqual(expect.arrayContaining([stationOne.id, stationTwo.id]));
    // By actor: what the district admin did.
    const byActor = await search(cityAdmin.token, `actor=${districtOne.id}&action=account-created`);
    expect(byActor.map((e) => e.targetId)).toEqual([stationOne.id]);

    const searches = await search(cityAdmin.token, `actor=${cityAdmin.id}&action=audit-searched`);
    expect(searches.length).toBeGreaterThanOrEqual(2);

    for (const [token, status] of [
      [stationOne.token, 403],
      [districtOne.token, 403],
    ] as const) {
      expect(
        (await app.inject({ method: 'POST', url: '/admin/audit/verify', headers: bearer(token) })).statusCode,
      ).toBe(status);
      expect(
        (await app.inject({ url: '/admin/audit/verification', headers: bearer(token) })).statusCode,
      ).toBe(status);
    }
    expect((await app.inject({ url: '/admin/audit', headers: bearer(stationOne.token) })).statusCode).toBe(
      403,
    );
    expect(
      (await app.inject({ url: '/admin/audit?limit=0', headers: bearer(cityAdmin.token) })).statusCode,
    ).toBe(400);

    // Opening the page reads the last verification and walks nothing.
    const verifiedEntries = () => auditCount(sql`action = 'audit-verified'`);
    const before = await app.inject({ url: '/admin/audit/verification', headers: bearer(cityAdmin.token) });
    expect(before.json()).toEqual({ latest: null });
    expect(await verifiedEntries()).toBe(0);

    const verify = async (full = false) => {
      const answer = await app.inject({
        method: 'POST',
        url: '/admin/audit/verify',
        headers: bearer(cityAdmin.token),
        payload: { full },
      });
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json<{
        ok: boolean;
        entries: number;
        checked: number;
        firstBrokenSeq?: number;
        reason?: string;
      }>();
    };
    const first = await verify();
    expect(first).toMatchObject({ ok: true });
    expect(first.entries).toBeGreaterThan(5);
    expect(first.checked).toBe(first.entries);
    const latest = await app.inject({ url: '/admin/audit/verification', headers: bearer(cityAdmin.token) });
    expect(latest.json()).toMatchObject({ latest: { ok: true, entries: first.entries } });

    // The next verification checks only what was appended since (the verification's own entry, a search).
    await search(cityAdmin.token, 'action=login');
    const second = await verify();
    expect(second).toMatchObject({ ok: true, entries: first.entries + 2, checked: 2 });

    // A change to an entry appended since is found by the next incremental run; one to an entry verified before is
    // found by a full run (an incremental run trusts what it verified, apart from the entry it ended on).
    await search(cityAdmin.token, 'action=logout');
    const tampered = second.entries + 2;
    await server.database.db.execute(
      sql`update audit_log set detail = '{"forged": true}'::jsonb where seq = ${tampered}`,
    );
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: tampered, reason: 'hash-mismatch' });
    await server.database.db.execute(
      sql`update audit_log set detail = '{"forged": true}'::jsonb where seq = 2`,
    );
    expect(await verify(true)).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: 'hash-mismatch' });
    // The checkpoint itself changed: an incremental run says so.
    await server.database.db.execute(
      sql`update audit_log set hash = ${'f'.repeat(64)} where seq = ${second.entries}`,
    );
    expect(await verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: second.entries,
      reason: 'verified-entry-changed',
    });
  });
});
