import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../accounts/accounts-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { startHardenedApp, type HardenedTestApp } from './hardened-app.test-support.ts';

function expectNeverStored(res: LightMyRequestResponse): void {
  expect(res.headers['cache-control'], `${String(res.statusCode)} ${res.body}`).toBe('no-store');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
}

describe.each(testBackends)('security headers on $name', (backend) => {
  let t: HardenedTestApp;
  beforeAll(async () => {
    t = await startHardenedApp(backend);
  });
  afterAll(async () => {
    await t.close();
  });

  it('marks health-data answers no-store and nosniff: a pull, a duplicate pair, a quarantined write', async () => {
    const auth = bearer(t.admin.token);
    const pull = await t.app.inject({ url: '/sync/persons/pull', headers: auth });
    expect(pull.statusCode, pull.body).toBe(200);
    expectNeverStored(pull);
    for (const url of ['/admin/duplicates/1', '/admin/quarantine/1', '/admin/merges/1']) {
      const res = await t.app.inject({ url, headers: auth });
      expect(res.statusCode, res.body).toBe(404);
      expectNeverStored(res);
    }
    expectNeverStored(await t.app.inject({ url: '/admin/duplicates', headers: auth }));
    expectNeverStored(await t.app.inject({ url: '/admin/accounts', headers: auth }));
  });

  it('marks every /auth answer no-store and nosniff, refusals included', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: t.admin.userName, password: t.admin.password },
    });
    expect(login.statusCode).toBe(200);
    expectNeverStored(login);
    expectNeverStored(await t.app.inject({ url: '/auth/session', headers: bearer(t.admin.token) }));
    expectNeverStored(await t.app.inject({ url: '/auth/session' }));
    expectNeverStored(await t.app.inject({ url: '/sync/persons/pull' }));
  });

  it('sends nosniff on every other answer, and no-store unless the route chose its own caching', async () => {
    const live = await t.app.inject({ url: '/health/live' });
    expectNeverStored(live);
    const missing = await t.app.inject({ url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expectNeverStored(missing);
  });
});
