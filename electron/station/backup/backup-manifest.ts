import { z } from 'zod';

/** Raised when a backup's layout changes; a restore refuses a manifest newer than it knows. */
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_FORMAT = 'hssk-station-backup';
export const MANIFEST_FILE = 'manifest.json';
export const KEY_SLOTS_FILE = 'keyslots.json';

/** A plain file name inside the backup folder: never a path, never hidden, never `.`/`..`. */
const fileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/)
  .refine((name) => !name.includes('..'));

export const backupFileEntry = z.object({
  name: fileName,
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupFileEntry = z.infer<typeof backupFileEntry>;

/**
 * `manifest.json`, written last into a backup folder: who made the backup and when, and the size and SHA-256 of each
 * file, so a restore can refuse a damaged or incomplete copy before touching anything. It holds no personal data.
 */
export const backupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  deviceId: z.string().min(1),
  orgUnitId: z.string().min(1),
  appVersion: z.string(),
  databaseName: z.string().min(1),
  files: z.object({
    /** The replica, whole-file encrypted with the station's database key (the key itself is in no backup file). */
    database: backupFileEntry,
    /** The wrapped key slots: machine, city recovery and staff slots. */
    keySlots: backupFileEntry.extend({ name: z.literal(KEY_SLOTS_FILE) }),
  }),
});
export type BackupManifest = z.infer<typeof backupManifest>;

/** Only what a restore must read first to know whether it can read the rest. */
export const backupManifestHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
});
