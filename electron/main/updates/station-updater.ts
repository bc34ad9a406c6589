import { rm } from 'node:fs/promises';
import type { AppUpdater } from 'electron-updater';
import type { Issue } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { toError } from '#shared/errors/to-error.ts';
import { verifyDownloadedUpdate } from './release-signature.ts';
import { updateIssue, type UpdateIssueCode } from './update-issues.ts';

/** What the station app needs of electron-updater's `AppUpdater` (tests drive a real one without Electron). */
export type UpdaterPort = Pick<
  AppUpdater,
  'autoDownload' | 'autoInstallOnAppQuit' | 'requestHeaders' | 'checkForUpdates' | 'quitAndInstall'
>;

export type UpdateStatus =
  | { readonly state: 'up-to-date' }
  | { readonly state: 'ready'; readonly version: string }
  | { readonly state: 'rejected' | 'failed'; readonly issue: Issue<UpdateIssueCode> };

export type StationUpdater = {
  /** Checks the feed, downloads a newer release and verifies the city's signature; never installs by itself. */
  check(): Promise<UpdateStatus>;
  /** Quits and installs the update that `check` verified; refuses when there is none. */
  installNow(): Result<void, UpdateIssueCode>;
};

function errorCode(error: Error): string | undefined {
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The station app's updater over electron-updater 6 and the sync server's generic feed. Downloads happen
 * in the background, but installing waits for two things: our verification of the city's release signature over the
 * downloaded file (`verifyDownloadedUpdate`), and the staff's go-ahead (`installNow`, offered once the open form is
 * saved). `autoInstallOnAppQuit` is off, so an unverified download can never be installed on quit. The station's org
 * unit goes to the feed in `x-hssk-org-unit`, for rollouts by area.
 */
export function createStationUpdater(deps: {
  readonly updater: UpdaterPort;
  readonly trustedKeys: readonly Uint8Array[];
  readonly platform: 'windows' | 'linux';
  readonly channel: string;
  readonly orgUnitId?: string | undefined;
  readonly log: (line: string) => void;
}): StationUpdater {
  const { updater } = deps;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  if (deps.orgUnitId !== undefined) updater.requestHeaders = { 'x-hssk-org-unit': deps.orgUnitId };
  let verified: string | undefined;

  return {
    async check() {
      verified = undefined;
      try {
        const result = await updater.checkForUpdates();
        if (result?.isUpdateAvailable !== true || result.downloadPromise == null)
          return { state: 'up-to-date' };
        const [file] = await result.downloadPromise;
        if (file === undefined) throw new Error('electron-updater downloaded no file');
        const check = await verifyDownloadedUpdate({
          info: result.updateInfo,
          downloadedFile: file,
          trustedKeys: deps.trustedKeys,
          platform: deps.platform,
          channel: deps.channel,
        });
        if (!check.ok) {
          deps.log(`update ${result.updateInfo.version} rejected: ${check.errors[0].code}`);
          await rm(file, { force: true });
          return { state: 'rejected', issue: check.errors[0] };
        }
        verified = check.value.version;
        return { state: 'ready', version: check.value.version };
      } catch (e) {
        const error = toError(e);
        deps.log(`update check failed: ${errorCode(error) ?? ''} ${error.message}`);
        return errorCode(error) === 'ERR_CHECKSUM_MISMATCH'
          ? { state: 'rejected', issue: updateIssue('update-download-corrupt') }
          : {
              state: 'failed',
              issue: updateIssue('update-check-failed', { detail: errorCode(error) ?? 'lỗi mạng' }),
            };
      }
    },
    installNow() {
      if (verified === undefined) return fail(updateIssue('update-not-ready'));
      updater.quitAndInstall(false, true);
      return ok(undefined);
    },
  };
}
