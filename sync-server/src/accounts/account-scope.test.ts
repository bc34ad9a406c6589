import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema/accounts.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  bearer,
  countRows,
  createActiveAccount,
  login,
  startAccountsApp,
  units,
  type AccountsTestApp,
  type CreatedForTest,
} from './accounts-app.test-support.ts';

type Listed = { accounts: { id: string; orgUnitId: string; userName: string }[]; nextAfter: string | null };

describe.each(testBackends)('account administration scope on $name', (backend) => {
  let t: AccountsTestApp;
  let district1: CreatedForTest;
  let station1: string;
  let station2: string;
  let staff1: CreatedForTest;
  let staff2: CreatedForTest;

  beforeAll(async () => {
    t = await startAccountsApp(backend);
    station1 = await t.stationOf(units.centre1);
    station2 = await t.stationOf(units.centre2);
    const make = (fullName: string, role: string, orgUnitId: string) =>
      createActiveAccount(t.app, t.cityAdmin.token, { fullName, role, orgUnitId });
    district1 = await make('Đặng Văn Khu', 'district-admin', units.centre1);
    staff1 = await make('Mai Thị Một', 'station-staff', station1);
    staff2 = await make('Mai Thị Hai', 'station-staff', station2);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const post = (url: string, token: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const list = async (token: string, query = '') =>
    t.app.inject({ url: `/admin/accounts${query}`, headers: bearer(token) });

  it('lets a district admin create accounts only inside its subtree, with a fitting role', async () => {
    const inside = await post('/admin/accounts', district1.token, {
      fullName: 'Cao Bá Quát',
      role: 'station-staff',
      orgUnitId: station1,
    });
    expect(inside.statusCode, inside.body).toBe(201);
    const before = await countRows(t.database, 'accounts');
    const refused = [
      [{ role: 'station-staff', orgUnitId: station2 }, 403, 'org-unit-out-of-scope'],
      [{ role: 'city-admin', orgUnitId: units.department }, 403, 'org-unit-out-of-scope'],
      [{ role: 'district-admin', orgUnitId: units.centre2 }, 403, 'org-unit-out-of-scope'],
      [{ role: 'station-staff', orgUnitId: 'khong-co-don-vi-nay' }, 403, 'org-unit-out-of-scope'],
      [{ role: 'station-staff', orgUnitId: units.centre1 }, 422, 'role-org-unit-mismatch'],
      [{ role: 'interop', orgUnitId: station1 }, 422, 'role-org-unit-mismatch'],
    ] as const;
    for (const [input, status, code] of refused) {
      const res = await post('/admin/accounts', district1.token, { fullName: 'Cao Bá Quát', ...input });
      expect(res.statusCode, JSON.stringify(input)).toBe(status);
      expect(res.json()).toMatchObject({ error: { code } });
    }
    expect(await countRows(t.database, 'accounts')).toBe(before);
  });

  it('refuses accounts on a unit that no longer exists on today’s map', async () => {
    const res = await post('/admin/accounts', t.cityAdmin.token, {
      fullName: 'Cao Bá Quát',
      role: 'district-admin',
      orgUnitId: units.legacyCentre,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'org-unit-inactive' } });
  });

  it('treats an account outside the subtree as not found for lock, unlock, reset and close', async () => {
    for (const act of ['lock', 'unlock', 'reset-password', 'close']) {
      const res = await post(`/admin/accounts/${staff2.id}/${act}`, district1.token);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'account-not-found' } });
    }
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, staff2.id));
    expect(row).toMatchObject({ status: 'active', mustChangePassword: false });
    const inside = await post(`/admin/accounts/${staff1.id}/lock`, district1.token);
    expect(inside.json()).toMatchObject({ account: { status: 'locked' } });
    await post(`/admin/accounts/${staff1.id}/unlock`, district1.token);
    staff1 = { ...staff1, token: await login(t.app, staff1.userName, staff1.password) };
  });

  it('does not let an admin lock, reset or close its own account through administration', async () => {
    const res = await post(`/admin/accounts/${district1.id}/close`, district1.token);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'account-own-forbidden' } });
  });

  it('lists only accounts of the admin’s subtree, filtered and paged in the query', async () => {
    const mine = (await list(district1.token)).json<Listed>().accounts;
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine.map((a) => a.id)).toContain(staff1.id);
    expect(mine.map((a) => a.id)).not.toContain(staff2.id);
    expect(mine.map((a) => a.id)).not.toContain(t.cityAdmin.id);
    expect((await list(district1.token, `?orgUnitId=${units.centre2}`)).json<Listed>().accounts).toEqual([]);
    expect(
      (await list(district1.token, `?orgUnitId=${units.department}`)).json<Listed>().accounts,
    ).toHaveLength(mine.length);
    const ofStation = (
      await list(district1.token, `?orgUnitId=${station1}&role=station-staff`)
    ).json<Listed>();
    expect(ofStation.accounts.every((a) => a.orgUnitId === station1)).toBe(true);

    const all = (await list(t.cityAdmin.token, '?limit=500')).json<Listed>().accounts;
    const pages: string[] = [];
    let after: string | null = null;
    do {
      const query: string = `?limit=2${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
      const page: Listed = (await list(t.cityAdmin.token, query)).json<Listed>();
      expect(page.accounts.length).toBeLessThanOrEqual(2);
      pages.push(...page.accounts.map((a) => a.id));
      after = page.nextAfter;
    } while (after !== null);
    expect(pages).toEqual(all.map((a) => a.id));
  });

  it('closes every admin route to station staff, interop and report viewers', async () => {
    const interop = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Bệnh Viện Liên',
      role: 'interop',
      orgUnitId: units.hospital,
    });
    const viewer = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Xem Số Liệu',
      role: 'report-viewer',
      orgUnitId: units.aggregates,
    });
    for (const who of [staff1, interop, viewer]) {
      const calls = [
        list(who.token),
        post('/admin/accounts', who.token, { fullName: 'Ai Đó', role: 'station-staff', orgUnitId: station1 }),
        ...['lock', 'unlock', 'reset-password', 'close'].map((act) =>
          post(`/admin/accounts/${staff2.id}/${act}`, who.token),
        ),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ error: { code: 'forbidden-role' } });
      }
    }
  });

  it('lets an IT admin list and lock accounts city-wide, but not create, unlock, reset or close them', async () => {
    const it = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Kỹ Thuật Viên',
      role: 'it-admin',
      orgUnitId: units.department,
    });
    const listed = (await list(it.token, '?limit=500')).json<Listed>().accounts.map((a) => a.id);
    expect(listed).toEqual(expect.arrayContaining([staff1.id, staff2.id, t.cityAdmin.id]));
    expect((await post(`/admin/accounts/${staff2.id}/lock`, it.token)).statusCode).toBe(200);
    for (const act of ['unlock', 'reset-password', 'close']) {
      expect((await post(`/admin/accounts/${staff2.id}/${act}`, it.token)).json()).toMatchObject({
        error: { code: 'forbidden-role' },
      });
    }
    const create = await post('/admin/accounts', it.token, {
      fullName: 'Ai Đó',
      role: 'station-staff',
      orgUnitId: station1,
    });
    expect(create.statusCode).toBe(403);
    expect((await post(`/admin/accounts/${staff2.id}/unlock`, t.cityAdmin.token)).statusCode).toBe(200);
  });
});
