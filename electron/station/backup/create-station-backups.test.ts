import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../replica/open-encrypted-database.ts';
import { OTHER_KEY, tempDirectory } from '../replica/sqlite-rx-storage.test-support.ts';
import { backupManifest, type BackupManifest } from './backup-manifest.ts';
import { createStationBackups, type StationBackupsOptions } from './create-station-backups.ts';
import { fileDigest } from './file-digest.ts';
import { backupFailure, StationBackupError } from './station-backup-error.ts';
import {
  allDocuments,
  DATABASE_NAME,
  DEVICE,
  KNOWN_NAME,
  openReplica,
  testClock,
  testStationData,
  writeDocuments,
  type TestStationData,
} from './station-backup.test-support.ts';

const START = new Date(2026, 2, 10, 9, 30, 5);

function backupsOf(station: TestStationData, extra: Partial<StationBackupsOptions> = {}) {
  const clock = testClock(START);
  const backups = createStationBackups({
    storage: station.storage,
    databaseName: DATABASE_NAME,
    dataDir: station.dataDir,
    clock,
    ...DEVICE,
    ...extra,
  });
  return { backups, clock };
}

function readManifest(directory: string): BackupManifest {
  return backupManifest.parse(JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')));
}

async function expectBackupError(action: Promise<unknown>, code: string): Promise<StationBackupError> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StationBackupError);
  expect((error as StationBackupError).code).toBe(code);
  expect((error as StationBackupError).message).toMatch(/Hãy/);
  return error as StationBackupError;
}

