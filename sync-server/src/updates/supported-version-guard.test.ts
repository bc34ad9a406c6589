import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../accounts/accounts-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { codeOf, startUpdatesApp, type UpdatesTestApp } from './updates-app.test-support.ts';

describe.each(testBackends)('minimum station version on the replication routes on $name', (backend) => {
  let t: UpdatesTestApp;
  const pull = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/sync/persons/pull?checkpoint=0&limit=10', headers });

  beforeAll(async () => {
    t = await startUpdatesApp(backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('serves every version while no minimum is set', async () => {
    const res = await pull({ ...bearer(t.cityAdmin.token), 'x-hssk-app-version': '0.0.1' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses a station below the minimum with 426 and a Vietnamese "please update", before anything else', async () => {
    const set = await t.app.inject({
      method: 'PUT',
      url: '/admin/updates/latest/minimum-version',
      headers: bearer(t.cityAdmin.token),
      payload: { version: '1.4.0' },
    });
    expect(set.statusCode, set.body).toBe(200);
    for (const version of ['1.3.9', '1.4.0-beta.3', '0.9.0']) {
      const res = await pull({ ...bearer(t.cityAdmin.token), 'x-hssk-app-version': version });
      expect(res.statusCode, version).toBe(426);
      expect(res.headers['x-hssk-minimum-version']).toBe('1.4.0');
      const { error } = res.json<{ error: { code: string; message: string } }>();
      expect(error.code).toBe('app-version-unsupported');
      expect(error.message).toContain(`phiên bản ${version}`);
      expect(error.message).toContain('cập nhật phần mềm');
    }
    // Refused before authentication: even a push without a session learns it must update first.
    const push = await t.app.inject({
      method: 'POST',
      url: '/sync/persons/push',
      headers: { 'x-hssk-app-version': '1.0.0' },
      payload: [],
    });
    expect(push.statusCode).toBe(426);
  });

  it('serves versions at or above the minimum, and requests that send no version', async () => {
    for (const version of ['1.4.0', '1.4.1', '2.0.0-beta.1']) {
      const res = await pull({ ...bearer(t.cityAdmin.token), 'x-hssk-app-version': version });
      expect(res.statusCode, version).toBe(200);
    }
    expect((await pull(bearer(t.cityAdmin.token))).statusCode).toBe(200);
  });

  it('applies the minimum of the channel the station says it follows', async () => {
    const headers = {
      ...bearer(t.cityAdmin.token),
      'x-hssk-app-version': '1.0.0',
      'x-hssk-app-channel': 'beta',
    };
    expect((await pull(headers)).statusCode).toBe(200);
  });

  it('refuses a malformed version header, and leaves routes other than sync alone', async () => {
    const bad = await pull({ ...bearer(t.cityAdmin.token), 'x-hssk-app-version': 'latest' });
    expect(bad.statusCode).toBe(400);
    expect(codeOf(bad)).toBe('app-version-header-invalid');
    const admin = await t.app.inject({
      method: 'GET',
      url: '/admin/updates/releases',
      headers: { ...bearer(t.cityAdmin.token), 'x-hssk-app-version': '0.0.1' },
    });
    expect(admin.statusCode).toBe(200);
  });
});
