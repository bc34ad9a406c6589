import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, units } from '../accounts/accounts-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  makeRelease,
  publishRelease,
  startUpdatesApp,
  type UpdatesTestApp,
  codeOf,
} from './updates-app.test-support.ts';

/** Updater ids at the bottom, middle and top of electron-updater's staging scale (bytes 12–15 of the UUID). */
const stagingIds = {
  low: '3f1c2a9e-1111-4222-8333-000000000010',
  middle: '3f1c2a9e-1111-4222-8333-000080000000',
  high: '3f1c2a9e-1111-4222-8333-0000fffffff0',
} as const;

type Feed = { version: string; stagingPercentage?: number; files: { url: string }[]; path: string };

describe.each(testBackends)('update feed on $name', (backend) => {
  let t: UpdatesTestApp;

  async function feed(file: string, headers: Record<string, string> = {}): Promise<Feed> {
    const res = await t.app.inject({ method: 'GET', url: `/updates/latest/${file}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    return res.json<Feed>();
  }

  beforeAll(async () => {
    t = await startUpdatesApp(backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('answers an empty channel with a clear 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/updates/beta/beta-linux.yml' });
    expect(res.statusCode).toBe(404);
    expect(codeOf(res)).toBe('update-feed-empty');
  });

  it('serves latest.yml to Windows and latest-linux.yml to Linux, each its own platform’s release', async () => {
    await publishRelease(t, makeRelease(t.keys.trusted.secretKey, { version: '1.0.0', platform: 'windows' }));
    await publishRelease(t, makeRelease(t.keys.trusted.secretKey, { version: '1.0.0', platform: 'linux' }));
    const windows = await feed('latest.yml');
    expect(windows.path).toBe('HSSK-Tram-Setup-1.0.0.exe');
    const linux = await feed('latest-linux.yml');
    expect(linux.files.map((f) => f.url)).toEqual(['HSSK-Tram-1.0.0-x86_64.AppImage']);
  });

  it('offers a 50 % release to stations below the mark and shows the rest it with 0 %', async () => {
    const { id } = await publishRelease(t, makeRelease(t.keys.trusted.secretKey, { version: '1.1.0' }), {
      stagingPercentage: 50,
    });
    // Inside the rollout: the newest release, nothing for the updater to filter.
    const inside = await feed('latest-linux.yml', { 'x-user-staging-id': stagingIds.low });
    expect(inside).toMatchObject({ version: '1.1.0' });
    expect(inside.stagingPercentage).toBeUndefined();
    // Outside: the newest release it is offered (1.0.0) — which it already has, so no update.
    expect((await feed('latest-linux.yml', { 'x-user-staging-id': stagingIds.high })).version).toBe('1.0.0');
    expect((await feed('latest-linux.yml')).version).toBe('1.0.0');
    // Widening only adds stations.
    await t.app.inject({
      method: 'PATCH',
      url: `/admin/updates/releases/${id}`,
      headers: bearer(t.cityAdmin.token),
      payload: { stagingPercentage: 100 },
    });
    expect((await feed('latest-linux.yml', { 'x-user-staging-id': stagingIds.high })).version).toBe('1.1.0');
  });

  it('offers an area release only to stations in that area, whether told by header or by session', async () => {
    const inArea = await t.stationUnder(units.centre1);
    const elsewhere = await t.stationUnder(units.centre2);
    await publishRelease(t, makeRelease(t.keys.trusted.secretKey, { version: '1.2.0' }), {
      stagingPercentage: 100,
      stagingOrgUnits: [units.centre1],
    });
    expect((await feed('latest-linux.yml', { 'x-hssk-org-unit': inArea })).version).toBe('1.2.0');
    expect((await feed('latest-linux.yml', { 'x-hssk-org-unit': elsewhere })).version).toBe('1.1.0');
    expect((await feed('latest-linux.yml')).version).toBe('1.1.0');
    // A signed-in station's own org unit wins over whatever the header claims.
    const staff = await t.account('station-staff', elsewhere);
    const bySession = await feed('latest-linux.yml', { ...bearer(staff.token), 'x-hssk-org-unit': inArea });
    expect(bySession.version).toBe('1.1.0');
  });

  it('shows the newest release with stagingPercentage 0 when a station is offered none at all', async () => {
    await publishRelease(t, makeRelease(t.keys.trusted.secretKey, { version: '2.0.0', channel: 'beta' }), {
      stagingPercentage: 10,
    });
    const res = await t.app.inject({
      method: 'GET',
      url: '/updates/beta/beta-linux.yml',
      headers: { 'x-user-staging-id': stagingIds.middle },
    });
    expect(res.json()).toMatchObject({ version: '2.0.0', stagingPercentage: 0 });
  });

  describe('artifacts', () => {
    const name = 'HSSK-Tram-1.0.0-x86_64.AppImage';
    const bytes = makeRelease(new Uint8Array(64), { version: '1.0.0' }).bytes;

    it('serves the whole file with Accept-Ranges', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/updates/latest/${name}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(Number(res.headers['content-length'])).toBe(bytes.length);
      expect(res.rawPayload.equals(bytes)).toBe(true);
    });

    it('serves one range as 206 with Content-Range, including suffix and open-ended ranges', async () => {
      for (const [header, start, end] of [
        ['bytes=100-199', 100, 199],
        ['bytes=-50', bytes.length - 50, bytes.length - 1],
        [`bytes=${bytes.length - 10}-`, bytes.length - 10, bytes.length - 1],
        [`bytes=0-${bytes.length + 500}`, 0, bytes.length - 1],
      ] as const) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/updates/latest/${name}`,
          headers: { range: header },
        });
        expect(res.statusCode, header).toBe(206);
        expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${bytes.length}`);
        expect(res.rawPayload.equals(bytes.subarray(start, end + 1)), header).toBe(true);
      }
    });

    it('serves several ranges as multipart/byteranges, in the order asked', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/updates/latest/${name}`,
        headers: { range: 'bytes=5000-5099, 10-19' },
      });
      expect(res.statusCode).toBe(206);
      const boundary = /boundary=(\S+)/.exec(String(res.headers['content-type']))?.[1];
      expect(boundary).toBeDefined();
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      const body = res.rawPayload.toString('latin1');
      const parts = body.split(`--${boundary}`).slice(1, -1);
      expect(parts).toHaveLength(2);
      const payloadOf = (part: string) =>
        Buffer.from(part.split('\r\n\r\n')[1]?.replace(/\r\n$/, '') ?? '', 'latin1');
      expect(parts[0]).toContain(`content-range: bytes 5000-5099/${bytes.length}`);
      expect(payloadOf(parts[0] ?? '').equals(bytes.subarray(5000, 5100))).toBe(true);
      expect(payloadOf(parts[1] ?? '').equals(bytes.subarray(10, 20))).toBe(true);
    });

    it('answers a range beyond the file with 416 and the file size', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/updates/latest/${name}`,
        headers: { range: `bytes=${bytes.length}-` },
      });
      expect(res.statusCode).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${bytes.length}`);
    });

    it('serves only uploaded files of the channel, never a path outside it', async () => {
      for (const url of [
        '/updates/latest/unknown.AppImage',
        `/updates/beta/${name}`,
        '/updates/latest/..%2F..%2Fpackage.json',
        '/updates/latest/%2E%2E',
        '/updates/..%2Flatest/' + name,
      ]) {
        const res = await t.app.inject({ method: 'GET', url });
        expect([400, 404], url).toContain(res.statusCode);
      }
    });
  });
});
