import type { updateReleases } from '../db/schema/updates.ts';
import { parseReleaseManifest } from '#shared/releases/release-manifest.ts';
import type { ReleaseView } from '#shared/server-api/updates.ts';

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
