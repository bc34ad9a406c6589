import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema/accounts.ts';
import { auditLog } from '../db/schema/audit.ts';
import { pruneSignInFailures } from './prune-sign-in-failures.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  changePassword,
  createActiveAccount,
  login,
  rowsOf,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from './accounts-app.test-support.ts';
import { DAY } from '../testing/test-clock.test-support.ts';

const ATTACKER = '203.0.113.66';
const HOLDER = '198.51.100.7';

describe.each(testBackends)('sign-in defences on $name', (backend) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const attempt = (userName: string, password: string, from: string) =>
    t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName, password },
      remoteAddress: from,
    });
  const newStaff = async (fullName: string) =>
    createActiveAccount(t.app, t.cityAdmin.token, {
      fullName,
      role: 'station-staff',
      orgUnitId: await t.stationOf(units.centre1),
    });

  it('locks out only the source of repeated wrong passwords, so an attacker elsewhere cannot lock the holder out', async () => {
    const staff = await newStaff('Phan Thị Bền');
    for (let i = 0; i < 5; i++) {
      expect((await attempt(staff.userName, 'Đoán#thử-123', ATTACKER)).statusCode).toBe(401);
    }
    // The attacker's source is locked out, even with the right password...
    expect((await attempt(staff.userName, staff.password, ATTACKER)).statusCode).toBe(401);
    // ...while the holder, from their own place, signs in at once.
    expect((await attempt(staff.userName, staff.password, HOLDER)).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, staff.id));
    expect(row?.status).toBe('active');
  });

  it('shows admins the sources of failed sign-ins and the accounts they targeted, only within their subtree', async () => {
    const target = await newStaff('Mai Thị Đích');
    const spray = '192.0.2.44';
    for (let i = 0; i < 3; i++) await attempt(target.userName, 'Đoán#sai-999', spray);
    for (let i = 0; i < 2; i++) await attempt(`01T01_khongco${String(i)}`, 'Đoán#sai-999', spray);
    const districtOf = async (centre: string, fullName: string) =>
      createActiveAccount(t.app, t.cityAdmin.token, { fullName, role: 'district-admin', orgUnitId: centre });
    const ownDistrict = await districtOf(units.centre1, 'Quản Trị Một');
    const otherDistrict = await districtOf(units.centre2, 'Quản Trị Hai');
    const view = async (token: string) => {
      const answer = await t.app.inject({
        method: 'GET',
        url: '/admin/sign-in-attacks?days=1',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json<{
        sources: {
          source: string;
          failures: number;
          accounts: number;
          unknownNames: number;
          lastAt: string;
        }[];
        accounts: { accountId: string; failures: number; sources: number }[];
      }>();
    };

    const own = await view(ownDistrict.token);
    expect(own.sources.find((row) => row.source === `ip:${spray}`)).toMatchObject({
      failures: 3,
      accounts: 1,
      unknownNames: 0,
    });
    expect(own.accounts.find((row) => row.accountId === target.id)).toMatchObject({
      failures: 3,
      sources: 1,
    });
    const other = await view(otherDistrict.token);
    expect(other.sources.some((row) => row.source === `ip:${spray}`)).toBe(false);
    expect(other.accounts.some((row) => row.accountId === target.id)).toBe(false);
    // Names that are no account belong to no district: the city sees them.
    const city = await view(t.cityAdmin.token);
    expect(city.sources.find((row) => row.source === `ip:${spray}`)).toMatchObject({
      failures: 5,
      unknownNames: 2,
    });
    expect(JSON.stringify(city)).not.toContain('khongco');
    const looks = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'sign-in-attacks-viewed'));
    expect(looks.map((entry) => entry.actorAccountId)).toEqual(
      expect.arrayContaining([ownDistrict.id, otherDistrict.id, t.cityAdmin.id]),
    );
    // Station staff have no such view.
    const staffAnswer = await t.app.inject({
      method: 'GET',
      url: '/admin/sign-in-attacks',
      headers: { authorization: `Bearer ${target.token}` },
    });
    expect(staffAnswer.statusCode).toBe(403);
  });

  it('forgets failed sign-ins after 90 days, and lockouts a day after they ended', async () => {
    const staff = await newStaff('Võ Văn Cũ');
    for (let i = 0; i < 5; i++) await attempt(staff.userName, 'Đoán#thử-456', '203.0.113.77');
    const count = async (table: 'sign_in_failures' | 'sign_in_lockouts') =>
      rowsOf<{ n: number }>(
        await t.database.db.execute(
          sql`select count(*)::int as n from ${sql.identifier(table)} where account_id = ${staff.id}`,
        ),
      )[0]?.n ?? 0;
    expect(await count('sign_in_failures')).toBe(5);
    expect(await count('sign_in_lockouts')).toBe(1);
    t.clock.advance(2 * DAY);
    await pruneSignInFailures({ db: t.database.db, clock: t.clock });
    expect(await count('sign_in_failures')).toBe(5);
    expect(await count('sign_in_lockouts')).toBe(0);
    t.clock.advance(89 * DAY);
    expect(await pruneSignInFailures({ db: t.database.db, clock: t.clock })).toBeGreaterThanOrEqual(5);
    expect(await count('sign_in_failures')).toBe(0);
    // The admin keeps signing in, as a real one would (the inactivity rule applies to admins too).
    t.clock.set(new Date(t.clock.now().getTime() - 91 * DAY));
  });

  it('locks an account unused for the inactivity period at its sign-in, before the scheduled job ran', async () => {
    const staff = await newStaff('Lê Văn Vắng');
    t.clock.advance(90 * DAY + 1000);
    const answer = await attempt(staff.userName, staff.password, HOLDER);
    expect(answer.statusCode).toBe(403);
    expect(answer.json()).toMatchObject({ error: { code: 'account-inactivity-locked' } });
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, staff.id));
    expect(row).toMatchObject({ status: 'locked', statusReason: 'inactivity' });
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'account-inactivity-locked'));
    expect(entries.map((entry) => entry.targetId)).toContain(staff.id);
    // Still refused with the same reason, now from the account's status.
    expect((await attempt(staff.userName, staff.password, HOLDER)).json()).toMatchObject({
      error: { code: 'account-inactivity-locked' },
    });
  });
});

