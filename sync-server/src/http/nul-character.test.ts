import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../accounts/accounts-app.test-support.ts';
import { toError } from '#shared/errors/to-error.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { startHardenedApp, type HardenedTestApp } from './hardened-app.test-support.ts';

describe.each(testBackends)('a NUL character (U+0000) sent to the server on $name', (backend) => {
  let t: HardenedTestApp;
  beforeAll(async () => {
    t = await startHardenedApp(backend);
  });
  afterAll(async () => {
    await t.close();
  });

  function expectRefused(res: LightMyRequestResponse): void {
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('text-nul-character');
    expect(error.message).toMatch(/U\+0000/);
  }

  it('is refused with a 400 in a login user name, before any query runs', async () => {
    const lines = t.logLines.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: '01T01_kho\u0000ngco', password: 'Sai#mật-khẩu1' },
    });
    expectRefused(res);
    const logged = t.logLines.slice(lines).join('\n');
    expect(logged).not.toContain('kho');
    expect(logged).not.toContain('unhandled error');
  });

  it('is refused with a 400 in a query parameter and in a path parameter', async () => {
    const auth = bearer(t.admin.token);
    expectRefused(await t.app.inject({ url: '/admin/accounts?after=a%00b', headers: auth }));
    expectRefused(
      await t.app.inject({ method: 'POST', url: '/admin/accounts/a%00b/reset-password', headers: auth }),
    );
    expectRefused(await t.app.inject({ url: '/sync/per%00sons/pull', headers: auth }));
  });

  it('is refused in any JSON body field, nested or not, and an escaped backslash before u0000 is not a NUL', async () => {
    const auth = bearer(t.admin.token);
    expectRefused(
      await t.app.inject({
        method: 'POST',
        url: '/admin/accounts',
        headers: { ...auth, 'content-type': 'application/json' },
        payload: '{"fullName":"Nguyễn Văn\\u0000 A","role":"station-staff","orgUnitId":"ttyt-kv01"}',
      }),
    );
    const literal = await t.app.inject({
      method: 'POST',
      url: '/admin/accounts/user-name-preview',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"fullName":"Nguyễn Văn A\\\\u0000","role":"station-staff","orgUnitId":"ttyt-kv01"}',
    });
    expect(literal.json<{ error?: { code: string } }>().error?.code).not.toBe('text-nul-character');
  });

  it('logs a failed query without its SQL text or parameters', async () => {
    const thrown = await t.database.db
      .execute(sql`select ${'01T01_bimat\u0000'}::text as typed`)
      .then(() => undefined, toError);
    expect(thrown).toBeInstanceOf(Error);
    const lines = t.logLines.length;
    t.app.log.error({ err: thrown }, 'a query failed');
    const logged = t.logLines.slice(lines).join('\n');
    expect(logged).toContain('a query failed');
    expect(logged).not.toContain('bimat');
    expect(logged).not.toMatch(/select|params/i);
  });
});
