import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation, type OpenStation } from '#electron/station/open-station.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import { unwrap } from '#shared/errors/result.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { repoRoot } from '../support/repo-root.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

/** Every file and folder under `root` (itself included) whose permissions are not 0600 / 0700, as `path mode`. */
async function looserThanOwnerOnly(root: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (path: string) => {
    const info = await stat(path);
    const mode = info.mode & 0o777;
    const wanted = info.isDirectory() ? 0o700 : 0o600;
    if (mode !== wanted) found.push(`${relative(root, path) || '.'} ${mode.toString(8)}`);
    if (info.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
  };
  await visit(root);
  return found;
}

const backend = testBackends[0];

/**
 * Under the usual umask 022 (files 0644, folders 0755 unless asked otherwise), nothing the station writes may be
 * readable by another account of the PC: its data folder, its replica, key slots, settings, and its backups.
 */
describe(`station files are for the station's own account only (server on ${backend?.name ?? 'none'})`, () => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let directory = '';
  let umask = 0;
  const recovery = nacl.box.keyPair();

  beforeAll(async () => {
    if (backend === undefined) throw new Error('no test database backend');
    umask = process.umask(0o022);
    database = await backend.open();
    server = await startStationTestServer(database);
    directory = await mkdtemp(join(tmpdir(), 'hssk-station-modes-'));
  }, 120_000);
  afterAll(async () => {
    process.umask(umask);
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  const open = (dataDir: string, enrolmentCode?: string): Promise<OpenStation> =>
    openStation({
      dataDir,
      serverUrl: server.baseUrl,
      passphrase: 'modes-test-passphrase',
      recoveryPublicKey: recovery.publicKey,
      enrolmentCode,
      appVersion: '0.1.0',
    });

  it('creates the data folder, the replica, key slots, settings and backups 0700 / 0600, and so does a restore', async () => {
    const { orgUnitId, staff } = await server.createStaff(2);
    const dataDir = join(directory, 'station');
    const usb = join(directory, 'usb');
    await mkdir(usb, { mode: 0o755 });
    const station = await open(dataDir, await server.issueEnrolmentCode(orgUnitId));
    let backupDir = '';
    try {
      await station.core.call('session.login', { userName: staff.userName, password: staff.password });
      await station.core.call('sync.now', {});
      await expect
        .poll(async () => (await station.db['health-id-pools'].count().exec()) > 0, { timeout: 20_000 })
        .toBe(true);
      const registered = await station.core.call('residents.register', {
        draft: {
          fullName: 'Đỗ Văn Sao',
          familyName: 'Đỗ',
          middleName: 'Văn',
          givenName: 'Sao',
          dateOfBirth: unwrap(parsePartialDate('1979-03-15')),
          sex: 'male',
          personalId: '001079000333',
          phones: [],
          bhytCards: [],
          currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Tổ 3' },
          history: {},
        },
      });
      expect(registered).toMatchObject({ ok: true });
      await station.core.call('backup.configure', { folder: usb, dailyAt: null });
      const backedUp = await station.core.call('backup.now', {});
      if (!backedUp.ok || backedUp.value.lastBackup === null) throw new Error('no backup');
      backupDir = backedUp.value.lastBackup.directory;
      expect(await looserThanOwnerOnly(dataDir)).toEqual([]);
    } finally {
      await station.close();
    }
    expect(await looserThanOwnerOnly(dataDir)).toEqual([]);
    expect(await looserThanOwnerOnly(backupDir)).toEqual([]);
    // The chosen folder itself belongs to whoever chose it; the station does not change it.
    expect((await stat(usb)).mode & 0o777).toBe(0o755);

    // A backup written by an earlier version (files 0644) into a data folder someone made 0755 restores owner only.
    for (const name of await readdir(backupDir)) await chmod(join(backupDir, name), 0o644);
    const restoredDir = join(directory, 'restored');
    await mkdir(restoredDir, { mode: 0o755 });
    const restore = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'electron/station/restore-command.ts'),
        '--from',
        backupDir,
        '--data',
        restoredDir,
      ],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env } },
    );
    expect(restore.status, restore.stdout + restore.stderr).toBe(0);
    expect(await looserThanOwnerOnly(restoredDir)).toEqual([]);
    const restored = await open(restoredDir);
    try {
      expect(
        await restored.core.call('session.login', { userName: staff.userName, password: staff.password }),
      ).toMatchObject({ ok: true });
    } finally {
      await restored.close();
    }
    expect(await looserThanOwnerOnly(restoredDir)).toEqual([]);
  }, 180_000);
});
