import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createActiveAccount,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from '../accounts/accounts-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { newDeviceKeys } from './device-test-app.test-support.ts';

describe.each(testBackends)('device routes in the assembled server on $name', (backend) => {
  let server: AccountsTestApp;

  // Opening a database and signing in with argon2id can take seconds on a loaded machine.
  beforeAll(async () => {
    server = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('lets real sessions issue, redeem, list and revoke, within each admin subtree', async () => {
    const { app, cityAdmin } = server;
    const station = await server.stationOf(units.centre1);
    const district = await createActiveAccount(app, cityAdmin.token, {
      fullName: 'Trần Thị Bình',
      role: 'district-admin',
      orgUnitId: units.centre1,
    });
    const otherDistrict = await createActiveAccount(app, cityAdmin.token, {
      fullName: 'Lê Văn Cường',
      role: 'district-admin',
      orgUnitId: units.centre2,
    });
    const staff = await createActiveAccount(app, cityAdmin.token, {
      fullName: 'Phạm Thị Dung',
      role: 'station-staff',
      orgUnitId: station,
    });

    const issued = await app.inject({
      method: 'POST',
      url: '/admin/devices/enrolment-codes',
      headers: bearer(district.token),
      payload: { orgUnitId: station },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const enrolled = await app.inject({
      method: 'POST',
      url: '/devices/enrol',
      payload: {
        code: issued.json<{ code: string }>().code,
        publicKey: newDeviceKeys().publicKeyBase64,
        label: 'Máy tiếp đón',
      },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const { deviceId } = enrolled.json<{ deviceId: string }>();

    const listed = await app.inject({ url: '/admin/devices', headers: bearer(district.token) });
    expect(listed.json<{ devices: { id: string }[] }>().devices.map((d) => d.id)).toEqual([deviceId]);
    const foreignList = await app.inject({ url: '/admin/devices', headers: bearer(otherDistrict.token) });
    expect(foreignList.json<{ devices: unknown[] }>().devices).toEqual([]);

    const byStaff = await app.inject({ url: '/admin/devices', headers: bearer(staff.token) });
    expect(byStaff.statusCode).toBe(403);
    expect(byStaff.json()).toMatchObject({ error: { code: 'forbidden-role' } });
    const anonymous = await app.inject({ url: '/admin/devices' });
    expect(anonymous.statusCode).toBe(401);

    const revoke = (token: string) =>
      app.inject({ method: 'POST', url: `/admin/devices/${deviceId}/revoke`, headers: bearer(token) });
    expect((await revoke(otherDistrict.token)).statusCode).toBe(404);
    expect((await revoke(district.token)).statusCode).toBe(200);
    expect(await server.audit.verify(server.database.db)).toMatchObject({ ok: true });
  });

  it('documents the device routes in OpenAPI', async () => {
    const doc = (await server.app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { tags?: string[] }>>;
    }>();
    for (const [path, method] of [
      ['/admin/devices/enrolment-codes', 'post'],
      ['/admin/devices', 'get'],
      ['/admin/devices/{deviceId}/revoke', 'post'],
      ['/devices/enrol', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.tags, path).toEqual(['devices']);
    }
  });
});
