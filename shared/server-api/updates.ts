import { z } from 'zod';
import { appVersion } from '../releases/app-version.ts';
import { artifactName, releaseFile, releasePlatforms, updateChannel } from '../releases/release-manifest.ts';
import { safeString } from '../schemas/safe-string.ts';

/**
 * The update routes: the release admin API (`/admin/updates`, city and IT admins) and the public update feed
 * electron-updater reads (`/updates/:channel/:file`, YAML or bytes, errors as the API problem).
 */

const releaseStates = ['active', 'paused'] as const;
export type ReleaseState = (typeof releaseStates)[number];

const orgUnitId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/);
const stagingPercentage = z.number().int().min(0).max(100);
const stagingOrgUnits = z.array(orgUnitId).max(200);

/** A published release as the admin API shows it (its files and date come from the signed manifest). */
export const releaseView = z.object({
  id: z.string(),
  channel: z.string(),
  platform: z.enum(releasePlatforms),
  version: z.string(),
  releaseDate: z.string(),
  files: z.array(releaseFile),
  state: z.enum(releaseStates),
  stagingPercentage: z.number(),
  stagingOrgUnits: z.array(z.string()),
  signingKeyId: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string(),
  updatedAt: z.string(),
});
export type ReleaseView = z.infer<typeof releaseView>;

export const channelParams = z.object({ channel: updateChannel });
export const artifactParams = z.object({ channel: updateChannel, file: artifactName });
/** An uploaded installer file (200: the same bytes were there already; 201: stored). */
export const artifactAnswer = z.object({ sha512: z.string(), size: z.number() });
export const publishReleaseRequest = z.strictObject({
  manifest: safeString().min(2).max(100_000),
  signature: safeString().max(200),
  stagingPercentage,
  stagingOrgUnits: stagingOrgUnits.default([]),
});
export const releaseListQuery = z.strictObject({ channel: updateChannel.optional() });
export const releasesAnswer = z.object({ releases: z.array(releaseView) });
export const releaseParams = z.object({ id: z.uuid() });
export const releaseChangeRequest = z.strictObject({
  state: z.enum(releaseStates).optional(),
  stagingPercentage: stagingPercentage.optional(),
  stagingOrgUnits: stagingOrgUnits.optional(),
});
export const minimumVersionRequest = z.strictObject({ version: appVersion });
/** The oldest station version the replication endpoints accept on a channel (null: any). */
export const minimumVersionAnswer = z.object({ channel: z.string(), minimumVersion: z.string().nullable() });

export const updateFeedParams = z.object({ channel: updateChannel, file: safeString().max(200) });
