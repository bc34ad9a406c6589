import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationStatusReport } from '#shared/schemas/station-status-report.ts';
import {
  bearer,
  createActiveAccount,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from '../accounts/accounts-app.test-support.ts';
import { devices } from '../db/schema/devices.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { createStationStatusService } from './station-status-service.ts';

describe.each(testBackends)('GET /admin/stations on $name', (backend) => {
  let t: AccountsTestApp;
  let stationA: string;
  let stationB: string;

  beforeAll(async () => {
    t = await startAccountsApp(backend);
    stationA = await t.stationOf(units.centre1);
    stationB = await t.stationOf(units.centre2);
    const enrolledAt = t.clock.now();
    await t.database.db.insert(devices).values([
      { id: 'dev-a', orgUnitId: stationA, publicKey: 'k', label: 'Máy A', enrolledAt },
      { id: 'dev-b', orgUnitId: stationB, publicKey: 'k', label: 'Máy B', enrolledAt },
    ]);
    const status = createStationStatusService({ clock: t.clock });
    const report = (pendingChanges: number, oldestPendingAgeSeconds?: number) =>
      stationStatusReport.parse({
        reportedAt: t.clock.now().toISOString(),
        appVersion: '0.1.0',
        lastPullAt: t.clock.now().toISOString(),
        pendingChanges,
        ...(oldestPendingAgeSeconds === undefined ? {} : { oldestPendingAgeSeconds }),
        recordErrors: [],
        documentCounts: { persons: 10 },
        databaseSizeBytes: 1000,
        clockOffsetMs: 0,
      });
    // Three reports of device A: the second, a minute after the first, is not sampled again for the charts.
    await status.record(t.database.db, { deviceId: 'dev-a', orgUnitId: stationA }, report(7, 600));
    t.clock.advance(60_000);
    await status.record(t.database.db, { deviceId: 'dev-a', orgUnitId: stationA }, report(9, 660));
    t.clock.advance(10 * 60_000);
    await status.record(t.database.db, { deviceId: 'dev-a', orgUnitId: stationA }, report(2));
    await t.audit.append(t.database.db, {
      action: 'backup',
      actorDeviceId: 'dev-a',
      orgUnitId: stationA,
      detail: {
        source: 'station',
        userName: 'lich-sao-luu-hang-ngay',
        occurredAt: '2026-03-02T01:00:00.000Z',
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the city admin every station device with its latest report and flags', async () => {
    const res = await t.app.inject({ url: '/admin/stations', headers: bearer(t.cityAdmin.token) });
    expect(res.statusCode).toBe(200);
    const { stations } = res.json<{ stations: { deviceId: string; stale: boolean; report: unknown }[] }>();
    expect(stations.map((s) => [s.deviceId, s.stale])).toEqual([
      ['dev-b', true],
      ['dev-a', false],
    ]);
    // The last backup comes from the device's backup events in the audit log.
    expect(res.json<{ stations: { deviceId: string; lastBackupAt: string | null }[] }>().stations).toEqual([
      expect.objectContaining({ deviceId: 'dev-b', lastBackupAt: null }),
      expect.objectContaining({ deviceId: 'dev-a', lastBackupAt: '2026-03-02T01:00:00.000Z' }),
    ]);
  });

  it('charts sync activity and lag per area and hour, and one device’s samples, inside the admin’s scope', async () => {
    const history = await t.app.inject({
      url: '/admin/stations/history?hours=48',
      headers: bearer(t.cityAdmin.token),
    });
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json()).toEqual({
      buckets: [
        expect.objectContaining({
          areaId: units.centre1,
          reports: 2,
          stations: 1,
          pendingChanges: 7,
          maxLagSeconds: 600,
        }),
      ],
    });
    const points = await t.app.inject({
      url: '/admin/stations/dev-a/history',
      headers: bearer(t.cityAdmin.token),
    });
    expect(
      points.json<{ points: { pendingChanges: number }[] }>().points.map((p) => p.pendingChanges),
    ).toEqual([7, 2]);

    const other = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Đỗ Văn Hùng',
      role: 'district-admin',
      orgUnitId: units.centre2,
    });
    const foreign = await t.app.inject({ url: '/admin/stations/history', headers: bearer(other.token) });
    expect(foreign.json()).toEqual({ buckets: [] });
    const foreignDevice = await t.app.inject({
      url: '/admin/stations/dev-a/history',
      headers: bearer(other.token),
    });
    expect(foreignDevice.json()).toEqual({ points: [] });
    // A report viewer sees the aggregates, never a station's own figures.
    const viewer = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Vũ Thị Hồng',
      role: 'report-viewer',
      orgUnitId: units.aggregates,
    });
    const aggregates = await t.app.inject({
      url: '/admin/stations/history?hours=48',
      headers: bearer(viewer.token),
    });
    expect(aggregates.statusCode, aggregates.body).toBe(200);
    expect(aggregates.json<{ buckets: unknown[] }>().buckets).toHaveLength(1);
    for (const url of ['/admin/stations', '/admin/stations/dev-a/history'])
      expect((await t.app.inject({ url, headers: bearer(viewer.token) })).statusCode, url).toBe(403);
    const tooLong = await t.app.inject({
      url: '/admin/stations/history?hours=100000',
      headers: bearer(t.cityAdmin.token),
    });
    expect(tooLong.statusCode).toBe(400);
  });

  it('shows a district admin only its own stations and refuses a unit outside its subtree', async () => {
    const district = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Trần Thị Mai',
      role: 'district-admin',
      orgUnitId: units.centre1,
    });
    const own = await t.app.inject({ url: '/admin/stations', headers: bearer(district.token) });
    expect(own.json<{ stations: { deviceId: string }[] }>().stations.map((s) => s.deviceId)).toEqual([
      'dev-a',
    ]);
    const foreign = await t.app.inject({
      url: `/admin/stations?orgUnitId=${stationB}`,
      headers: bearer(district.token),
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ error: { code: 'org-unit-out-of-scope' } });
  });

  it('refuses station staff and anonymous callers, and rejects unknown query fields', async () => {
    const staff = await createActiveAccount(t.app, t.cityAdmin.token, {
      fullName: 'Lê Văn Bình',
      role: 'station-staff',
      orgUnitId: stationA,
    });
    expect((await t.app.inject({ url: '/admin/stations', headers: bearer(staff.token) })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: '/admin/stations' })).statusCode).toBe(401);
    const bad = await t.app.inject({
      url: "/admin/stations?orgUnitId=x'%20or%201=1--",
      headers: bearer(t.cityAdmin.token),
    });
    expect(bad.statusCode).toBe(400);
  });
});