describe.each(testBackends)('password history on $name', (backend) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('refuses any of the last five passwords and accepts an older one, storing hashes only', async () => {
    const staff = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Trần Nhớ Lâu',
      role: 'station-staff',
      orgUnitId: await t.stationOf(units.centre1),
    });
    const chosen = [staff.password, 'Thứ-hai#Mk22', 'Thứ-ba#Mk333', 'Thứ-tư#Mk4444', 'Thứ-năm#Mk55555'];
    let current = staff.password;
    for (const next of chosen.slice(1)) {
      const changed = await changePassword(t.app, await login(t.app, staff.userName, current), current, next);
      expect(changed.statusCode, changed.body).toBe(200);
      current = next;
    }
    // The five latest (the current one included) are refused, the first one again too.
    for (const earlier of chosen.slice(0, 4)) {
      const token = await login(t.app, staff.userName, current);
      const reused = await changePassword(t.app, token, current, earlier);
      expect(reused.statusCode, earlier).toBe(422);
      expect(reused.json()).toMatchObject({ error: { code: 'password-reused' } });
    }
    // A sixth password pushes the first out of the history: it may be chosen again.
    const sixth = 'Thứ-sáu#Mk666666';
    expect(
      (await changePassword(t.app, await login(t.app, staff.userName, current), current, sixth)).statusCode,
    ).toBe(200);
    const back = await changePassword(
      t.app,
      await login(t.app, staff.userName, sixth),
      sixth,
      staff.password,
    );
    expect(back.statusCode, back.body).toBe(200);
    const stored = JSON.stringify(await t.database.db.execute('select password_hash from password_history'));
    for (const password of chosen) expect(stored).not.toContain(password);
    expect(stored).toContain('$argon2id$');
  });

  it('refuses, after an admin reset, the password the holder had before it', async () => {
    const staff = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Đỗ Quên Mật',
      role: 'station-staff',
      orgUnitId: await t.stationOf(units.centre1),
    });
    const reset = await t.app.inject({
      method: 'POST',
      url: `/admin/accounts/${staff.id}/reset-password`,
      headers: { authorization: `Bearer ${t.cityAdmin.token}` },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    const temporary = reset.json<{ temporaryPassword: string }>().temporaryPassword;
    const token = await login(t.app, staff.userName, temporary);
    const same = await changePassword(t.app, token, temporary, staff.password);
    expect(same.statusCode).toBe(422);
    expect(same.json()).toMatchObject({ error: { code: 'password-reused' } });
    expect((await changePassword(t.app, token, temporary, 'Hoàn-toàn#Mới9')).statusCode).toBe(200);
  });
});
