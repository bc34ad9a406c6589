import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/audit-log.ts';
import type { PrincipalRecheck } from '../auth/principal-recheck.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import type { SyncRequestGuard } from './wire/sync-request-guard.ts';
import type { ChangeFeed } from './feed/change-feed.ts';
import type { CollectionRegistry } from './collection-registry.ts';
import { replicationRoutes } from './wire/replication-routes.ts';
import { indexMissingUniqueKeys } from './store/unique-keys.ts';

/**
 * Registers the replication engine's routes (`/sync/:collection/pull|push|stream|count`, `/sync/versions`,
 * `/sync/outcomes`) for the collections of `registry`, after indexing the unique keys of documents stored before
 * their collection had one. What the collections are, and the features built on them, the app composes.
 */
export async function registerReplication(
  app: FastifyInstance,
  deps: {
    readonly db: Database;
    readonly cipher: DocumentCipher;
    readonly audit: AuditLog;
    readonly clock: { now(): Date };
    readonly registry: CollectionRegistry;
    readonly feed: ChangeFeed;
    readonly deviceSignature?: SyncRequestGuard | undefined;
    readonly recheckPrincipal?: PrincipalRecheck | undefined;
    /** How often an open stream sends a keep-alive and re-checks its session and device (default 25 s). */
    readonly streamHeartbeatMs?: number | undefined;
  },
): Promise<void> {
  // Residents stored before health IDs were indexed get their index entry now (one query once all are indexed).
  await indexMissingUniqueKeys(
    deps.db,
    deps.cipher,
    deps.registry.names.flatMap((name) => deps.registry.get(name) ?? []),
  );
  await app.register(
    replicationRoutes({
      db: deps.db,
      cipher: deps.cipher,
      audit: deps.audit,
      clock: deps.clock,
      registry: deps.registry,
      feed: deps.feed,
      deviceSignature: deps.deviceSignature,
      recheckPrincipal: deps.recheckPrincipal,
      streamHeartbeatMs: deps.streamHeartbeatMs,
    }),
  );
}
