import type { StationCommand } from '#shared/station-api/station-api.ts';
import type { AccessLog } from '../../services/access-log.ts';
import type { StationBackupService } from '../../services/station-backup-service.ts';
import { answerOf, answerValue, type StationHandlers } from '../station-handlers.ts';

export type BackupCommand = Extract<StationCommand, `backup.${string}`>;

/** Backup settings, "back up now" (recorded in the access log) and a restore applied at the next start. */
export function createBackupHandlers(deps: {
  backups: StationBackupService;
  access: AccessLog;
  /** The signed-in account's user name. */
  userName: () => string | undefined;
}): StationHandlers<BackupCommand> {
  const { backups } = deps;
  return {
    'backup.status': async () => answerValue(await backups.status()),
    'backup.configure': async ({ folder, dailyAt }) =>
      answerValue(await backups.configure({ folder, dailyAt })),
    'backup.restore': async ({ folder }) =>
      answerOf(await backups.requestRestore(folder, deps.userName() ?? '?'), (status) => status),
    'backup.now': async ({ folder }) => {
      const result = await backups.backupNow(folder);
      if (result.ok) await deps.access.record('backup', deps.userName() ?? '?');
      return answerOf(result, (status) => status);
    },
  };
}
