import type { BackupStatusView } from '#shared/station-api/station-api.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { defineIssues } from '#shared/errors/issue.ts';
import type { DailyBackup } from '../backup/daily-backup-schedule.ts';
import type { StationBackups } from '../backup/create-station-backups.ts';
import { pendingRestoreOf, requestRestore } from '../backup/pending-restore.ts';
import { StationBackupError } from '../backup/station-backup-error.ts';
import type { StationDatabase } from '../database/station-collections.ts';

/** The backup settings, kept as a local document of the (encrypted) replica: never replicated. */
type BackupSettings = { readonly folder: string | null; readonly dailyAt: string | null };
const SETTINGS_DOC = 'backup-settings';
/**
 * The daily time a folder gets when it is first chosen: the midday break, when the station's computer is on and
 * least used. Staff may change it or turn the daily backup off.
 */
export const DEFAULT_DAILY_BACKUP_AT = '12:00';

/**
 * The station's backups as the station API offers them: the chosen folder and daily time, kept in the
 * replica; "back up now"; the daily schedule, restarted whenever the settings change and stopped on `close`. Backup
 * failures are answered as their issues (folder missing, not writable, disk full, …), never thrown. The daily backup
 * is on by default: the first folder chosen (saved, or used by a successful "back up now") starts it at
 * `DEFAULT_DAILY_BACKUP_AT` unless a time or "off" (null) is given.
 */
export type StationBackupService = {
  status(): Promise<BackupStatusView>;
  configure(settings: {
    readonly folder: string | null;
    readonly dailyAt?: string | null | undefined;
  }): Promise<BackupStatusView>;
  backupNow(folder?: string): Promise<Result<BackupStatusView>>;
  /**
   * Asks for a restore from a backup folder of this device (verified now), applied at the station's next start
   * (`applyPendingRestore`); the status then shows it as pending.
   */
  requestRestore(folder: string, requestedBy: string): Promise<Result<BackupStatusView>>;
  /** Told after every successful scheduled backup (the core records it in the access log). */
  onScheduledBackup(listener: () => Promise<void>): void;
  close(): Promise<void>;
};

export async function createStationBackupService(deps: {
  db: StationDatabase;
  backups: StationBackups;
  /** Where a restore asked for from the app is recorded (applied at the next start), and whose backups fit. */
  restore?: { readonly dataDir: string; readonly deviceId: string; readonly clock: { now(): Date } };
}): Promise<StationBackupService> {
  const { db, backups } = deps;
  let settings: BackupSettings = (await db.getLocal<BackupSettings>(SETTINGS_DOC))?.toJSON().data ?? {
    folder: null,
    dailyAt: null,
  };
  let daily: DailyBackup | undefined;
  let onScheduled: (() => Promise<void>) | undefined;

  const schedule = async () => {
    await daily?.stop();
    daily = undefined;
    if (settings.folder !== null && settings.dailyAt !== null) {
      daily = backups.startDailyBackup({
        at: settings.dailyAt,
        folder: settings.folder,
        onBackup: (outcome) => {
          if (outcome.ok) void onScheduled?.().catch(() => undefined);
        },
      });
    }
  };
  await schedule();
  const save = async (next: BackupSettings) => {
    settings = next;
    await db.upsertLocal<BackupSettings>(SETTINGS_DOC, settings);
    await schedule();
  };

  const status = async (): Promise<BackupStatusView> => {
    const current = await backups.status();
    return {
      folder: settings.folder,
      dailyAt: settings.dailyAt,
      lastBackup:
        current.lastBackup === null
          ? null
          : {
              at: current.lastBackup.at,
              directory: current.lastBackup.directory,
              bytes: current.lastBackup.bytes,
            },
      lastFailure:
        current.lastFailure === null
          ? null
          : {
              at: current.lastFailure.at,
              code: current.lastFailure.code,
              message: current.lastFailure.message,
            },
      lastBackupAgeMs: current.lastBackupAgeMs,
      running: current.running,
      pendingRestore:
        deps.restore === undefined ? null : await pendingRestoreOf(deps.restore.dataDir).catch(() => null),
    };
  };

  return {
    status,
    onScheduledBackup(listener) {
      onScheduled = listener;
    },
    async configure(next) {
      const dailyAt =
        next.dailyAt !== undefined
          ? next.dailyAt
          : settings.folder === null
            ? DEFAULT_DAILY_BACKUP_AT
            : settings.dailyAt;
      await save({ folder: next.folder, dailyAt });
      return status();
    },
    async backupNow(folder) {
      const target = folder ?? settings.folder;
      if (target === null) return fail(issue('station-backup-folder-not-chosen'));
      try {
        await backups.backupNow(target);
      } catch (thrown) {
        if (thrown instanceof StationBackupError) return fail(thrown.issue);
        throw thrown;
      }
      // The first folder that held a backup becomes the daily backup's folder.
      if (settings.folder === null) await save({ folder: target, dailyAt: DEFAULT_DAILY_BACKUP_AT });
      return ok(await status());
    },
    async requestRestore(folder, requestedBy) {
      if (deps.restore === undefined) return fail(issue('station-restore-not-available'));
      try {
        await requestRestore({ ...deps.restore, backupDir: folder, requestedBy });
      } catch (thrown) {
        if (thrown instanceof StationBackupError) return fail(thrown.issue);
        throw thrown;
      }
      return ok(await status());
    },
    async close() {
      await daily?.stop();
      daily = undefined;
    },
  };
}

const issue = defineIssues({
  'station-restore-not-available':
    'Máy trạm này chưa được cấu hình để khôi phục từ ứng dụng. Gọi bộ phận CNTT của trung tâm y tế để được hỗ trợ khôi phục.',
  'station-backup-folder-not-chosen':
    'Chưa chọn thư mục sao lưu. Vào Cài đặt, chọn thư mục (ổ USB, ổ mạng) rồi bấm "Sao lưu ngay".',
});
