import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStationUpdater, type StationUpdater } from '#electron/main/updates/station-updater.ts';
import { updateReleases } from '#sync-server/src/db/schema/updates.ts';
import { signReleaseManifest } from '#shared/releases/release-manifest.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import {
  fakeInstaller,
  makeRelease,
  publishRelease,
  startUpdatesApp,
  type UpdatesTestApp,
} from '#sync-server/src/updates/updates-app.test-support.ts';
import { NodeUpdaterHttpExecutor } from './node-updater-http-executor.ts';

/**
 * electron-updater 6 itself, in plain Node, against the real sync server: the station's `AppImageUpdater` with an
 * app adapter in place of Electron's `app`, and Node's HTTP executor in place of Electron's `net`. Everything from
 * the feed request to the checksum of the download is electron-updater's own code; the signature check before
 * install is ours (`createStationUpdater`). Installing (replacing the AppImage and relaunching) needs the packaged app.
 */

const [backend] = testBackends;
if (backend === undefined) throw new Error('no test backend');

function appAdapter(dir: string, version: string): AppAdapter {
  return {
    version,
    name: 'HSSK Trạm Y tế',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
}

describe('electron-updater 6 against the sync server’s update feed', () => {
  let t: UpdatesTestApp;
  let feedUrl: string;
  let dir: string;
  let releaseId: string;
  const log: string[] = [];
  const savedAppImage = process.env['APPIMAGE'];

  /** A station at `version` whose updater id sits at `bucket` of the staging scale. */
  async function station(version: string, stagingId: string): Promise<StationUpdater> {
    await writeFile(join(dir, 'user-data', '.updaterId'), stagingId).catch(async () => {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(join(dir, 'user-data'), { recursive: true });
      await writeFile(join(dir, 'user-data', '.updaterId'), stagingId);
    });
    const updater = new AppImageUpdater(null, appAdapter(dir, version));
    // electron-updater talks HTTP through Electron's `net` in the app; here through Node's http (see
    // node-updater-http-executor.ts). The field is internal, hence the reflective set.
    Reflect.set(updater, 'httpExecutor', new NodeUpdaterHttpExecutor());
    // What electron-builder writes into the packaged app's resources/app-update.yml for the generic feed.
    await writeFile(
      join(dir, 'app-update.yml'),
      `provider: generic\nurl: ${feedUrl}\nchannel: latest\nupdaterCacheDirName: hssk-tram-updater\n`,
    );
    updater.logger = {
      info: (m: unknown) => log.push(String(m)),
      warn: (m: unknown) => log.push(String(m)),
      error: (m: unknown) => log.push(String(m)),
      debug: () => undefined,
    };
    return createStationUpdater({
      updater,
      trustedKeys: [t.keys.trusted.publicKey],
      platform: 'linux',
      channel: 'latest',
      log: (line) => log.push(line),
    });
  }

  const lowStation = '3f1c2a9e-1111-4222-8333-000000000010';

  beforeAll(async () => {
    t = await startUpdatesApp(backend);
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    feedUrl = `${base}/updates/latest`;
    await publishRelease(t, makeRelease(t.keys.trusted.secretKey, { version: '1.0.0' }));
    releaseId = (await publishRelease(t, makeRelease(t.keys.trusted.secretKey, { version: '1.1.0' }))).id;
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hssk-updater-'));
    // The running AppImage electron-updater replaces (it must exist; differential download reads it).
    const current = join(dir, 'HSSK-Tram-1.0.0-x86_64.AppImage');
    await writeFile(current, fakeInstaller('1.0.0'));
    process.env['APPIMAGE'] = current;
  });
  afterEach(async () => {
    if (savedAppImage === undefined) delete process.env['APPIMAGE'];
    else process.env['APPIMAGE'] = savedAppImage;
    await rm(dir, { recursive: true, force: true });
  });

  const rollout = (stagingPercentage: number) =>
    t.app.inject({
      method: 'PATCH',
      url: `/admin/updates/releases/${releaseId}`,
      headers: { authorization: `Bearer ${t.cityAdmin.token}` },
      payload: { stagingPercentage },
    });

  it('finds, downloads and verifies the update at 100 %', async () => {
    const status = await (await station('1.0.0', lowStation)).check();
    expect(status, log.join('\n')).toEqual({ state: 'ready', version: '1.1.0' });
  });

  it('finds no update at 0 %, and none for a station already on the newest version', async () => {
    expect((await rollout(0)).statusCode).toBe(200);
    try {
      expect(await (await station('1.0.0', lowStation)).check()).toEqual({ state: 'up-to-date' });
    } finally {
      await rollout(100);
    }
    expect(await (await station('1.1.0', lowStation)).check()).toEqual({ state: 'up-to-date' });
  });

  it('rejects a tampered artifact by its checksum and never offers it for install', async () => {
    const release = makeRelease(t.keys.trusted.secretKey, { version: '1.1.0' });
    const stored = join(t.artifactsDir, 'latest', release.fileName);
    const tampered = Buffer.from(release.bytes);
    tampered[1000] = (tampered[1000] ?? 0) ^ 0xff;
    await writeFile(stored, tampered);
    try {
      const updater = await station('1.0.0', lowStation);
      const status = await updater.check();
      expect(status).toMatchObject({ state: 'rejected', issue: { code: 'update-download-corrupt' } });
      expect(log.join('\n')).toContain('ERR_CHECKSUM_MISMATCH');
      expect(updater.installNow()).toMatchObject({ ok: false, errors: [{ code: 'update-not-ready' }] });
    } finally {
      await writeFile(stored, release.bytes);
    }
  });

  it('rejects a release whose signature is not the city’s, even when the feed and file agree', async () => {
    // A compromised feed: the server's stored signature replaced by one from another key over the same manifest.
    const [row] = await t.database.db.select().from(updateReleases).where(eq(updateReleases.id, releaseId));
    if (row === undefined) throw new Error('release row missing');
    const forged = signReleaseManifest(row.manifest, t.keys.untrusted.secretKey);
    await t.database.db
      .update(updateReleases)
      .set({ signature: forged })
      .where(eq(updateReleases.id, releaseId));
    try {
      const updater = await station('1.0.0', lowStation);
      const status = await updater.check();
      expect(status).toMatchObject({ state: 'rejected', issue: { code: 'update-signature-invalid' } });
      expect(updater.installNow().ok).toBe(false);
    } finally {
      await t.database.db
        .update(updateReleases)
        .set({ signature: row.signature })
        .where(eq(updateReleases.id, releaseId));
    }
  });

  it('gives a station below the minimum version the clear "please update" error from the sync endpoints', async () => {
    const set = await t.app.inject({
      method: 'PUT',
      url: '/admin/updates/latest/minimum-version',
      headers: { authorization: `Bearer ${t.cityAdmin.token}` },
      payload: { version: '1.1.0' },
    });
    expect(set.statusCode).toBe(200);
    const res = await fetch(new URL('/sync/persons/pull?checkpoint=0&limit=1', feedUrl), {
      headers: { authorization: `Bearer ${t.cityAdmin.token}`, 'x-hssk-app-version': '1.0.0' },
    });
    expect(res.status).toBe(426);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('app-version-unsupported');
    expect(body.error.message).toMatch(
      /^Phần mềm trạm y tế phiên bản 1\.0\.0 đã quá cũ.*1\.1\.0 trở lên\. Hãy cập nhật phần mềm/,
    );
  });
});
