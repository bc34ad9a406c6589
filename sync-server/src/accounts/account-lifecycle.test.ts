import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword } from '#shared/accounts/password-policy.ts';
import { auditLog } from '../db/schema/audit.ts';
import { accounts } from '../db/schema/accounts.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  bearer,
  changePassword,
  cheapHasher,
  createActiveAccount,
  login,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from './accounts-app.test-support.ts';
import { createInitialCityAdmin } from './create-initial-city-admin.ts';

type Created = {
  account: { id: string; userName: string; mustChangePassword: boolean };
  initialPassword: string;
};

describe.each(testBackends)('the account lifecycle on $name', (backend) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const post = (url: string, token: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });

  it('creates the first city admin once, on the department, named 01SYT_… with an argon2id hash', async () => {
    const again = await createInitialCityAdmin({
      db: t.database.db,
      audit: t.audit,
      clock: t.clock,
      hasher: cheapHasher,
    });
    expect(again).toBeNull();
    const admins = await t.database.db.select().from(accounts).where(eq(accounts.role, 'city-admin'));
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({
      userName: '01SYT_vienqt',
      orgUnitId: units.department,
      status: 'active',
    });
    expect(admins[0]?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('walks an account through creation, forced change, lock, unlock, reset and close', async () => {
    const created = await post('/admin/accounts', t.cityAdmin.token, {
      fullName: 'Trần Thị Minh Hằng',
      role: 'district-admin',
      orgUnitId: units.centre1,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { account, initialPassword } = created.json<Created>();
    expect(account.userName).toBe('01C01_hangttm');
    expect(account.mustChangePassword).toBe(true);
    expect(checkPassword(initialPassword, { userName: account.userName }).ok).toBe(true);

    // First login: only the password change, the session and leaving are open.
    const first = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: '01c01_HANGTTM', password: initialPassword },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ mustChangePassword: true, account: { id: account.id } });
    const token = first.json<{ token: string }>().token;
    const blocked = await t.app.inject({ url: '/admin/accounts', headers: bearer(token) });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ error: { code: 'password-change-required' } });
    expect((await t.app.inject({ url: '/auth/session', headers: bearer(token) })).statusCode).toBe(200);

    // Every failed rule is listed, not only the first.
    const weak = await changePassword(t.app, token, initialPassword, 'abc');
    expect(weak.statusCode).toBe(422);
    expect(weak.json<{ error: { issues: { code: string }[] } }>().error.issues.map((i) => i.code)).toEqual([
      'password-too-short',
      'password-needs-uppercase',
      'password-needs-digit',
      'password-needs-special',
    ]);
    expect((await changePassword(t.app, token, initialPassword, initialPassword)).json()).toMatchObject({
      error: { code: 'password-unchanged' },
    });
    const wrongCurrent = await changePassword(t.app, token, 'Sai-mật-khẩu1', 'Mới-hẳn#2026');
    expect(wrongCurrent.statusCode).toBe(403);
    expect(wrongCurrent.json()).toMatchObject({ error: { code: 'password-incorrect' } });

    const changed = await changePassword(t.app, token, initialPassword, 'Mới-hẳn#2026');
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ account: { mustChangePassword: false } });
    expect((await t.app.inject({ url: '/admin/accounts', headers: bearer(token) })).statusCode).toBe(200);
    const oldPassword = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: account.userName, password: initialPassword },
    });
    expect(oldPassword.json()).toMatchObject({ error: { code: 'login-failed' } });

    // Lock: sessions end; the right password is told the account is locked, a wrong one learns nothing.
    const locked = await post(`/admin/accounts/${account.id}/lock`, t.cityAdmin.token);
    expect(locked.json()).toMatchObject({ account: { status: 'locked', statusReason: 'admin' } });
    expect((await t.app.inject({ url: '/auth/session', headers: bearer(token) })).json()).toMatchObject({
      error: { code: 'session-expired' },
    });
    const whileLocked = { method: 'POST', url: '/auth/login' } as const;
    const right = await t.app.inject({
      ...whileLocked,
      payload: { userName: account.userName, password: 'Mới-hẳn#2026' },
    });
    expect(right.statusCode).toBe(403);
    expect(right.json()).toMatchObject({ error: { code: 'account-locked' } });
    const wrong = await t.app.inject({
      ...whileLocked,
      payload: { userName: account.userName, password: 'Đoán-bừa#1' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'login-failed' } });
    expect((await post(`/admin/accounts/${account.id}/lock`, t.cityAdmin.token)).json()).toMatchObject({
      error: { code: 'account-already-locked' },
    });

    const unlocked = await post(`/admin/accounts/${account.id}/unlock`, t.cityAdmin.token);
    expect(unlocked.json()).toMatchObject({ account: { status: 'active', statusReason: null } });
    const again = await login(t.app, account.userName, 'Mới-hẳn#2026');

    // Reset: a new one-time password, every session ends, and the change is forced again.
    const reset = await post(`/admin/accounts/${account.id}/reset-password`, t.cityAdmin.token);
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = reset.json<{ temporaryPassword: string }>();
    expect(reset.json()).toMatchObject({ account: { mustChangePassword: true } });
    expect((await t.app.inject({ url: '/auth/session', headers: bearer(again) })).statusCode).toBe(401);
    const afterReset = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: account.userName, password: temporaryPassword },
    });
    expect(afterReset.json()).toMatchObject({ mustChangePassword: true });

    const closed = await post(`/admin/accounts/${account.id}/close`, t.cityAdmin.token);
    expect(closed.json()).toMatchObject({ account: { status: 'closed' } });
    const afterClose = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: account.userName, password: temporaryPassword },
    });
    expect(afterClose.statusCode).toBe(403);
    expect(afterClose.json()).toMatchObject({ error: { code: 'account-closed' } });
    for (const act of ['unlock', 'lock', 'reset-password', 'close']) {
      const res = await post(`/admin/accounts/${account.id}/${act}`, t.cityAdmin.token);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'account-already-closed' } });
    }

    const trail = await t.database.db
      .select({ action: auditLog.action, actor: auditLog.actorAccountId })
      .from(auditLog)
      .where(eq(auditLog.targetId, account.id))
      .orderBy(asc(auditLog.seq));
    expect(trail.map((e) => e.action)).toEqual([
      'account-created',
      'login',
      'login-failed', // the wrong current password counts as a failed authentication
      'password-changed',
      'login-failed',
      'account-locked',
      'login-failed',
      'login-failed',
      'account-unlocked',
      'login',
      'password-reset',
      'login',
      'account-closed',
      'login-failed',
    ]);
    expect(await t.audit.verify(t.database.db)).toMatchObject({ ok: true });
  });

  it('derives user names per Art. 7.1, numbers collisions and names interop accounts _lt_', async () => {
    const station = await t.stationOf(units.centre1);
    const create = async (fullName: string, role: string, orgUnitId: string) =>
      (await post('/admin/accounts', t.cityAdmin.token, { fullName, role, orgUnitId })).json<Created>()
        .account.userName;
    const first = await create('Nguyễn Văn An', 'station-staff', station);
    expect(first).toMatch(/^01T[0-9A-Z]{2}_annv$/);
    expect(await create('  Nguyễn   Văn  An ', 'station-staff', station)).toBe(`${first}2`);
    expect(await create('Bùi Ngọc Vân', 'interop', units.hospital)).toBe('01032_lt_vanbn');
    expect(await create('Lê Thu', 'report-viewer', units.aggregates)).toBe('01SYT_thul');
  });

  it('shows the derived user name first and takes an edited one only within the rule', async () => {
    const station = await t.stationOf(units.centre1);
    const person = { fullName: 'Phan Thị Hoa', role: 'station-staff', orgUnitId: station };
    const preview = await post('/admin/accounts/user-name-preview', t.cityAdmin.token, person);
    expect(preview.statusCode, preview.body).toBe(200);
    const { userName, prefix } = preview.json<{ userName: string; prefix: string }>();
    expect(userName).toBe(`${prefix}hoapt`);
    expect(prefix).toMatch(/^01T[0-9A-Z]{2}_$/);

    const outside = [`01032_hoapt`, `${prefix}Hoa-PT`, `${prefix}lt_hoapt`, 'hoapt'];
    for (const wanted of outside) {
      const refused = await post('/admin/accounts', t.cityAdmin.token, { ...person, userName: wanted });
      expect(refused.statusCode, wanted).toBe(422);
      expect(refused.json(), wanted).toMatchObject({
        error: { code: expect.stringMatching(/^user-name-(outside-rule|format)$/) as unknown },
      });
    }
    const chosen = await post('/admin/accounts', t.cityAdmin.token, {
      ...person,
      userName: `${prefix}hoapt1990`,
    });
    expect(chosen.statusCode, chosen.body).toBe(201);
    expect(chosen.json<Created>().account.userName).toBe(`${prefix}hoapt1990`);
    const again = await post('/admin/accounts', t.cityAdmin.token, {
      ...person,
      userName: `${prefix}HOAPT1990`,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'user-name-taken' } });
    // The preview follows what is taken, without creating anything.
    const derived = await post('/admin/accounts', t.cityAdmin.token, person);
    expect(derived.json<Created>().account.userName).toBe(userName);
    expect(
      (await post('/admin/accounts/user-name-preview', t.cityAdmin.token, person)).json<{
        userName: string;
      }>().userName,
    ).toBe(`${userName}2`);
  });

  it('gives concurrent creations of the same name distinct user names', async () => {
    const station = await t.stationOf(units.centre2);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        post('/admin/accounts', t.cityAdmin.token, {
          fullName: 'Lê Văn Song',
          role: 'station-staff',
          orgUnitId: station,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array.from({ length: 6 }, () => 201));
    const names = results.map((r) => r.json<Created>().account.userName);
    expect(new Set(names).size).toBe(6);
    expect(names.map((n) => n.replace(/^01T[0-9A-Z]{2}_/, '')).sort()).toEqual([
      'songlv',
      'songlv2',
      'songlv3',
      'songlv4',
      'songlv5',
      'songlv6',
    ]);
  });

  it('ends the session at logout', async () => {
    const token = await login(t.app, t.cityAdmin.userName, t.cityAdmin.password);
    const out = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/auth/session', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { code: 'session-expired' } });
    expect(
      (await t.app.inject({ url: '/auth/session', headers: bearer(t.cityAdmin.token) })).statusCode,
    ).toBe(200);
  });

  it('ends the holder’s other sessions when they change their password, keeping the current one', async () => {
    const staff = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Phạm Quang Huy',
      role: 'station-staff',
      orgUnitId: await t.stationOf(units.centre2),
    });
    const other = await login(t.app, staff.userName, staff.password);
    const changed = await changePassword(t.app, staff.token, staff.password, 'Đổi-lần-2#X');
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/auth/session', headers: bearer(other) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/auth/session', headers: bearer(staff.token) })).statusCode).toBe(200);
  });

  it('lets holders lock their own account (Art. 23): every session ends and only an admin unlocks it', async () => {
    const staff = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Đỗ Thị Mai',
      role: 'station-staff',
      orgUnitId: await t.stationOf(units.centre2),
    });
    const second = await login(t.app, staff.userName, staff.password);
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/request-lock',
      headers: bearer(staff.token),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ account: { status: 'locked', statusReason: 'self-request' } });
    for (const token of [staff.token, second]) {
      expect((await t.app.inject({ url: '/auth/session', headers: bearer(token) })).statusCode).toBe(401);
    }
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: staff.userName, password: staff.password },
    });
    expect(relogin.json()).toMatchObject({ error: { code: 'account-locked' } });
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'account-lock-requested'));
    expect(entry).toMatchObject({
      actorAccountId: staff.id,
      targetId: staff.id,
      detail: { endedSessions: 2 },
    });
    // The admins' list of lock requests finds it; the inactivity list does not.
    const listed = async (reason: string) =>
      (
        await t.app.inject({
          url: `/admin/accounts?status=locked&statusReason=${reason}`,
          headers: bearer(t.cityAdmin.token),
        })
      )
        .json<{ accounts: { id: string }[] }>()
        .accounts.map((account) => account.id);
    expect(await listed('self-request')).toContain(staff.id);
    expect(await listed('inactivity')).not.toContain(staff.id);
    await post(`/admin/accounts/${staff.id}/unlock`, t.cityAdmin.token);
    await login(t.app, staff.userName, staff.password);
  });

  it('records a holder’s report of misuse for the admins, locking the account only when asked (Art. 23)', async () => {
    const staff = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Vũ Văn Nam',
      role: 'station-staff',
      orgUnitId: await t.stationOf(units.centre2),
    });
    const report = (token: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/auth/report-misuse', headers: bearer(token), payload });
    const tooShort = await report(staff.token, { description: 'lạ' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('ít nhất 10 ký tự');
    const seen = 'Có lần đăng nhập lúc 02:00 sáng không phải của tôi.';
    const kept = await report(staff.token, { description: seen });
    expect(kept.json()).toMatchObject({ account: { status: 'active' } });
    const locked = await report(staff.token, {
      description: 'Máy trạm bị mất, khóa giúp tôi.',
      lockAccount: true,
    });
    expect(locked.json()).toMatchObject({ account: { status: 'locked', statusReason: 'self-request' } });
    expect((await t.app.inject({ url: '/auth/session', headers: bearer(staff.token) })).statusCode).toBe(401);
    const reports = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'misuse-reported'), eq(auditLog.actorAccountId, staff.id)));
    expect(reports.map((entry) => entry.detail)).toEqual([
      { description: seen, lockAccount: false },
      { description: 'Máy trạm bị mất, khóa giúp tôi.', lockAccount: true },
    ]);
    // The district admin of that unit finds the reports in the audit log.
    const search = await t.app.inject({
      url: `/admin/audit?action=misuse-reported&actor=${staff.id}`,
      headers: bearer(t.cityAdmin.token),
    });
    expect(search.json<{ entries: unknown[] }>().entries).toHaveLength(2);
  });
});
