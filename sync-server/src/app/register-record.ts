import { createCodingQueue } from '../coding/coding-queue.ts';
import { codingRoutes } from '../coding/coding-routes.ts';
import { createHealthIdKey } from '../health-ids/health-id-key.ts';
import { createServerHealthIds } from '../health-ids/server-health-ids.ts';
import { createBlindIndex } from '../duplicates/identity-keys.ts';
import { createHospitalIntake } from '../intake/hospital-intake.ts';
import { intakeRoutes } from '../intake/intake-routes.ts';
import { createPatientLookup } from '../intake/patient-lookup.ts';
import { createIntakeReview } from '../intake/intake-review.ts';
import { intakeReviewRoutes } from '../intake/intake-review-routes.ts';
import { createIntakeFigures } from '../intake/intake-figures.ts';
import { intakeFiguresRoutes } from '../intake/intake-figures-routes.ts';
import { createDeathCorrection } from '../residents/death-correction.ts';
import { residentRoutes } from '../residents/resident-routes.ts';
import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/audit-log.ts';
import type { PrincipalRecheck } from '../auth/principal-recheck.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import type { DeviceBoundRequests } from '../devices/device-bound-requests.ts';
import { rescanResidents } from '../duplicates/duplicate-rescan.ts';
import { duplicateRoutesOf } from '../duplicates/duplicate-routes.ts';
import { createInProcessChangeFeed, type ChangeFeed } from '../replication/feed/change-feed.ts';
import { createCollectionRegistry } from '../replication/collection-registry.ts';
import { registerReplication } from '../replication/register-replication.ts';
import type { ReplicatedCollection } from '../replication/replicated-collection.ts';
import { createRecordCommit } from '../replication/store/record-commit.ts';
import { createMergeReview } from '../review/merge-review.ts';
import { createQuarantineReview } from '../review/quarantine-review.ts';
import { reviewRoutes } from '../review/review-routes.ts';
import { recordCollections } from './record-collections.ts';
import type { ServiceCollectionDependencies } from './service-collections.ts';

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
  /** The largest hồ sơ giám định `POST /interop/qd130` takes, decompressed (default 20 MB). */
  readonly intakeBodyLimit?: number | undefined;
};

const DEFAULT_INTAKE_BODY_LIMIT = 20 * 1024 * 1024;
/** A ZIP of envelopes for back-filling, as sent: 50 MB (a hundred-megabyte batch is refused by its size). */
const DEFAULT_BATCH_BODY_LIMIT = 50 * 1024 * 1024;

/**
 * Registers the health record: the replication engine over the configured collections, and the features built on it —
 * the admin review of what replication refused or merged (`/admin/quarantine`, `/admin/merges`) and, with a
 * blind-index key, of potential duplicates (`/admin/duplicates`, after checking residents never checked before); with
 * residents replicated, one resident found by health ID and a recorded death corrected (`/admin/residents`), and the
 * district's coding of diagnoses written without a code (`/admin/coding-queue`); with the blind-index key, the
 * hospitals' QĐ 130 intake (`/interop/qd130`).
 */
export async function registerRecord(
  app: FastifyInstance,
  deps: ReplicationOptions & {
    readonly db: Database;
    readonly audit: AuditLog;
    readonly clock: { now(): Date };
    /** Who must sign with an enrolled device (stations always, hospitals once they enrol a sending machine). */
    readonly deviceBound?: DeviceBoundRequests | undefined;
    readonly recheckPrincipal?: PrincipalRecheck | undefined;
    /** What the service collections (`station-status`, `health-id-pools`, `access-events`) act on. */
    readonly services: ServiceCollectionDependencies;
  },
): Promise<void> {
  const composed =
    deps.collections === undefined
      ? recordCollections({ blindIndexKey: deps.blindIndexKey, services: deps.services })
      : { collections: deps.collections, duplicates: undefined };
  const registry = createCollectionRegistry(composed.collections);
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
  // Residents stored before duplicate detection ran for them (an earlier version, the demo's seeding) are checked now.
  if (composed.duplicates !== undefined) {
    await rescanResidents({ ...core, duplicates: composed.duplicates });
  }
  await app.register(
    reviewRoutes({ quarantine: createQuarantineReview(core), merges: createMergeReview(core) }),
  );
  if (composed.duplicates !== undefined) await app.register(duplicateRoutesOf(core));
  if (registry.personCollection !== undefined) {
    await app.register(
      residentRoutes({
        deaths: createDeathCorrection({ ...core, healthIdKey: createHealthIdKey(deps.blindIndexKey) }),
      }),
    );
    await app.register(codingRoutes({ queue: createCodingQueue(core) }));
  }
  if (
    deps.blindIndexKey !== undefined &&
    registry.personCollection !== undefined &&
    registry.get('encounters')
  ) {
    const healthIds = createServerHealthIds({ db: deps.db, allocator: deps.services.healthIds });
    const intake = createHospitalIntake({
      ...core,
      blind: createBlindIndex(deps.blindIndexKey),
      healthIdKey: createHealthIdKey(deps.blindIndexKey),
      healthIds,
    });
    await app.register(
      intakeRoutes({
        intake,
        lookup: createPatientLookup({
          ...core,
          blind: createBlindIndex(deps.blindIndexKey),
          healthIdKey: createHealthIdKey(deps.blindIndexKey),
          personCollection: registry.personCollection.name,
        }),
        deviceBound: deps.deviceBound,
        bodyLimit: deps.intakeBodyLimit ?? DEFAULT_INTAKE_BODY_LIMIT,
        batchBodyLimit: DEFAULT_BATCH_BODY_LIMIT,
      }),
    );
    const review = createIntakeReview({
      ...core,
      intake,
      healthIds,
      personCollection: registry.personCollection.name,
    });
    await app.register(intakeReviewRoutes({ review }));
    await app.register(
      intakeFiguresRoutes({ figures: createIntakeFigures(core), db: deps.db, deviceBound: deps.deviceBound }),
    );
  }
  await registerReplication(app, {
    ...core,
    deviceSignature: deps.deviceBound,
    recheckPrincipal: deps.recheckPrincipal,
    streamHeartbeatMs: deps.streamHeartbeatMs,
  });
}
