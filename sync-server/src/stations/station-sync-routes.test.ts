import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../../shared/sync/device-signature.ts';
import {
  bearer,
  createActiveAccount,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from '../accounts/accounts-app.test-support.ts';
import { newDeviceKeys } from '../devices/device-test-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';

describe.each(testBackends)('POST /sync/station/report on $name', (backend) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('stores an enrolled station’s report, tops up its health IDs when low, and shows it to its admin', async () => {
    const station = await t.stationOf(units.centre1);
    const staff = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Đỗ Thị Hà',
      role: 'station-staff',
      orgUnitId: station,
    });
    const code = await t.app.inject({
      method: 'POST',
      url: '/admin/devices/enrolment-codes',
      headers: bearer(t.cityAdmin.token),
      payload: { orgUnitId: station },
    });
    const keys = newDeviceKeys();
    const enrolled = await t.app.inject({
      method: 'POST',
      url: '/devices/enrol',
      payload: { code: code.json<{ code: string }>().code, publicKey: keys.publicKeyBase64, label: 'Máy 1' },
    });
    const { deviceId } = enrolled.json<{ deviceId: string }>();
    const report = (remaining: number) => ({
      reportedAt: t.clock.now().toISOString(),
      appVersion: '0.1.0',
      lastPullAt: t.clock.now().toISOString(),
      pendingChanges: 1,
      recordErrors: [],
      documentCounts: { persons: 3 },
      databaseSizeBytes: 2048,
      clockOffsetMs: 40,
      healthIdsRemaining: remaining,
    });
    const send = (body: unknown) => {
      const text = JSON.stringify(body);
      return t.app.inject({
        method: 'POST',
        url: '/sync/station/report',
        headers: {
          ...bearer(staff.token),
          'content-type': 'application/json',
          ...signRequest({
            secretKey: keys.secretKey,
            deviceId,
            method: 'POST',
            path: '/sync/station/report',
            body: text,
            now: t.clock.now(),
          }),
        },
        payload: text,
      });
    };

    const low = await send(report(0));
    expect(low.statusCode, low.body).toBe(200);
    const first = low.json<{
      healthIdPools: unknown[];
      healthIdsLow: boolean;
      allocatedPoolId: string | null;
    }>();
    expect(first.healthIdsLow).toBe(true);
    expect(first.healthIdPools).toHaveLength(1);
    expect(first.allocatedPoolId).not.toBeNull();

    const plenty = await send(report(900));
    expect(plenty.json<{ healthIdPools: unknown[]; allocatedPoolId: string | null }>()).toMatchObject({
      allocatedPoolId: null,
    });
    expect(plenty.json<{ healthIdPools: unknown[] }>().healthIdPools).toHaveLength(1);

    const listed = await t.app.inject({ url: '/admin/stations', headers: bearer(t.cityAdmin.token) });
    const row = listed
      .json<{ stations: { deviceId: string; stale: boolean; report: { pendingChanges: number } | null }[] }>()
      .stations.find((s) => s.deviceId === deviceId);
    expect(row).toMatchObject({ stale: false, report: { pendingChanges: 1 } });
  });

  it('refuses a report without a device signature or from an admin', async () => {
    const body = {
      reportedAt: t.clock.now().toISOString(),
      appVersion: '0.1.0',
      pendingChanges: 0,
      recordErrors: [],
      documentCounts: {},
      databaseSizeBytes: 0,
      clockOffsetMs: 0,
    };
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/sync/station/report',
      headers: bearer(t.cityAdmin.token),
      payload: body,
    });
    expect(unsigned.statusCode).toBeGreaterThanOrEqual(400);
    expect(unsigned.statusCode).toBeLessThan(500);
    const anonymous = await t.app.inject({ method: 'POST', url: '/sync/station/report', payload: body });
    expect(anonymous.statusCode).toBe(401);
  });
});
