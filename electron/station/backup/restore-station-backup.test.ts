import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPassphraseFileKeyStore } from '../keys/passphrase-file-key-store.ts';
import { TEST_SCRYPT } from '../keys/station-key-ring.test-support.ts';
import { tempDirectory } from '../replica/sqlite-rx-storage.test-support.ts';
import { createStationBackups } from './create-station-backups.ts';
import { restoreStationBackup } from './restore-station-backup.ts';
import { StationBackupError } from './station-backup-error.ts';
import {
  allDocuments,
  DATABASE_NAME,
  DEVICE,
  keyRingOf,
  openReplica,
  snapshotFolder,
  STAFF,
  testClock,
  testStationData,
  type TestStationData,
} from './station-backup.test-support.ts';

const RESTORE_AT = new Date(2026, 2, 11, 8, 15, 0);

async function backedUpStation(documents = 30): Promise<TestStationData & { backupDir: string }> {
  const station = await testStationData(documents);
  const backups = createStationBackups({
    storage: station.storage,
    databaseName: DATABASE_NAME,
    dataDir: station.dataDir,
    clock: testClock(new Date(2026, 2, 10, 12, 0, 0)),
    ...DEVICE,
  });
  const { directory } = await backups.backupNow(tempDirectory());
  return { ...station, backupDir: directory };
}

async function expectRefused(action: Promise<unknown>, code: string): Promise<void> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StationBackupError);
  expect((error as StationBackupError).code).toBe(code);
}

/** A second data folder that already holds a (different) station. */
async function occupiedDataDir(): Promise<string> {
  const other = await testStationData(2);
  await other.instance.close();
  return other.dataDir;
}

function flipByte(file: string, offset: number): void {
  const bytes = readFileSync(file);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
  writeFileSync(file, bytes);
}

