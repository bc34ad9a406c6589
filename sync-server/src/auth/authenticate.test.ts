import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock, MINUTE } from '../testing/test-clock.test-support.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { accounts, sessions } from '../db/schema/accounts.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { authGuard, requirePrincipal, requireRole, requireSession } from './auth-guards.ts';
import { registerAuthentication } from './authenticate.ts';
import { createSessionTokens } from './session-tokens.ts';

describe.each(testBackends)('the authentication hook and guards on $name', (backend) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  const clock = createTestClock();
  const tokens = createSessionTokens({ clock, touchIntervalMs: 0 });

  async function account(id: string, changes: Partial<typeof accounts.$inferInsert> = {}): Promise<string> {
    await database.db.insert(accounts).values({
      id,
      userName: `01T01_${id}`,
      loginKey: `01T01_${id}`,
      displayName: 'Người Thử',
      role: 'station-staff',
      orgUnitId: 'tyt-2025-00004',
      passwordHash: 'not used here',
      mustChangePassword: false,
      createdAt: clock.now(),
      updatedAt: clock.now(),
      ...changes,
    });
    return (await tokens.issue(database.db, { accountId: id })).token;
  }
  const get = (url: string, token?: string) =>
    app.inject({ url, ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }) });

  beforeAll(async () => {
    database = await backend.open();
    app = Fastify();
    registerAuthentication(app, { db: database.db, sessions: tokens, clock });
    app.get('/public', async (request) => ({ principal: request.principal }));
    app.get('/me', { onRequest: requireSession() }, async (request) => ({
      principal: requirePrincipal(request),
    }));
    app.get('/admins', { onRequest: requireRole('city-admin', 'district-admin') }, async () => ({
      ok: true,
    }));
    app.get('/pending-ok', { onRequest: authGuard({ allowPendingPasswordChange: true }) }, async () => ({
      ok: true,
    }));
    app.post('/echo', { onRequest: requireSession() }, async (request) => ({ body: request.body }));
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('sets the principal of a live session from one lookup and records its use', async () => {
    const token = await account('live');
    clock.advance(MINUTE);
    const res = await get('/me', token);
    expect(res.statusCode).toBe(200);
    const { principal } = res.json<{ principal: Record<string, unknown> }>();
    expect(principal).toEqual({
      accountId: 'live',
      userName: '01T01_live',
      role: 'station-staff',
      orgUnitId: 'tyt-2025-00004',
      sessionTokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      mustChangePassword: false,
    });
    const [row] = await database.db.select().from(sessions).where(eq(sessions.accountId, 'live'));
    expect(row?.lastSeenAt.getTime()).toBe(clock.now().getTime());
  });

  it('leaves requests without a valid token anonymous, and public routes keep answering', async () => {
    expect((await get('/public')).json()).toEqual({ principal: null });
    expect((await get('/public', 'x'.repeat(43))).json()).toEqual({ principal: null });
  });

  it('answers 401 auth-required without a token and session-expired for a bad or dead one', async () => {
    const none = await get('/me');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.json()).toMatchObject({ error: { code: 'auth-required' } });
    const basic = await app.inject({ url: '/me', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.json()).toMatchObject({ error: { code: 'auth-required' } });
    for (const token of ['short', randomBytes(32).toString('base64url'), "'or'1'='1'--"]) {
      const res = await get('/me', token);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'session-expired' } });
    }
  });

  it('ends a session after 30 idle minutes but not while it is used', async () => {
    const token = await account('idle');
    for (let i = 0; i < 3; i++) {
      clock.advance(29 * MINUTE);
      expect((await get('/me', token)).statusCode).toBe(200);
    }
    clock.advance(30 * MINUTE);
    expect((await get('/me', token)).json()).toMatchObject({ error: { code: 'session-expired' } });
  });

  it('ends a session 12 hours after login however busy it is', async () => {
    const token = await account('busy');
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      clock.advance(20 * MINUTE);
      expect((await get('/me', token)).statusCode).toBe(200);
    }
    clock.advance(20 * MINUTE);
    expect((await get('/me', token)).statusCode).toBe(401);
  });

  it('rejects the sessions of locked and closed accounts and revoked sessions', async () => {
    const locked = await account('locked');
    const closed = await account('closed');
    const revoked = await account('revoked');
    await database.db.update(accounts).set({ status: 'locked' }).where(eq(accounts.id, 'locked'));
    await database.db.update(accounts).set({ status: 'closed' }).where(eq(accounts.id, 'closed'));
    await tokens.revokeAllOf(database.db, 'revoked');
    for (const token of [locked, closed, revoked]) expect((await get('/me', token)).statusCode).toBe(401);
  });

  it('answers 403 forbidden-role to a role the route does not admit', async () => {
    const staff = await account('staff');
    const admin = await account('admin', { role: 'district-admin', orgUnitId: 'ttyt-kv01' });
    expect((await get('/admins', staff)).json()).toMatchObject({ error: { code: 'forbidden-role' } });
    expect((await get('/admins', admin)).statusCode).toBe(200);
  });

  it('blocks everything but opted-in routes while the password must be changed', async () => {
    const token = await account('pending', { mustChangePassword: true });
    for (const url of ['/me', '/admins']) {
      const res = await get(url, token);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'password-change-required' } });
    }
    expect((await get('/pending-ok', token)).statusCode).toBe(200);
  });

  it('refuses an anonymous request before reading its body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"not json',
    });
    expect(res.statusCode).toBe(401);
  });
});
