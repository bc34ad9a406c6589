/** Folders this module creates in a backup folder start with this; nothing else there is ever touched. */
export const BACKUP_DIR_PREFIX = 'hssk-backup-';

const BACKUP_DIR_NAME = /^hssk-backup-\d{8}-\d{6}(?:-\d+)?$/;

/** `yyyymmdd-hhmmss` in the station's local time (what the staff read on the folder). */
export function localTimestamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${String(at.getFullYear())}${two(at.getMonth() + 1)}${two(at.getDate())}-` +
    `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`
  );
}

/** `hssk-backup-<yyyymmdd-hhmmss>`, then `…-2`, `…-3` when an earlier attempt found the name taken. */
export function backupDirName(at: Date, attempt = 1): string {
  const base = `${BACKUP_DIR_PREFIX}${localTimestamp(at)}`;
  return attempt <= 1 ? base : `${base}-${String(attempt)}`;
}

export function isBackupDirName(name: string): boolean {
  return BACKUP_DIR_NAME.test(name);
}
