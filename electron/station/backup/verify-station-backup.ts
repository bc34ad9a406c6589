import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { databaseFileName } from '../replica/sqlite-names.ts';
import {
  BACKUP_FORMAT_VERSION,
  backupManifest,
  backupManifestHeader,
  MANIFEST_FILE,
  type BackupFileEntry,
  type BackupManifest,
} from './backup-manifest.ts';
import { fileDigest } from './file-digest.ts';
import { StationBackupError } from './station-backup-error.ts';

/**
 * Checks a backup folder before anything is restored from it: its manifest parses (a backup folder on a USB disk is
 * untrusted input), its format is one this version reads, and every file it lists is there with the listed size and
 * SHA-256. Returns the manifest, or throws a `StationBackupError` ('station-restore-…'). Only reads.
 */
export async function verifyStationBackup(backupDir: string): Promise<BackupManifest> {
  const folder = await stat(backupDir).catch(() => undefined);
  if (folder?.isDirectory() !== true)
    throw new StationBackupError('station-restore-backup-missing', { backupDir });

  const invalid = (cause?: unknown) =>
    new StationBackupError('station-restore-manifest-invalid', { backupDir }, { cause });
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(backupDir, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    throw invalid(error);
  }
  const header = backupManifestHeader.safeParse(json);
  if (!header.success) throw invalid(header.error);
  if (header.data.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new StationBackupError('station-restore-format-unsupported', {
      backupDir,
      version: header.data.formatVersion,
    });
  }
  const parsed = backupManifest.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error);
  const manifest = parsed.data;
  if (manifest.files.database.name !== databaseFileName(manifest.databaseName)) throw invalid();

  for (const entry of [manifest.files.database, manifest.files.keySlots]) {
    await verifyFile(backupDir, entry);
  }
  return manifest;
}

/** Throws 'station-restore-file-missing' / 'station-restore-file-damaged' unless `dir/entry.name` matches `entry`. */
export async function verifyFile(
  dir: string,
  entry: BackupFileEntry,
  backupDir: string = dir,
): Promise<void> {
  const file = join(dir, entry.name);
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile() !== true) {
    throw new StationBackupError('station-restore-file-missing', { backupDir, file: entry.name });
  }
  // The size first: a truncated copy is refused without reading it all.
  const digest = info.size === entry.bytes ? await fileDigest(file) : undefined;
  if (digest?.bytes !== entry.bytes || digest.sha256 !== entry.sha256) {
    throw new StationBackupError('station-restore-file-damaged', { backupDir, file: entry.name });
  }
}
