import { readFile, rename, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { toError } from '#shared/errors/to-error.ts';
import { writeFileAtomically } from '../keys/write-file-atomically.ts';
import type { BackupManifest } from './backup-manifest.ts';
import { localTimestamp } from './backup-name.ts';
import { restoreStationBackup, type RestoreResult } from './restore-station-backup.ts';
import { StationBackupError } from './station-backup-error.ts';
import { verifyStationBackup } from './verify-station-backup.ts';

/** The marker of a restore the app asked for, applied at the station's next start (before the replica opens). */
export const PENDING_RESTORE_FILE = 'restore-pending.json';

const pendingRestore = z.object({
  backupDir: z.string().min(1),
  backupCreatedAt: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string(),
});
export type PendingRestore = z.infer<typeof pendingRestore>;

/**
 * Asks for a restore from the app (Settings, "restore"): the backup is verified completely now (manifest,
 * every file's size and SHA-256) and must be THIS device's, so a health worker learns at once when it is damaged or
 * someone else's; then a marker is written into the data folder, and the restore itself happens at the next start of
 * the station, before the replica opens (`applyPendingRestore`) — a running replica is never swapped underneath the
 * app. A second request replaces the first. Throws `StationBackupError` and writes nothing when the backup is unfit.
 */
export async function requestRestore(options: {
  dataDir: string;
  backupDir: string;
  deviceId: string;
  requestedBy: string;
  clock: { now(): Date };
}): Promise<{ pending: PendingRestore; manifest: BackupManifest }> {
  const backupDir = resolve(options.backupDir);
  const manifest = await verifyStationBackup(backupDir);
  if (manifest.deviceId !== options.deviceId) {
    throw new StationBackupError('station-restore-other-device', { backupDir, deviceId: manifest.deviceId });
  }
  const pending: PendingRestore = {
    backupDir,
    backupCreatedAt: manifest.createdAt,
    requestedAt: options.clock.now().toISOString(),
    requestedBy: options.requestedBy,
  };
  await writeFileAtomically(join(options.dataDir, PENDING_RESTORE_FILE), JSON.stringify(pending));
  return { pending, manifest };
}

/** The restore waiting for the next start, if any (an unreadable marker counts as none). */
export async function pendingRestoreOf(dataDir: string): Promise<PendingRestore | null> {
  const text = await readFile(join(dataDir, PENDING_RESTORE_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = pendingRestore.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type AppliedRestore =
  | { readonly kind: 'none' }
  | { readonly kind: 'restored'; readonly pending: PendingRestore; readonly result: RestoreResult }
  | {
      readonly kind: 'failed';
      readonly pending: PendingRestore | null;
      readonly code: string;
      readonly message: string;
    };

/**
 * At start, before anything opens the replica: applies the restore the app asked for, moving the current replica and
 * key slots aside (`before-restore-…`, never deleted). The marker is then renamed (`restore-done-…` or
 * `restore-failed-…`) so a restore is tried once; when it fails the data folder is exactly as it was and the station
 * opens its current replica.
 */
export async function applyPendingRestore(dataDir: string, clock: { now(): Date }): Promise<AppliedRestore> {
  const marker = join(dataDir, PENDING_RESTORE_FILE);
  if ((await stat(marker).catch(() => undefined)) === undefined) return { kind: 'none' };
  const pending = await pendingRestoreOf(dataDir);
  const stamp = localTimestamp(clock.now());
  try {
    if (pending === null)
      throw new StationBackupError('station-restore-manifest-invalid', { backupDir: marker });
    const result = await restoreStationBackup({
      backupDir: pending.backupDir,
      dataDir,
      replaceExisting: true,
      clock,
    });
    await rename(marker, join(dataDir, `restore-done-${stamp}.json`));
    return { kind: 'restored', pending, result };
  } catch (thrown) {
    await rename(marker, join(dataDir, `restore-failed-${stamp}.json`));
    if (thrown instanceof StationBackupError) {
      return { kind: 'failed', pending, code: thrown.code, message: thrown.issue.message };
    }
    return { kind: 'failed', pending, code: 'station-restore-failed', message: toError(thrown).message };
  }
}
