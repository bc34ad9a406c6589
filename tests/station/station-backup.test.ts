import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation, type OpenStation } from '#electron/station/open-station.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import { unwrap } from '#shared/errors/result.ts';
import type { ResidentDraftInput } from '#shared/station-api/station-api.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { repoRoot } from '../support/repo-root.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

const resident = (fullName: string, givenName: string, personalId: string): ResidentDraftInput => ({
  fullName,
  familyName: 'Đỗ',
  middleName: 'Văn',
  givenName,
  dateOfBirth: unwrap(parsePartialDate('1979-03-15')),
  sex: 'male',
  personalId,
  phones: [],
  bhytCards: [],
  currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Tổ 3' },
  history: {},
});

/** Backup through the station API, restore with the real command, reopen: the replica is back and catches up. */
describe.each(testBackends)('station backup and restore (server on $name)', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let directory = '';
  const recovery = nacl.box.keyPair();
  const passphrase = 'backup-test-passphrase';

  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database);
    directory = await mkdtemp(join(tmpdir(), 'hssk-station-backup-'));
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  const open = (dataDir: string, enrolmentCode?: string): Promise<OpenStation> =>
    openStation({
      dataDir,
      serverUrl: server.baseUrl,
      passphrase,
      recoveryPublicKey: recovery.publicKey,
      enrolmentCode,
      appVersion: '0.1.0',
    });

  it('backs up on demand into the chosen folder, restores into a new data folder, and loses nothing', async () => {
    const { orgUnitId, staff } = await server.createStaff(6);
    const first = join(directory, 'first');
    const backupFolder = join(directory, 'usb');
    await mkdir(backupFolder);
    const station = await open(first, await server.issueEnrolmentCode(orgUnitId));
    let afterBackupId = '';
    let inBackupId = '';
    try {
      expect(
        await station.core.call('session.login', { userName: staff.userName, password: staff.password }),
      ).toMatchObject({ ok: true });
      await station.core.call('sync.now', {});
      await expect
        .poll(async () => (await station.db['health-id-pools'].count().exec()) > 0, { timeout: 20_000 })
        .toBe(true);
      const inBackup = await station.core.call('residents.register', {
        draft: resident('Đỗ Văn Sao', 'Sao', '001079000111'),
      });
      if (!inBackup.ok) throw new Error(JSON.stringify(inBackup.errors));
      inBackupId = inBackup.value.person.id;

      expect(await station.core.call('backup.now', {})).toMatchObject({
        ok: false,
        errors: [{ code: 'station-backup-folder-not-chosen' }],
      });
      expect(
        await station.core.call('backup.configure', { folder: 'relative/folder', dailyAt: '12:00' }),
      ).toMatchObject({ ok: false, errors: [{ code: 'schema-invalid' }] });
      expect(
        await station.core.call('backup.configure', { folder: backupFolder, dailyAt: '25:00' }),
      ).toMatchObject({ ok: false, errors: [{ code: 'schema-invalid' }] });
      // The first folder chosen gets the daily backup at 12:00 unless told otherwise. A daily time with no backup in
      // the last day catches up at once; the scheduled backup is in the access log.
      const daily = join(directory, 'daily');
      await mkdir(daily);
      expect(await station.core.call('backup.configure', { folder: daily })).toMatchObject({
        ok: true,
        value: { folder: daily, dailyAt: '12:00' },
      });
      await expect.poll(async () => (await readdir(daily)).length, { timeout: 20_000 }).toBe(1);
      await expect
        .poll(
          async () =>
            (await station.db['access-events'].find({ selector: { action: 'backup' } }).exec()).map(
              (event) => event.userName,
            ),
          { timeout: 10_000 },
        )
        .toContain('lich-sao-luu-hang-ngay');
      expect(
        await station.core.call('backup.configure', { folder: backupFolder, dailyAt: null }),
      ).toMatchObject({
        ok: true,
        value: { folder: backupFolder, dailyAt: null },
      });
      const backedUp = await station.core.call('backup.now', {});
      const byHand = (await station.db['access-events'].find({ selector: { action: 'backup' } }).exec()).map(
        (event) => event.userName,
      );
      expect(byHand).toEqual(expect.arrayContaining([staff.userName, 'lich-sao-luu-hang-ngay']));
      expect(backedUp).toMatchObject({ ok: true, value: { lastFailure: null, running: false } });
      if (!backedUp.ok || backedUp.value.lastBackup === null) throw new Error('no backup recorded');
      expect(backedUp.value.lastBackup.bytes).toBeGreaterThan(0);
      expect(backedUp.value.lastBackupAgeMs).toBeGreaterThanOrEqual(0);

      // Written after the backup, and synced: the restored station must get it back from the server.
      const afterBackup = await station.core.call('residents.register', {
        draft: resident('Đỗ Văn Trăng', 'Trăng', '001079000222'),
      });
      if (!afterBackup.ok) throw new Error(JSON.stringify(afterBackup.errors));
      afterBackupId = afterBackup.value.person.id;
      await station.core.call('sync.now', {});
      await expect
        .poll(async () => (await server.storedDocuments('persons')).map((doc) => doc['id']), {
          timeout: 20_000,
        })
        .toContain(afterBackupId);
    } finally {
      await station.close();
    }

    const [written] = await readdir(backupFolder);
    if (written === undefined) throw new Error('no backup folder written');
    const restoredDir = join(directory, 'restored');
    const restore = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'electron/station/restore-command.ts'),
        '--from',
        join(backupFolder, written),
        '--data',
        restoredDir,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(restore.status, restore.stdout + restore.stderr).toBe(0);
    expect(restore.stdout).toContain('Đã khôi phục');

    const restored = await open(restoredDir);
    try {
      expect(restored.device.orgUnitId).toBe(orgUnitId);
      expect(
        await restored.core.call('session.login', { userName: staff.userName, password: staff.password }),
      ).toMatchObject({ ok: true });
      expect(await restored.core.call('residents.get', { id: inBackupId })).toMatchObject({ ok: true });
      await restored.core.call('sync.now', {});
      await expect
        .poll(async () => (await restored.core.call('residents.get', { id: afterBackupId })).ok, {
          timeout: 20_000,
        })
        .toBe(true);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('restores from the app at the next start: checked at once, applied before the replica opens, old data kept', async () => {
    const { orgUnitId, staff } = await server.createStaff(6);
    const dataDir = join(directory, 'in-app');
    const usb = join(directory, 'usb-in-app');
    const elsewhere = join(directory, 'elsewhere');
    await mkdir(usb);
    await mkdir(elsewhere);
    const station = await open(dataDir, await server.issueEnrolmentCode(orgUnitId));
    let backupDir = '';
    try {
      await station.core.call('session.login', { userName: staff.userName, password: staff.password });
      // The setting at backup time is what the restore must bring back; it changes after the backup.
      await station.core.call('backup.configure', { folder: usb, dailyAt: null });
      const backedUp = await station.core.call('backup.now', {});
      if (!backedUp.ok || backedUp.value.lastBackup === null) throw new Error('no backup');
      backupDir = backedUp.value.lastBackup.directory;
      await station.core.call('backup.configure', { folder: elsewhere, dailyAt: '18:30' });

      expect(await station.core.call('backup.restore', { folder: backupDir })).toMatchObject({
        ok: false,
        errors: [{ code: 'schema-invalid' }],
      });
      expect(
        await station.core.call('backup.restore', { folder: join(usb, 'hssk-backup-none'), confirmed: true }),
      ).toMatchObject({ ok: false, errors: [{ code: 'station-restore-backup-missing' }] });
      const requested = await station.core.call('backup.restore', { folder: backupDir, confirmed: true });
      expect(requested).toMatchObject({
        ok: true,
        value: { pendingRestore: { backupDir, requestedBy: staff.userName } },
      });
    } finally {
      await station.close();
    }

    const reopened = await open(dataDir);
    try {
      expect(reopened.restore).toMatchObject({ kind: 'restored', pending: { backupDir } });
      const entries = await readdir(dataDir);
      expect(entries.some((entry) => entry.startsWith('before-restore-'))).toBe(true);
      expect(entries.some((entry) => entry.startsWith('restore-done-'))).toBe(true);
      await reopened.core.call('session.login', { userName: staff.userName, password: staff.password });
      expect(await reopened.core.call('backup.status', {})).toMatchObject({
        ok: true,
        value: { folder: usb, dailyAt: null, pendingRestore: null },
      });
    } finally {
      await reopened.close();
    }
    // Once applied, the next start opens normally.
    const again = await open(dataDir);
    try {
      expect(again.restore).toEqual({ kind: 'none' });
    } finally {
      await again.close();
    }
  }, 120_000);
});
