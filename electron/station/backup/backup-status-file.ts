import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomically } from '../keys/write-file-atomically.ts';

/** Name of the file in the station's data folder that remembers the last backup (no personal data in it). */
export const BACKUP_STATUS_FILE = 'backup-status.json';

export const backupStatusRecord = z.object({
  lastBackup: z
    .object({
      at: z.iso.datetime(),
      /** The chosen backup folder and the backup written into it. */
      folder: z.string(),
      directory: z.string(),
      bytes: z.number().int().nonnegative(),
    })
    .nullable(),
  lastFailure: z
    .object({ at: z.iso.datetime(), folder: z.string(), code: z.string(), message: z.string() })
    .nullable(),
});
export type BackupStatusRecord = z.infer<typeof backupStatusRecord>;

const EMPTY: BackupStatusRecord = { lastBackup: null, lastFailure: null };

/**
 * Reads the record; a missing or unreadable file reads as "no backup yet" (the worst it can cause is one catch-up
 * backup too many, never a refused backup).
 */
export async function readBackupStatus(file: string): Promise<BackupStatusRecord> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return EMPTY;
  }
  try {
    const parsed = backupStatusRecord.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** Replaces the record atomically. */
export async function writeBackupStatus(file: string, record: BackupStatusRecord): Promise<void> {
  await writeFileAtomically(file, `${JSON.stringify(record, null, 2)}\n`);
}
