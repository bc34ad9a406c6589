import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemOf } from '#shared/errors/api-problem.ts';
import { appVersion, compareAppVersions } from '#shared/releases/app-version.ts';
import { updateChannel } from '#shared/releases/release-manifest.ts';
import { updateIssue, updateIssueStatus } from './update-issues.ts';
import type { UpdateService } from './update-service.ts';

/** The headers a station app sends on every sync request: its version and its update channel (default `latest`). */
export const APP_VERSION_HEADER = 'x-hssk-app-version';
export const APP_CHANNEL_HEADER = 'x-hssk-app-channel';
/** Sent back with a refusal, so the app can show which version it needs. */
export const MINIMUM_VERSION_HEADER = 'x-hssk-minimum-version';

/**
 * A hook for the replication routes: a station app older than its channel's minimum version (set by the city) is
 * refused with 426 `app-version-unsupported`, whose Vietnamese message tells the staff to update; its data stay on
 * the station. Requests without the version header (admins, hospitals, station builds without the update feed) pass: the
 * header is what the station app adds, and refusing its absence would cut off every existing station at once.
 * Runs as `onRequest`, before a push body is even read.
 */
export function supportedVersionGuard(deps: { service: UpdateService }) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const raw = request.headers[APP_VERSION_HEADER];
    if (raw === undefined) return undefined;
    const version = appVersion.safeParse(raw);
    if (!version.success) {
      const issue = updateIssue('app-version-header-invalid', { version: String(raw).slice(0, 64) });
      return reply.status(updateIssueStatus[issue.code]).send(problemOf([issue]));
    }
    const channel = updateChannel.safeParse(request.headers[APP_CHANNEL_HEADER] ?? 'latest');
    const minimum = await deps.service.minimumVersion(channel.success ? channel.data : 'latest');
    if (minimum === undefined || compareAppVersions(version.data, minimum) >= 0) return undefined;
    const issue = updateIssue('app-version-unsupported', { version: version.data, minimum });
    return reply
      .status(updateIssueStatus[issue.code])
      .header(MINIMUM_VERSION_HEADER, minimum)
      .send(problemOf([issue]));
  };
}
