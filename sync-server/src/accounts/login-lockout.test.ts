import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema/audit.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  bearer,
  createActiveAccount,
  startAccountsApp,
  units,
  type AccountsTestApp,
  type CreatedForTest,
} from './accounts-app.test-support.ts';
import { MINUTE } from '../testing/test-clock.test-support.ts';

describe.each(testBackends)('login lockout on $name', (backend) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const attempt = (userName: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/auth/login', payload: { userName, password } });
  const newStaff = async (fullName: string): Promise<CreatedForTest> =>
    createActiveAccount(t.app, t.cityAdmin.token, {
      fullName,
      role: 'station-staff',
      orgUnitId: await t.stationOf(units.centre1),
    });

  it('locks an account out for 15 minutes after 5 consecutive wrong passwords, then lets it in', async () => {
    const staff = await newStaff('Vũ Hải Nam');
    for (let i = 0; i < 4; i++) expect((await attempt(staff.userName, 'Sai#mật-khẩu1')).statusCode).toBe(401);
    // A success resets the count: four more failures do not lock.
    expect((await attempt(staff.userName, staff.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await attempt(staff.userName, 'Sai#mật-khẩu1');
    expect((await attempt(staff.userName, staff.password)).statusCode).toBe(200);

    for (let i = 0; i < 5; i++) await attempt(staff.userName, 'Sai#mật-khẩu1');
    const during = await attempt(staff.userName, staff.password);
    expect(during.statusCode).toBe(401);
    expect(during.json()).toMatchObject({ error: { code: 'login-failed' } });
    t.clock.advance(14 * MINUTE);
    expect((await attempt(staff.userName, staff.password)).statusCode).toBe(401);
    t.clock.advance(MINUTE);
    expect((await attempt(staff.userName, staff.password)).statusCode).toBe(200);
  });

  it('answers an unknown name, a wrong password and a locked-out account with the same body', async () => {
    const staff = await newStaff('Hoàng Văn Bình');
    const unknown = await attempt('01T01_khongco', 'Sai#mật-khẩu1');
    const wrong = await attempt(staff.userName, 'Sai#mật-khẩu1');
    for (let i = 0; i < 4; i++) await attempt(staff.userName, 'Sai#mật-khẩu1');
    const lockedOutRightPassword = await attempt(staff.userName, staff.password);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(lockedOutRightPassword.statusCode).toBe(401);
    expect(lockedOutRightPassword.body).toBe(unknown.body);
    t.clock.advance(15 * MINUTE);
  });

  it('counts concurrent wrong passwords one by one: exactly five are checked before the lockout', async () => {
    const staff = await newStaff('Ngô Thị Lan');
    const results = await Promise.all(
      Array.from({ length: 12 }, () => attempt(staff.userName, 'Sai#mật-khẩu1')),
    );
    expect(results.every((r) => r.statusCode === 401)).toBe(true);
    const reasons = await t.database.db
      .select({ reason: sql<string>`${auditLog.detail}->>'reason'`, n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'login-failed'), eq(auditLog.targetId, staff.id)))
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    expect(reasons).toEqual([
      { reason: 'locked-out', n: 7 },
      { reason: 'wrong-password', n: 5 },
    ]);
    expect((await attempt(staff.userName, staff.password)).statusCode).toBe(401);
    t.clock.advance(15 * MINUTE);
  });

  it('keeps sessions already open during a lockout, and an admin unlock lifts the lockout at once', async () => {
    const staff = await newStaff('Trịnh Công Sơn');
    for (let i = 0; i < 5; i++) await attempt(staff.userName, 'Sai#mật-khẩu1');
    expect((await t.app.inject({ url: '/auth/session', headers: bearer(staff.token) })).statusCode).toBe(200);
    const listed = await t.app.inject({
      url: `/admin/accounts?orgUnitId=${await t.stationOf(units.centre1)}`,
      headers: bearer(t.cityAdmin.token),
    });
    const view = listed
      .json<{ accounts: { id: string; lockedUntil: string | null; status: string }[] }>()
      .accounts.find((a) => a.id === staff.id);
    expect(view).toMatchObject({
      status: 'active',
      lockedUntil: new Date(t.clock.now().getTime() + 15 * MINUTE).toISOString(),
    });
    const unlocked = await t.app.inject({
      method: 'POST',
      url: `/admin/accounts/${staff.id}/unlock`,
      headers: bearer(t.cityAdmin.token),
    });
    expect(unlocked.json()).toMatchObject({ account: { lockedUntil: null } });
    expect((await attempt(staff.userName, staff.password)).statusCode).toBe(200);
  });

  it('counts wrong current passwords at password change towards the lockout', async () => {
    const staff = await newStaff('Lý Thường Kiệt');
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/auth/change-password',
        headers: bearer(staff.token),
        payload: { currentPassword, newPassword: 'Hoàn-toàn#Mới9' },
      });
    for (let i = 0; i < 5; i++) expect((await change('Sai#mật-khẩu1')).statusCode).toBe(403);
    const locked = await change(staff.password);
    expect(locked.json()).toMatchObject({ error: { code: 'account-temporarily-locked' } });
    expect((await attempt(staff.userName, staff.password)).statusCode).toBe(401);
    t.clock.advance(15 * MINUTE);
    expect((await change(staff.password)).statusCode).toBe(200);
  });
});
