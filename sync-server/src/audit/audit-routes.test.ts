import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createActiveAccount,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from '../accounts/accounts-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';

type Entry = { seq: number; action: string; orgUnitId: string | null; targetId: string | null };

describe.each(testBackends)('the audit log in the admin console on $name', (backend) => {
  let server: AccountsTestApp;

  beforeAll(async () => {
    server = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  const search = async (token: string, query: string) => {
    const answer = await server.app.inject({ url: `/admin/audit?${query}`, headers: bearer(token) });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<{ entries: Entry[] }>().entries;
  };

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
      expect((await app.inject({ url: '/admin/audit/verify', headers: bearer(token) })).statusCode).toBe(
        status,
      );
    }
    expect((await app.inject({ url: '/admin/audit', headers: bearer(stationOne.token) })).statusCode).toBe(
      403,
    );
    expect(
      (await app.inject({ url: '/admin/audit?limit=0', headers: bearer(cityAdmin.token) })).statusCode,
    ).toBe(400);
    const verified = await app.inject({ url: '/admin/audit/verify', headers: bearer(cityAdmin.token) });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ ok: true });
    expect(verified.json<{ entries: number }>().entries).toBeGreaterThan(5);
  });
});
