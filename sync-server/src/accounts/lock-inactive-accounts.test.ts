import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, sessions } from '../db/schema/accounts.ts';
import { auditLog } from '../db/schema/audit.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  bearer,
  createActiveAccount,
  login,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from './accounts-app.test-support.ts';
import { DAY } from '../testing/test-clock.test-support.ts';
import { lockInactiveAccounts } from './lock-inactive-accounts.ts';

describe.each(testBackends)('the inactivity lock (Art. 7.3d) on $name', (backend) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const run = (days?: number) =>
    lockInactiveAccounts({
      db: t.database.db,
      audit: t.audit,
      clock: t.clock,
      ...(days === undefined ? {} : { days }),
    });
  const statusOf = async (id: string) =>
    (await t.database.db.select().from(accounts).where(eq(accounts.id, id)))[0];
  /** Keeps the city admin signed in recently, as a real admin would be. */
  const adminToken = async () => login(t.app, t.cityAdmin.userName, t.cityAdmin.password);

  it('locks accounts with no login for 90 days, counting never-used ones from creation', async () => {
    const station = await t.stationOf(units.centre1);
    const used = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Người Dùng Đều',
      role: 'station-staff',
      orgUnitId: station,
    });
    const idle = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Người Bỏ Quên',
      role: 'station-staff',
      orgUnitId: station,
    });
    const neverCreated = await t.app.inject({
      method: 'POST',
      url: '/admin/accounts',
      headers: bearer(t.cityAdmin.token),
      payload: { fullName: 'Chưa Đăng Nhập', role: 'station-staff', orgUnitId: station },
    });
    const never = neverCreated.json<{ account: { id: string } }>().account.id;
    const idleSecond = await login(t.app, idle.userName, idle.password);

    t.clock.advance(30 * DAY);
    await login(t.app, used.userName, used.password);
    t.clock.advance(60 * DAY - 1000);
    await adminToken();
    expect(await run()).toEqual([]);

    t.clock.advance(2000);
    const locked = await run();
    expect([...locked].sort()).toEqual([idle.id, never].sort());
    expect(await statusOf(idle.id)).toMatchObject({ status: 'locked', statusReason: 'inactivity' });
    expect(await statusOf(used.id)).toMatchObject({ status: 'active' });
    const open = await t.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.accountId, idle.id), isNull(sessions.revokedAt)));
    expect(open).toEqual([]);
    expect((await t.app.inject({ url: '/auth/session', headers: bearer(idleSecond) })).statusCode).toBe(401);
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'account-inactivity-locked'));
    expect(entries.map((e) => e.targetId).sort()).toEqual([idle.id, never].sort());
    expect(entries[0]?.detail).toEqual({ days: 90 });
    expect(await run()).toEqual([]);

    const relogin = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: idle.userName, password: idle.password },
    });
    expect(relogin.json()).toMatchObject({ error: { code: 'account-inactivity-locked' } });
  });

  it('gives an account an admin verified and unlocked a fresh period', async () => {
    const [idle] = await t.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.statusReason, 'inactivity'))
      .limit(1);
    if (idle === undefined) throw new Error('previous test locked no account');
    const admin = await adminToken();
    const unlocked = await t.app.inject({
      method: 'POST',
      url: `/admin/accounts/${idle.id}/unlock`,
      headers: bearer(admin),
    });
    expect(unlocked.statusCode).toBe(200);
    t.clock.advance(DAY);
    expect(await run()).not.toContain(idle.id);
    t.clock.advance(45 * DAY);
    await adminToken();
    t.clock.advance(44 * DAY + 1000);
    await adminToken();
    expect(await run()).toContain(idle.id);
  });

  it('leaves locked and closed accounts as they are and honours a configured period', async () => {
    const admin = await adminToken();
    const staff = await createActiveAccount(t.app, admin, {
      fullName: 'Đã Khóa Trước',
      role: 'station-staff',
      orgUnitId: await t.stationOf(units.centre2),
    });
    await t.app.inject({ method: 'POST', url: `/admin/accounts/${staff.id}/close`, headers: bearer(admin) });
    t.clock.advance(31 * DAY);
    await adminToken();
    const locked = await run(30);
    expect(locked).not.toContain(staff.id);
    expect(await statusOf(staff.id)).toMatchObject({ status: 'closed', statusReason: 'admin' });
  });
});
