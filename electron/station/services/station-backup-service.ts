import type { BackupStatusView } from '../../../shared/station-api/station-api.ts';
import { fail, ok, type Result } from '../../../shared/errors/result.ts';
import { defineIssues } from '../../../shared/errors/issue.ts';
import type { DailyBackup } from '../backup/daily-backup-schedule.ts';
import type { StationBackups } from '../backup/create-station-backups.ts';
import { StationBackupError } from '../backup/station-backup-error.ts';
import type { StationDatabase } from '../database/station-collections.ts';

/** The backup settings, kept as a local document of the (encrypted) replica: never replicated. */
type BackupSettings = { readonly folder: string | null; readonly dailyAt: string | null };
const SETTINGS_DOC = 'backup-settings';

/**
 * The station's backups as the station API offers them (issue 4 §3): the chosen folder and daily time, kept in the
 * replica; "back up now"; the daily schedule, restarted whenever the settings change and stopped on `close`. Backup
 * failures are answered as their issues (folder missing, not writable, disk full, …), never thrown.
 */
export type StationBackupService = {
  status(): Promise<BackupStatusView>;
  configure(settings: BackupSettings): Promise<BackupStatusView>;
  backupNow(folder?: string): Promise<Result<BackupStatusView>>;
  /** Told after every successful scheduled backup (the core records it in the access log). */
  onScheduledBackup(listener: () => Promise<void>): void;
  close(): Promise<void>;
};

export async function createStationBackupService(deps: {
  db: StationDatabase;
  backups: StationBackups;
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
    };
  };

  return {
    status,
    onScheduledBackup(listener) {
      onScheduled = listener;
    },
    async configure(next) {
      settings = { folder: next.folder, dailyAt: next.dailyAt };
      await db.upsertLocal<BackupSettings>(SETTINGS_DOC, settings);
      await schedule();
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
      return ok(await status());
    },
    async close() {
      await daily?.stop();
      daily = undefined;
    },
  };
}

const issue = defineIssues({
  'station-backup-folder-not-chosen':
    'Chưa chọn thư mục sao lưu. Vào Cài đặt, chọn thư mục (ổ USB, ổ mạng) rồi bấm "Sao lưu ngay".',
});
