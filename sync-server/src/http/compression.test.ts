import { brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../accounts/accounts-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { startHardenedApp, type HardenedTestApp } from './hardened-app.test-support.ts';

describe.each(testBackends)('compression on $name', (backend) => {
  let t: HardenedTestApp;
  beforeAll(async () => {
    t = await startHardenedApp(backend);
  });
  afterAll(async () => {
    await t.close();
  });

  it('compresses the large answers of the console and the API as the client allows, never /auth', async () => {
    const auth = { ...bearer(t.admin.token), 'accept-encoding': 'br, gzip' };
    const openapi = await t.app.inject({ url: '/openapi.json', headers: auth });
    expect(openapi.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(openapi.rawPayload).toString('utf8'))).toHaveProperty('paths');
    const gzipOnly = await t.app.inject({ url: '/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    const plain = await t.app.inject({ url: '/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    // A session answer is never compressed, whatever the client accepts (BREACH: a token beside sent text).
    const session = await t.app.inject({ url: '/auth/session', headers: auth });
    expect(session.statusCode).toBe(200);
    expect(session.headers['content-encoding']).toBeUndefined();
  });

  it('decompresses a gzip body before parsing it; /auth takes none, nor an encoding it does not know', async () => {
    const push = await t.app.inject({
      method: 'POST',
      url: '/sync/persons/push',
      headers: { ...bearer(t.admin.token), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync('[]'),
    });
    expect(push.statusCode, push.body).toBe(200);
    expect(push.json()).toEqual([]);
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ userName: t.admin.userName, password: t.admin.password })),
    });
    expect(login.statusCode).toBe(415);
    expect(login.json()).toMatchObject({ error: { code: 'content-encoding-unsupported' } });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/sync/persons/push',
      headers: {
        ...bearer(t.admin.token),
        'content-type': 'application/json',
        'content-encoding': 'compress',
      },
      payload: 'xyz',
    });
    expect(unknown.statusCode).toBe(415);
    expect(unknown.json()).toMatchObject({ error: { code: 'content-encoding-unsupported' } });
  });

  it('streams a page run compressed, line by line, and refuses a run of too many pages with a clear 400', async () => {
    const auth = { ...bearer(t.admin.token), 'accept-encoding': 'br' };
    const run = await t.app.inject({ url: '/sync/persons/pages?limit=10&pages=3', headers: auth });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.headers['content-type']).toContain('application/x-ndjson');
    const lines =
      run.body.length === 0
        ? []
        : (run.headers['content-encoding'] === 'br'
            ? brotliDecompressSync(run.rawPayload).toString('utf8')
            : run.body
          )
            .trim()
            .split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(lines[0] ?? '')).toHaveProperty('checkpoint');
    const tooMany = await t.app.inject({ url: '/sync/persons/pages?pages=1000', headers: auth });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ error: { code: 'request-invalid' } });
  });
});
