import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { toError } from '#shared/errors/to-error.ts';
import type { SqliteRxStorage } from '../replica/sqlite-rx-storage.ts';
import { databaseFileName } from '../replica/sqlite-names.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupManifest,
  KEY_SLOTS_FILE,
  MANIFEST_FILE,
  type BackupManifest,
} from './backup-manifest.ts';
import { backupDirName, isBackupDirName } from './backup-name.ts';
import {
  BACKUP_STATUS_FILE,
  readBackupStatus,
  writeBackupStatus,
  type BackupStatusRecord,
} from './backup-status-file.ts';
import { startDailyBackup, type DailyBackup, type DailyBackupOptions } from './daily-backup-schedule.ts';
import { fileDigest, syncToDisk } from './file-digest.ts';
import { backupFailure, StationBackupError } from './station-backup-error.ts';

export const DEFAULT_BACKUPS_KEPT = 14;

export type StationBackupsOptions = {
  /** The storage the replica is open in (it alone holds the key and the open connection). */
  readonly storage: Pick<SqliteRxStorage, 'backupDatabase'>;
  readonly databaseName: string;
  /** The station's data folder: `keyslots.json` is read from it, `backup-status.json` written in it. */
  readonly dataDir: string;
  readonly clock: { now(): Date };
  readonly deviceId: string;
  readonly orgUnitId: string;
  readonly appVersion: string;
  /** Backups of this device kept in a backup folder (default 14); older ones of this device are removed. */
  readonly keep?: number;
};

export type BackupSummary = {
  /** The chosen backup folder, and the backup folder written inside it. */
  readonly folder: string;
  readonly directory: string;
  readonly createdAt: string;
  /** Total size of the backup's files. */
  readonly bytes: number;
  readonly manifest: BackupManifest;
  /** Names of this device's older backups removed from `folder` to keep the last `keep`. */
  readonly removed: readonly string[];
};

/** `lastFailure` is the last failed attempt: older than `lastBackup` when a later backup succeeded. */
export type BackupStatus = BackupStatusRecord & {
  /** Age of the last successful backup at the time of the call, in milliseconds (null when there is none). */
  readonly lastBackupAgeMs: number | null;
  readonly running: boolean;
};

/**
 * The station's local backups (Art. 19.3): a consistent copy of the encrypted replica plus its key slots
 * file, written into a chosen folder (USB disk, network share). Nothing in a backup is plain personal data: the
 * replica stays whole-file encrypted with the station's database key, and that key is only in the file wrapped in its
 * slots (machine, city recovery, staff), so a restore works on this machine or, through the recovery or a staff slot,
 * on a new one.
 */
export type StationBackups = {
  /**
   * Writes `<folder>/hssk-backup-<yyyymmdd-hhmmss>/` (database copy, `keyslots.json`, `manifest.json`; the folder
   * 0700 and its files 0600, for the station's account only; the chosen folder itself is left as it is): built under a
   * hidden temporary name and renamed only once every file is on disk, so a backup folder of that name is always
   * complete. Then removes this device's backups beyond the last `keep` in that folder, and nothing else. Calls run
   * one after another. Fails with a `StationBackupError` (folder missing, not writable, disk full, database closed, …),
   * leaving nothing half-written; every outcome is recorded for `status()`.
   */
  backupNow(folder: string): Promise<BackupSummary>;
  status(): Promise<BackupStatus>;
  /** Backs up into `folder` every day at `at` (local 'HH:MM'), catching up once at start; see `startDailyBackup`. */
  startDailyBackup(options: DailyBackupOptions<BackupSummary>): DailyBackup;
};

