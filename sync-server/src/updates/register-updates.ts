import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import type { ArtifactStore } from './artifact-store.ts';
import { supportedVersionGuard } from './supported-version-guard.ts';
import { updateAdminRoutes } from './update-admin-routes.ts';
import { updateFeedRoutes } from './update-feed-routes.ts';
import { createUpdateService } from './update-service.ts';

/** What the app passes to serve station updates. */
export type UpdatesOptions = {
  /** Where installer files are kept (`createDirectoryArtifactStore(HSSK_UPDATES_DIR)`). */
  readonly artifacts: ArtifactStore;
  /** The city's release public keys (HSSK_RELEASE_PUBLIC_KEYS); a release signed by any other key is refused. */
  readonly releasePublicKeys: readonly Uint8Array[];
  readonly maxArtifactBytes?: number | undefined;
};

/**
 * Registers the update feed and the release admin API, and returns the hook the replication routes use to refuse
 * station versions below the minimum.
 */
export async function registerUpdates(
  app: FastifyInstance,
  deps: UpdatesOptions & { readonly db: Database; readonly audit: AuditLog; readonly clock: { now(): Date } },
): Promise<ReturnType<typeof supportedVersionGuard>> {
  const service = createUpdateService(deps);
  await app.register(updateFeedRoutes({ service }));
  await app.register(updateAdminRoutes({ service }));
  return supportedVersionGuard({ service });
}