describe('createStationBackups: backupNow', () => {
  it('writes the encrypted replica, the key slots and a manifest with sizes and SHA-256 into a dated folder', async () => {
    const station = await testStationData(40);
    const { backups } = backupsOf(station);
    const folder = tempDirectory();

    const summary = await backups.backupNow(folder);

    expect(summary.directory).toBe(join(folder, 'hssk-backup-20260310-093005'));
    expect(readdirSync(folder)).toEqual(['hssk-backup-20260310-093005']);
    expect(readdirSync(summary.directory).sort()).toEqual(['keyslots.json', 'manifest.json', 'station.db']);
    const manifest = readManifest(summary.directory);
    expect(manifest).toMatchObject({
      format: 'hssk-station-backup',
      formatVersion: 1,
      createdAt: START.toISOString(),
      ...DEVICE,
      databaseName: DATABASE_NAME,
    });
    for (const entry of [manifest.files.database, manifest.files.keySlots]) {
      expect(await fileDigest(join(summary.directory, entry.name))).toEqual({
        bytes: entry.bytes,
        sha256: entry.sha256,
      });
    }
    expect(
      readFileSync(join(summary.directory, 'keyslots.json')).equals(readFileSync(station.slotFile)),
    ).toBe(true);
    expect(summary.bytes).toBe(manifest.files.database.bytes + manifest.files.keySlots.bytes);
    expect(summary.removed).toEqual([]);
  });

  it('keeps no plaintext: the copy refuses a wrong key, holds no known name, and opens with the key to the same documents', async () => {
    const station = await testStationData(60);
    const { backups } = backupsOf(station);
    const summary = await backups.backupNow(tempDirectory());

    for (const name of readdirSync(summary.directory)) {
      const bytes = readFileSync(join(summary.directory, name));
      expect(bytes.includes(Buffer.from(KNOWN_NAME, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(KNOWN_NAME, 'utf16le').swap16())).toBe(false);
    }
    const copy = join(summary.directory, 'station.db');
    expect(() => openEncryptedDatabase(copy, OTHER_KEY)).toThrow(
      expect.objectContaining({ code: 'station-db-key-wrong' }),
    );

    const restoredDir = tempDirectory();
    mkdirSync(join(restoredDir, 'replica'));
    writeFileSync(join(restoredDir, 'replica', 'station.db'), readFileSync(copy));
    const restored = await openReplica(restoredDir, station.key);
    expect(await allDocuments(restored)).toEqual(await allDocuments(station.instance));
    expect(await allDocuments(restored)).toHaveLength(60);
  });

  it('takes a consistent copy while bulk writes continue in parallel', async () => {
    const station = await testStationData(0);
    const { backups } = backupsOf(station);
    let batches = 0;
    const writer = (async () => {
      for (let b = 0; b < 40; b++) {
        await writeDocuments(station.instance, `b${String(b).padStart(2, '0')}-`, 25, b);
        batches++;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    })();
    const backup = (async () => {
      while (batches < 10) await new Promise<void>((resolve) => setImmediate(resolve));
      return backups.backupNow(tempDirectory());
    })();
    const [, summary] = await Promise.all([writer, backup]);

    const restoredDir = tempDirectory();
    mkdirSync(join(restoredDir, 'replica'));
    writeFileSync(
      join(restoredDir, 'replica', 'station.db'),
      readFileSync(join(summary.directory, 'station.db')),
    );
    const docs = await allDocuments(await openReplica(restoredDir, station.key));
    const perBatch = new Map<number, number>();
    for (const doc of docs) perBatch.set(doc.n ?? -1, (perBatch.get(doc.n ?? -1) ?? 0) + 1);
    const present = [...perBatch.keys()].sort((a, b) => a - b);
    expect(present.length).toBeGreaterThanOrEqual(10);
    expect(present.length).toBeLessThan(40);
    expect(present).toEqual(present.map((_, i) => i));
    expect([...perBatch.values()].every((count) => count === 25)).toBe(true);
    expect(await allDocuments(station.instance)).toHaveLength(40 * 25);
  });

  it('keeps the last N backups of this device and never touches anything else in the folder', async () => {
    const station = await testStationData(5);
    const { backups, clock } = backupsOf(station, { keep: 3 });
    const folder = tempDirectory();
    writeFileSync(join(folder, 'ghi-chu.txt'), 'không phải bản sao lưu');
    mkdirSync(join(folder, 'hssk-backup-junk'));
    // Our name pattern but no manifest: not provably ours, so left alone.
    const foreign = join(folder, 'hssk-backup-20200101-000000');
    mkdirSync(foreign);

    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const summary = await backups.backupNow(folder);
      names.push(summary.directory.split('/').pop() ?? '');
      clock.advance(60 * 60 * 1000);
    }
    const other = createStationBackups({
      storage: station.storage,
      databaseName: DATABASE_NAME,
      dataDir: station.dataDir,
      clock: testClock(new Date(2020, 0, 1)),
      ...DEVICE,
      deviceId: 'device-b',
    });
    const otherSummary = await other.backupNow(folder);

    expect(readdirSync(folder).sort()).toEqual(
      [
        'ghi-chu.txt',
        'hssk-backup-junk',
        'hssk-backup-20200101-000000',
        otherSummary.directory.split('/').pop() ?? '',
        ...names.slice(2),
      ].sort(),
    );
    expect(readManifest(otherSummary.directory).deviceId).toBe('device-b');
    expect(readFileSync(join(folder, 'ghi-chu.txt'), 'utf8')).toBe('không phải bản sao lưu');
  });

  it('never removes the backup it has just written, even when the PC clock was set back', async () => {
    const station = await testStationData(1);
    const { backups, clock } = backupsOf(station, { keep: 2 });
    const folder = tempDirectory();
    await backups.backupNow(folder);
    clock.advance(60 * 60 * 1000);
    await backups.backupNow(folder);
    clock.advance(-3 * 24 * 60 * 60 * 1000);
    const late = await backups.backupNow(folder);
    expect(readdirSync(folder)).toContain(late.directory.split('/').pop());
    expect(readdirSync(folder)).toHaveLength(2);
  });

  it('reports the removed backups and names a second backup in the same second apart', async () => {
    const station = await testStationData(1);
    const { backups } = backupsOf(station, { keep: 1 });
    const folder = tempDirectory();
    const first = await backups.backupNow(folder);
    const second = await backups.backupNow(folder);
    expect(second.directory).toBe(`${first.directory}-2`);
    expect(second.removed).toEqual(['hssk-backup-20260310-093005']);
    expect(readdirSync(folder)).toEqual(['hssk-backup-20260310-093005-2']);
  });

  it('records the last backup (time, folder, size) so the status shows its age', async () => {
    const station = await testStationData(3);
    const { backups, clock } = backupsOf(station);
    expect(await backups.status()).toMatchObject({ lastBackup: null, lastBackupAgeMs: null, running: false });
    const folder = tempDirectory();
    const summary = await backups.backupNow(folder);
    clock.advance(90 * 60 * 1000);

    const status = await backups.status();
    expect(status.lastBackup).toEqual({
      at: START.toISOString(),
      folder,
      directory: summary.directory,
      bytes: summary.bytes,
    });
    expect(status.lastBackupAgeMs).toBe(90 * 60 * 1000);
    // Survives a restart of the station.
    const again = backupsOf(station).backups;
    expect((await again.status()).lastBackup).toEqual(status.lastBackup);
  });
});

describe('createStationBackups: failures', () => {
  it('refuses a missing folder (or a file) with a Vietnamese message and records the failure', async () => {
    const station = await testStationData(1);
    const { backups } = backupsOf(station);
    const parent = tempDirectory();
    await expectBackupError(backups.backupNow(join(parent, 'usb-chua-cam')), 'station-backup-folder-missing');
    writeFileSync(join(parent, 'a-file'), 'x');
    await expectBackupError(backups.backupNow(join(parent, 'a-file')), 'station-backup-folder-missing');
    expect(existsSync(join(parent, 'usb-chua-cam'))).toBe(false);
    const status = await backups.status();
    expect(status.lastBackup).toBeNull();
    expect(status.lastFailure).toMatchObject({
      code: 'station-backup-folder-missing',
      folder: join(parent, 'a-file'),
    });
  });

  it.runIf(process.platform === 'linux')('refuses a folder it cannot write into', async () => {
    const station = await testStationData(1);
    const { backups } = backupsOf(station);
    // /sys refuses new entries even to root, unlike a chmod-ed folder.
    await expectBackupError(backups.backupNow('/sys'), 'station-backup-folder-not-writable');
  });

  it('refuses when the database is closed, leaving nothing half-written in the folder', async () => {
    const station = await testStationData(1);
    const { backups } = backupsOf(station);
    await station.instance.close();
    const folder = tempDirectory();
    await expectBackupError(backups.backupNow(folder), 'station-backup-database-closed');
    expect(readdirSync(folder)).toEqual([]);
    expect((await backups.status()).lastFailure?.code).toBe('station-backup-database-closed');
  });

  it('refuses when the key slots file is missing (the backup could never be restored)', async () => {
    const station = await testStationData(1);
    const { backups } = backupsOf(station, { dataDir: tempDirectory() });
    const folder = tempDirectory();
    await expectBackupError(backups.backupNow(folder), 'station-backup-key-slots-missing');
    expect(readdirSync(folder)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('maps a full disk (ENOSPC, SQLITE_FULL) to its own code', () => {
    let enospc: unknown;
    try {
      writeFileSync('/dev/full', 'x');
    } catch (error) {
      enospc = error;
    }
    expect((backupFailure(enospc, '/media/usb') as StationBackupError).code).toBe('station-backup-disk-full');
    const full = new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    const mapped = backupFailure(full, '/media/usb') as StationBackupError;
    expect(mapped.code).toBe('station-backup-disk-full');
    expect(mapped.message).toContain('/media/usb');
    const bug = new TypeError('a bug');
    expect(backupFailure(bug, '/media/usb')).toBe(bug);
  });
});
