import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/audit-log.ts';
import type { PrincipalRecheck } from '../auth/principal-recheck.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import type { DeviceSignatureGuard } from '../devices/require-device-signature.ts';
import { createInProcessChangeFeed, type ChangeFeed } from './change-feed.ts';
import { createCollectionRegistry } from './collection-registry.ts';
import { domainReplicatedCollections } from './domain-collections.ts';
import type { ReplicatedCollection } from './replicated-collection.ts';
import { serviceReplicatedCollections, type ServiceCollectionDependencies } from './service-collections.ts';
import { replicationRoutes } from './replication-routes.ts';
import { createRecordCommit } from './store/record-commit.ts';
import { indexMissingUniqueKeys } from './unique-keys.ts';
import { createMergeReview } from '../review/merge-review.ts';
import { createQuarantineReview } from '../review/quarantine-review.ts';
import { reviewRoutes } from '../review/review-routes.ts';
import { createDuplicateDetector } from '../duplicates/duplicate-detector.ts';
import { rescanResidents } from '../duplicates/duplicate-rescan.ts';
import { duplicateRoutesOf } from '../duplicates/duplicate-routes.ts';
import { createBlindIndex } from '../duplicates/identity-keys.ts';
import { createHealthIdKey } from '../health-ids/health-id-key.ts';

/** What the app passes to enable replication. */
export type ReplicationOptions = {
  /** Encrypts document bodies, merge logs and quarantined writes at rest (keys from HSSK_DOCUMENT_KEYS). */
  readonly cipher: DocumentCipher;
  /** The replicated collections; default the domain and service collections (tests add RxDB's test collection). */
  readonly collections?: readonly ReplicatedCollection[] | undefined;
  /** Fan-out of committed changes to open streams; default in-process (one server instance). */
  readonly feed?: ChangeFeed | undefined;
  /** How often an open stream sends a keep-alive and re-checks its session and device (default 25 s). */
  readonly streamHeartbeatMs?: number | undefined;
  /**
   * The blind-index key (HSSK_BLIND_INDEX_KEY): with it, every accepted resident write is checked for potential
   * duplicates and the duplicate review (`/admin/duplicates`) is served. Only for the default collections.
   */
  readonly blindIndexKey?: Uint8Array | undefined;
};

/**
 * Registers the replication routes (`/sync/:collection/pull|push|stream|count`) for the configured collections, and
 * the admin review of what they quarantined or merged (`/admin/quarantine`, `/admin/merges`) and, with a blind-index
 * key, of potential duplicates (`/admin/duplicates`).
 */
export async function registerReplication(
  app: FastifyInstance,
  deps: ReplicationOptions & {
    readonly db: Database;
    readonly audit: AuditLog;
    readonly clock: { now(): Date };
    readonly deviceSignature?: DeviceSignatureGuard | undefined;
    readonly recheckPrincipal?: PrincipalRecheck | undefined;
    /** What the service collections (`station-status`, `health-id-pools`) act on. */
    readonly services: ServiceCollectionDependencies;
  },
): Promise<void> {
  const duplicates =
    deps.blindIndexKey === undefined
      ? undefined
      : createDuplicateDetector({ blind: createBlindIndex(deps.blindIndexKey) });
  const registry = createCollectionRegistry(
    deps.collections ?? [
      ...domainReplicatedCollections({ duplicates, healthIdKey: createHealthIdKey(deps.blindIndexKey) }),
      ...serviceReplicatedCollections(deps.services),
    ],
  );
  // Residents stored before health IDs were indexed get their index entry now (one query once all are indexed).
  await indexMissingUniqueKeys(
    deps.db,
    deps.cipher,
    registry.names.flatMap((name) => registry.get(name) ?? []),
  );
  // Residents stored before duplicate detection ran for them (an earlier version, the demo's seeding) are checked now.
  if (duplicates !== undefined) {
    await rescanResidents({
      db: deps.db,
      cipher: deps.cipher,
      duplicates,
      audit: deps.audit,
      clock: deps.clock,
    });
  }
  const feed = deps.feed ?? createInProcessChangeFeed();
  const core = {
    db: deps.db,
    cipher: deps.cipher,
    audit: deps.audit,
    clock: deps.clock,
    registry,
    feed,
    commit: createRecordCommit({ db: deps.db, feed }),
  };
  // The admin console's review of what replication refused or merged works on the same registry and feed.
  await app.register(
    reviewRoutes({ quarantine: createQuarantineReview(core), merges: createMergeReview(core) }),
  );
  if (duplicates !== undefined) await app.register(duplicateRoutesOf(core));
  await app.register(
    replicationRoutes({
      ...core,
      deviceSignature: deps.deviceSignature,
      recheckPrincipal: deps.recheckPrincipal,
      streamHeartbeatMs: deps.streamHeartbeatMs,
    }),
  );
}
