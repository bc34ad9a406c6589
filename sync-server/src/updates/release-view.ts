import type { updateReleases } from '../db/schema/updates.ts';
import {
  parseReleaseManifest,
  type ReleaseFile,
  type ReleasePlatform,
} from '#shared/releases/release-manifest.ts';

export const releaseStates = ['active', 'paused'] as const;
export type ReleaseState = (typeof releaseStates)[number];

/** A published release as the admin API shows it. */
export type ReleaseView = {
  readonly id: string;
  readonly channel: string;
  readonly platform: ReleasePlatform;
  readonly version: string;
  readonly releaseDate: string;
  readonly files: ReleaseFile[];
  readonly state: ReleaseState;
  readonly stagingPercentage: number;
  readonly stagingOrgUnits: string[];
  readonly signingKeyId: string;
  readonly publishedBy: string;
  readonly publishedAt: string;
  readonly updatedAt: string;
};

export type ReleaseRow = typeof updateReleases.$inferSelect;

/** The admin view of a stored release (its files and date come from the signed manifest). */
export function viewOf(row: ReleaseRow): ReleaseView {
  const manifest = parseReleaseManifest(row.manifest);
  if (!manifest.ok) throw new Error(`stored release ${row.id} has an unreadable manifest`);
  return {
    id: row.id,
    channel: row.channel,
    platform: manifest.value.platform,
    version: row.version,
    releaseDate: manifest.value.releaseDate,
    files: manifest.value.files,
    state: row.state === 'paused' ? 'paused' : 'active',
    stagingPercentage: row.stagingPercentage,
    stagingOrgUnits: row.stagingOrgUnits,
    signingKeyId: row.signingKeyId,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