export function createStationBackups(options: StationBackupsOptions): StationBackups {
  const { storage, databaseName, dataDir, clock } = options;
  const keep = options.keep ?? DEFAULT_BACKUPS_KEPT;
  if (!Number.isSafeInteger(keep) || keep < 1)
    throw new Error(`keep must be a positive integer: ${String(keep)}`);
  const statusFile = join(dataDir, BACKUP_STATUS_FILE);
  const slotFile = join(dataDir, KEY_SLOTS_FILE);
  const databaseFile = databaseFileName(databaseName);
  let queue: Promise<unknown> = Promise.resolve();
  let running = 0;

  async function record(change: Partial<BackupStatusRecord>): Promise<void> {
    await writeBackupStatus(statusFile, { ...(await readBackupStatus(statusFile)), ...change });
  }

  async function writeBackup(folder: string): Promise<BackupSummary> {
    const startedAt = clock.now();
    const folderStat = await stat(folder).catch(() => undefined);
    if (folderStat === undefined || !folderStat.isDirectory()) {
      throw new StationBackupError('station-backup-folder-missing', { folder });
    }
    if ((await stat(slotFile).catch(() => undefined)) === undefined) {
      throw new StationBackupError('station-backup-key-slots-missing', { file: KEY_SLOTS_FILE });
    }
    const temporary = join(folder, `.${backupDirName(startedAt)}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      // Owner only, whatever the umask and the source's mode (SQLite creates its copy 0644 under umask 022).
      await mkdir(temporary, { mode: 0o700 });
      await chmod(temporary, 0o700);
      await storage.backupDatabase(databaseName, join(temporary, databaseFile));
      await chmod(join(temporary, databaseFile), 0o600);
      await copyFile(slotFile, join(temporary, KEY_SLOTS_FILE));
      await chmod(join(temporary, KEY_SLOTS_FILE), 0o600);
      await syncToDisk(join(temporary, KEY_SLOTS_FILE), 'file');
      const manifest: BackupManifest = backupManifest.parse({
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: startedAt.toISOString(),
        deviceId: options.deviceId,
        orgUnitId: options.orgUnitId,
        appVersion: options.appVersion,
        databaseName,
        files: {
          database: { name: databaseFile, ...(await fileDigest(join(temporary, databaseFile))) },
          keySlots: { name: KEY_SLOTS_FILE, ...(await fileDigest(join(temporary, KEY_SLOTS_FILE))) },
        },
      });
      const manifestFile = join(temporary, MANIFEST_FILE);
      await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      await syncToDisk(manifestFile, 'file');
      await syncToDisk(temporary, 'folder');
      const directory = await renameToFreeName(temporary, folder, startedAt);
      await syncToDisk(folder, 'folder');
      const removed = await pruneOldBackups(folder, options.deviceId, keep, basename(directory)).catch(
        () => [],
      );
      return {
        folder,
        directory,
        createdAt: manifest.createdAt,
        bytes: manifest.files.database.bytes + manifest.files.keySlots.bytes,
        manifest,
        removed,
      };
    } catch (error) {
      await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
  }

  async function backupNow(chosenFolder: string): Promise<BackupSummary> {
    const folder = resolve(chosenFolder);
    running++;
    try {
      const summary = await writeBackup(folder);
      // The backup exists whatever happens to the record; a record that could not be written only shows it older.
      await record({
        lastBackup: { at: summary.createdAt, folder, directory: summary.directory, bytes: summary.bytes },
      }).catch(() => undefined);
      return summary;
    } catch (thrown) {
      const failure = backupFailure(thrown, folder);
      const { issue } =
        failure instanceof StationBackupError
          ? failure
          : new StationBackupError('station-backup-write-failed', {
              folder,
              reason: toError(thrown).message,
            });
      await record({
        lastFailure: { at: clock.now().toISOString(), folder, code: issue.code, message: issue.message },
      }).catch(() => undefined);
      throw failure;
    } finally {
      running--;
    }
  }

  const backups: StationBackups = {
    backupNow(folder) {
      const run = queue.then(() => backupNow(folder));
      queue = run.catch(() => undefined);
      return run;
    },
    async status() {
      const stored = await readBackupStatus(statusFile);
      const at = stored.lastBackup === null ? undefined : Date.parse(stored.lastBackup.at);
      return {
        ...stored,
        lastBackupAgeMs: at === undefined ? null : Math.max(0, clock.now().getTime() - at),
        running: running > 0,
      };
    },
    startDailyBackup(schedule) {
      return startDailyBackup({ backups, clock, ...schedule });
    },
  };
  return backups;
}

/** Renames the finished temporary folder to `hssk-backup-<stamp>` (or `-2`, `-3`… when taken); returns its path. */
async function renameToFreeName(temporary: string, folder: string, at: Date): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const target = join(folder, backupDirName(at, attempt));
    if ((await stat(target).catch(() => undefined)) !== undefined) continue;
    try {
      await rename(temporary, target);
      return target;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // Another writer took the name between the check and the rename.
      if (attempt < 100 && (code === 'EEXIST' || code === 'ENOTEMPTY')) continue;
      throw error;
    }
  }
}

/**
 * Removes this device's backups beyond the newest `keep` in `folder`. Only complete backup folders (our name, a
 * manifest naming this device) are ever considered; anything else in the folder is left alone.
 */
async function pruneOldBackups(
  folder: string,
  deviceId: string,
  keep: number,
  justWritten: string,
): Promise<string[]> {
  const ours: { name: string; createdAt: string }[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (!entry.isDirectory() || !isBackupDirName(entry.name)) continue;
    const manifest = await readFile(join(folder, entry.name, MANIFEST_FILE), 'utf8')
      .then((text) => backupManifest.safeParse(JSON.parse(text)))
      .catch(() => undefined);
    if (manifest?.success !== true || manifest.data.deviceId !== deviceId) continue;
    ours.push({ name: entry.name, createdAt: manifest.data.createdAt });
  }
  // Newest first by the time the PC's clock gave; the backup just written counts as the newest whatever its time
  // says (a clock set back must not make the new backup the one removed).
  ours.sort(
    (a, b) =>
      Number(b.name === justWritten) - Number(a.name === justWritten) ||
      b.createdAt.localeCompare(a.createdAt) ||
      b.name.localeCompare(a.name),
  );
  const removed: string[] = [];
  for (const old of ours.slice(keep)) {
    await rm(join(folder, old.name), { recursive: true, force: true });
    removed.push(old.name);
  }
  return removed;
}
