import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { KEY_SLOTS_FILE, type BackupManifest } from './backup-manifest.ts';
import { localTimestamp } from './backup-name.ts';
import { syncToDisk } from './file-digest.ts';
import { StationBackupError } from './station-backup-error.ts';
import { verifyFile, verifyStationBackup } from './verify-station-backup.ts';

/** The replica's folder inside a station's data folder (as `openStation` lays it out). */
export const REPLICA_DIR = 'replica';

export type RestoreOptions = {
  /** A `hssk-backup-…` folder written by `backupNow`. */
  readonly backupDir: string;
  /** The data folder of a STOPPED station (`--data` of `npm run station`). */
  readonly dataDir: string;
  /** Move the station's current replica and key slots aside instead of refusing. */
  readonly replaceExisting?: boolean;
  readonly clock?: { now(): Date };
};

export type RestoreResult = {
  readonly manifest: BackupManifest;
  readonly databaseFile: string;
  readonly keySlotsFile: string;
  /** Where the previous replica and `keyslots.json` were moved (never deleted), when there were any. */
  readonly movedAsideTo?: string;
};

/**
 * Restores a backup into the data folder of a stopped station. Verifies the backup completely first (manifest, every
 * file's size and SHA-256): a damaged or incomplete backup is refused with a `StationBackupError` and the data folder
 * is left as it was. A data folder that already holds a replica or key slots is refused too, unless
 * `replaceExisting`: then its `replica/` folder (with any `-wal`, which may hold committed writes) and `keyslots.json`
 * are MOVED to `<dataDir>/before-restore-<yyyymmdd-hhmmss>/`, never deleted. The files are copied into a staging
 * folder of the data folder and checked again before anything is moved; the replica goes in before the key slots, so
 * an interrupted restore leaves a database without its slots (refused at start with a clear message), never slots
 * without their database. The restored station opens through its machine slot on the same machine, and through the
 * city's recovery slot or a staff login on a new one.
 */
export async function restoreStationBackup(options: RestoreOptions): Promise<RestoreResult> {
  const backupDir = resolve(options.backupDir);
  const dataDir = resolve(options.dataDir);
  const clock = options.clock ?? { now: () => new Date() };
  const manifest = await verifyStationBackup(backupDir);

  const replicaDir = join(dataDir, REPLICA_DIR);
  const slotFile = join(dataDir, KEY_SLOTS_FILE);
  const replicaEntries = await readdir(replicaDir).catch(() => undefined);
  const slotsExist = (await stat(slotFile).catch(() => undefined)) !== undefined;
  const hasData = (replicaEntries?.length ?? 0) > 0 || slotsExist;
  if (hasData && options.replaceExisting !== true) {
    throw new StationBackupError('station-restore-data-exists', { dataDir });
  }

  // The data folder and everything restored into it are for the station's account only (0700 / 0600), also when
  // the folder existed before or the backup was written by a version that left its files 0644.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  const staging = join(dataDir, `.restore-${randomBytes(4).toString('hex')}.tmp`);
  const { database, keySlots } = manifest.files;
  try {
    await mkdir(join(staging, REPLICA_DIR), { recursive: true, mode: 0o700 });
    for (const [entry, target] of [
      [database, join(staging, REPLICA_DIR)],
      [keySlots, staging],
    ] as const) {
      await copyFile(join(backupDir, entry.name), join(target, entry.name));
      await chmod(join(target, entry.name), 0o600);
      await syncToDisk(join(target, entry.name), 'file');
      // Read back what was written: a flaky USB disk must not slip a bad copy past the check of the backup.
      await verifyFile(target, entry, backupDir);
    }

    let movedAsideTo: string | undefined;
    if (hasData) {
      movedAsideTo = await freeFolder(dataDir, `before-restore-${localTimestamp(clock.now())}`);
      await mkdir(movedAsideTo, { mode: 0o700 });
      if (replicaEntries !== undefined) await rename(replicaDir, join(movedAsideTo, REPLICA_DIR));
      if (slotsExist) await rename(slotFile, join(movedAsideTo, KEY_SLOTS_FILE));
      await syncToDisk(movedAsideTo, 'folder');
    } else if (replicaEntries !== undefined) {
      await rmdir(replicaDir); // empty: renaming onto it fails on Windows
    }
    await rename(join(staging, REPLICA_DIR), replicaDir);
    await syncToDisk(dataDir, 'folder');
    await rename(join(staging, KEY_SLOTS_FILE), slotFile);
    await syncToDisk(dataDir, 'folder');
    return {
      manifest,
      databaseFile: join(replicaDir, database.name),
      keySlotsFile: slotFile,
      ...(movedAsideTo === undefined ? {} : { movedAsideTo }),
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** `<dir>/<name>`, or `<name>-2`, `-3`… when taken. */
async function freeFolder(dir: string, name: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const candidate = join(dir, attempt === 1 ? name : `${name}-${String(attempt)}`);
    if ((await stat(candidate).catch(() => undefined)) === undefined) return candidate;
  }
}