describe('restoreStationBackup', () => {
  it('restores into an empty data folder; the same machine opens it through its machine slot', async () => {
    const station = await backedUpStation();
    const dataDir = join(tempDirectory(), 'data');

    const result = await restoreStationBackup({ backupDir: station.backupDir, dataDir });

    expect(result.movedAsideTo).toBeUndefined();
    expect(readdirSync(dataDir).sort()).toEqual(['keyslots.json', 'replica']);
    expect(
      readFileSync(result.databaseFile).equals(readFileSync(join(station.backupDir, 'station.db'))),
    ).toBe(true);
    const key = await keyRingOf(dataDir).openWithMachine(station.machine);
    expect(await allDocuments(await openReplica(dataDir, key))).toEqual(await allDocuments(station.instance));
  });

  it('lets a new machine open the restored replica through the city recovery slot or a staff slot', async () => {
    const station = await backedUpStation();
    const dataDir = tempDirectory();
    await restoreStationBackup({ backupDir: station.backupDir, dataDir });
    const ring = keyRingOf(dataDir);
    const newMachine = createPassphraseFileKeyStore({ passphrase: 'máy mới', scrypt: TEST_SCRYPT });
    await expect(ring.openWithMachine(newMachine)).rejects.toThrow(
      expect.objectContaining({ code: 'station-key-store-unwrap-failed' }),
    );

    const recovered = await ring.recover(station.recovery.secretKey);
    expect(await allDocuments(await openReplica(dataDir, recovered))).toHaveLength(30);
    const staffKey = await ring.openWithStaff(STAFF.userName, STAFF.password);
    expect(Buffer.from(staffKey).equals(Buffer.from(station.key))).toBe(true);
  });

  it('refuses damaged or incomplete backups and leaves the data folder byte for byte as it was', async () => {
    const station = await backedUpStation();
    const dataDir = await occupiedDataDir();
    const before = snapshotFolder(dataDir);
    const damage = (backupDir: string, spoil: (dir: string) => void): string => {
      const copy = join(tempDirectory(), 'hssk-backup-20260310-120000');
      mkdirSync(copy);
      for (const name of readdirSync(backupDir))
        writeFileSync(join(copy, name), readFileSync(join(backupDir, name)));
      spoil(copy);
      return copy;
    };
    const manifestOf = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const cases: [string, (dir: string) => void][] = [
      [
        'station-restore-file-damaged',
        (dir) => {
          flipByte(join(dir, 'station.db'), 5000);
        },
      ],
      [
        'station-restore-file-damaged',
        (dir) => {
          flipByte(join(dir, 'keyslots.json'), 10);
        },
      ],
      [
        'station-restore-file-damaged',
        (dir) => {
          truncateSync(join(dir, 'station.db'), 4096);
        },
      ],
      [
        'station-restore-file-missing',
        (dir) => {
          rmSync(join(dir, 'keyslots.json'));
        },
      ],
      [
        'station-restore-manifest-invalid',
        (dir) => {
          rmSync(join(dir, 'manifest.json'));
        },
      ],
      [
        'station-restore-manifest-invalid',
        (dir) => {
          writeFileSync(join(dir, 'manifest.json'), '{"format":');
        },
      ],
      [
        'station-restore-manifest-invalid',
        (dir) => {
          const manifest = manifestOf(dir);
          const files = manifest['files'] as { database: { name: string } };
          files.database.name = '../station.db';
          writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
        },
      ],
      [
        'station-restore-format-unsupported',
        (dir) => {
          writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifestOf(dir), formatVersion: 2 }));
        },
      ],
    ];
    for (const [code, spoil] of cases) {
      const backupDir = damage(station.backupDir, spoil);
      await expectRefused(restoreStationBackup({ backupDir, dataDir, replaceExisting: true }), code);
      expect(snapshotFolder(dataDir)).toEqual(before);
    }
    await expectRefused(
      restoreStationBackup({ backupDir: join(tempDirectory(), 'nowhere'), dataDir, replaceExisting: true }),
      'station-restore-backup-missing',
    );
    expect(snapshotFolder(dataDir)).toEqual(before);
  });

  it('refuses a data folder that already holds a station unless told to replace it', async () => {
    const station = await backedUpStation();
    const dataDir = await occupiedDataDir();
    const before = snapshotFolder(dataDir);
    await expectRefused(
      restoreStationBackup({ backupDir: station.backupDir, dataDir }),
      'station-restore-data-exists',
    );
    expect(snapshotFolder(dataDir)).toEqual(before);

    const onlySlots = tempDirectory();
    writeFileSync(join(onlySlots, 'keyslots.json'), '{}');
    await expectRefused(
      restoreStationBackup({ backupDir: station.backupDir, dataDir: onlySlots }),
      'station-restore-data-exists',
    );
  });

  it('with replace, moves the old replica and key slots aside (never deleted) and puts the backup in place', async () => {
    const station = await backedUpStation();
    const dataDir = await occupiedDataDir();
    const before = snapshotFolder(dataDir);

    const result = await restoreStationBackup({
      backupDir: station.backupDir,
      dataDir,
      replaceExisting: true,
      clock: { now: () => RESTORE_AT },
    });

    const aside = join(dataDir, 'before-restore-20260311-081500');
    expect(result.movedAsideTo).toBe(aside);
    const moved = snapshotFolder(aside);
    for (const [path, bytes] of Object.entries(before)) {
      if (path.startsWith('replica') || path === 'keyslots.json') expect(moved[path]).toBe(bytes);
    }
    expect(readFileSync(join(dataDir, 'keyslots.json')).equals(readFileSync(station.slotFile))).toBe(true);
    const key = await keyRingOf(dataDir).openWithMachine(station.machine);
    expect(await allDocuments(await openReplica(dataDir, key))).toEqual(await allDocuments(station.instance));
    expect(readdirSync(dataDir).filter((name) => name.startsWith('.'))).toEqual([]);

    // A second restore the same second moves the first restore's data to a fresh folder.
    const again = await restoreStationBackup({
      backupDir: station.backupDir,
      dataDir,
      replaceExisting: true,
      clock: { now: () => RESTORE_AT },
    });
    expect(again.movedAsideTo).toBe(`${aside}-2`);
  });
});

describe('station:restore command', () => {
  const command = join(import.meta.dirname, '..', 'restore-command.ts');
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', command, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('restores with --replace and says where the old data went, in Vietnamese; refuses without it', async () => {
    const station = await backedUpStation(3);
    const dataDir = await occupiedDataDir();

    const refused = run(['--from', station.backupDir, '--data', dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('[station-restore-data-exists]');
    expect(refused.stdout).toContain('--replace');

    const restored = run(['--from', station.backupDir, '--data', dataDir, '--replace']);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('Đã khôi phục bản sao lưu');
    expect(restored.stdout).toContain('before-restore-');
    expect(readFileSync(join(dataDir, 'keyslots.json')).equals(readFileSync(station.slotFile))).toBe(true);

    const usage = run(['--data', dataDir]);
    expect(usage.status).toBe(2);
    expect(usage.stdout).toContain('Cách dùng');
  });
});
