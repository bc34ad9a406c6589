import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '#shared/sync/device-signature.ts';
import {
  bearer,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from '../accounts/accounts-app.test-support.ts';
import { rowsOf } from '../accounts/accounts-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { newDeviceKeys } from './device-test-app.test-support.ts';

describe.each(testBackends)('device sessions on $name', (backend) => {
  let server: AccountsTestApp;

  beforeAll(async () => {
    server = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  async function enrolDevice(): Promise<{ deviceId: string; orgUnitId: string; secretKey: Uint8Array }> {
    const { app, cityAdmin } = server;
    const station = await server.stationOf(units.centre1);
    const issued = await app.inject({
      method: 'POST',
      url: '/admin/devices/enrolment-codes',
      headers: bearer(cityAdmin.token),
      payload: { orgUnitId: station },
    });
    const keys = newDeviceKeys();
    const enrolled = await app.inject({
      method: 'POST',
      url: '/devices/enrol',
      payload: {
        code: issued.json<{ code: string }>().code,
        publicKey: keys.publicKeyBase64,
        label: 'Máy trạm',
      },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    return { ...enrolled.json<{ deviceId: string; orgUnitId: string }>(), secretKey: keys.secretKey };
  }

  async function audited(action: string, deviceId: string): Promise<number> {
    const result: unknown = await server.database.db.execute(
      sql`select count(*)::int as n from audit_log where action = ${action} and actor_device_id = ${deviceId}`,
    );
    return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
  }

  function openSession(device: { deviceId: string; secretKey: Uint8Array }, secretKey = device.secretKey) {
    const body = '{}';
    const signed = signRequest({
      deviceId: device.deviceId,
      secretKey,
      method: 'POST',
      path: '/auth/device-session',
      body,
      now: server.clock.now(),
    });
    return server.app.inject({
      method: 'POST',
      url: '/auth/device-session',
      headers: { 'content-type': 'application/json', ...signed },
      payload: body,
    });
  }

  it('opens a session for a signed device, usable for nothing but sync, and audits it', async () => {
    const device = await enrolDevice();
    const opened = await openSession(device);
    expect(opened.statusCode, opened.body).toBe(201);
    const session = opened.json<{ token: string; deviceId: string; orgUnitId: string }>();
    expect(session).toMatchObject({ deviceId: device.deviceId, orgUnitId: device.orgUnitId });

    // A device is not a person: account routes and admin routes refuse its session.
    for (const url of ['/auth/session', '/admin/devices', '/admin/stations']) {
      const answer = await server.app.inject({ url, headers: bearer(session.token) });
      expect(answer.statusCode, url).toBe(403);
      expect(answer.json()).toMatchObject({ error: { code: 'forbidden-role' } });
    }
    expect(await audited('device-session-started', device.deviceId)).toBe(1);
  });

  it('refuses an unsigned request, a wrong signature and a replayed one, each audited', async () => {
    const device = await enrolDevice();
    const unsigned = await server.app.inject({
      method: 'POST',
      url: '/auth/device-session',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json()).toMatchObject({ error: { code: 'device-signature-missing' } });

    const forged = await openSession(device, newDeviceKeys().secretKey);
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ error: { code: 'device-signature-invalid' } });

    const signed = signRequest({
      deviceId: device.deviceId,
      secretKey: device.secretKey,
      method: 'POST',
      path: '/auth/device-session',
      body: '{}',
      now: server.clock.now(),
    });
    const send = () =>
      server.app.inject({
        method: 'POST',
        url: '/auth/device-session',
        headers: { 'content-type': 'application/json', ...signed },
        payload: '{}',
      });
    expect((await send()).statusCode).toBe(201);
    const replayed = await send();
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json()).toMatchObject({ error: { code: 'device-replay' } });
    expect(await audited('device-signature-rejected', device.deviceId)).toBe(2);
  });

  it('ends with the device: a revoked device gets no new session and its open one stops working', async () => {
    const device = await enrolDevice();
    const session = (await openSession(device)).json<{ token: string }>();
    const revoked = await server.app.inject({
      method: 'POST',
      url: `/admin/devices/${device.deviceId}/revoke`,
      headers: bearer(server.cityAdmin.token),
    });
    expect(revoked.statusCode).toBe(200);
    const again = await openSession(device);
    expect(again.statusCode).toBe(403);
    expect(again.json()).toMatchObject({ error: { code: 'device-revoked' } });
    const stale = await server.app.inject({ url: '/auth/session', headers: bearer(session.token) });
    expect(stale.statusCode).toBe(401);
    expect(stale.json()).toMatchObject({ error: { code: 'session-expired' } });
  });
});
