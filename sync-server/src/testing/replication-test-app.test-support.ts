import { createDuplicateDetector } from '../duplicates/duplicate-detector.ts';
import { duplicateRoutesOf } from '../duplicates/duplicate-routes.ts';
import { createBlindIndex } from '../duplicates/identity-keys.ts';
import { createMergeReview } from '../review/merge-review.ts';
import { createQuarantineReview } from '../review/quarantine-review.ts';
import { reviewRoutes } from '../review/review-routes.ts';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import nacl from 'tweetnacl';
import { createAuditLog, type AuditLog } from '../audit/audit-log.ts';
import { SCHEMA_VERSION_HEADER } from '#shared/sync/schema-version-header.ts';
import type { Principal } from '../auth/principal.ts';
import { createDocumentCipher, type DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database, DatabaseHandle } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { registerErrorHandling } from '../http/error-handling.ts';
import { createInProcessChangeFeed, type ChangeFeed } from '../replication/feed/change-feed.ts';
import { createCollectionRegistry, type CollectionRegistry } from '../replication/collection-registry.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import { domainReplicatedCollections } from '../record/domain-collections.ts';
import { serviceReplicatedCollections } from '../app/service-collections.ts';
import { createHealthIdAllocator } from '../health-ids/health-id-allocator.ts';
import { createStationStatusService } from '../stations/station-status-service.ts';
import type { ReplicatedCollection, ReplicatedDocument } from '../replication/replicated-collection.ts';
import { replicationRoutes } from '../replication/wire/replication-routes.ts';
import { rowsOf } from '../db/sql-rows.ts';
import { createRecordCommit } from '../replication/store/record-commit.ts';

/**
 * A test server for the replication routes alone: the real routes, error mapping and stores, with a test hook in
 * place of sessions and device signatures (the header `x-test-principal` names one of `testPrincipals`).
 *
 *     so-y-te ─┬─ ttyt-a ─┬─ tyt-a1
 *              │          └─ tyt-a2
 *              ├─ ttyt-b ─── tyt-b1
 *              └─ bv-1 (hospital)
 */
export const TEST_UNITS = {
  city: 'so-y-te',
  centreA: 'ttyt-a',
  stationA1: 'tyt-a1',
  stationA2: 'tyt-a2',
  centreB: 'ttyt-b',
  stationB1: 'tyt-b1',
  hospital: 'bv-1',
} as const;

function principal(
  accountId: string,
  role: Principal['role'],
  orgUnitId: string,
  deviceId?: string,
): Principal {
  return {
    accountId,
    // An Art. 7.1 user name, as every real account has: it is written into `updatedBy`.
    userName: `01T01_${accountId.replace(/[^a-z0-9]/g, '')}`,
    role,
    orgUnitId,
    sessionTokenHash: `hash-${accountId}`,
    mustChangePassword: false,
    ...(deviceId === undefined ? {} : { deviceId }),
  };
}

export const testPrincipals = {
  stationA1: principal('acc-a1', 'station-staff', TEST_UNITS.stationA1, 'dev-a1'),
  stationA1Second: principal('acc-a1-2', 'station-staff', TEST_UNITS.stationA1, 'dev-a1-2'),
  stationA2: principal('acc-a2', 'station-staff', TEST_UNITS.stationA2, 'dev-a2'),
  stationB1: principal('acc-b1', 'station-staff', TEST_UNITS.stationB1, 'dev-b1'),
  stationA1WithoutDevice: principal('acc-a1-nodev', 'station-staff', TEST_UNITS.stationA1),
  districtA: principal('acc-district-a', 'district-admin', TEST_UNITS.centreA),
  districtB: principal('acc-district-b', 'district-admin', TEST_UNITS.centreB),
  city: principal('acc-city', 'city-admin', TEST_UNITS.city),
  hospital: principal('acc-hospital', 'interop', TEST_UNITS.hospital),
  reportViewer: principal('acc-report', 'report-viewer', TEST_UNITS.city),
  itAdmin: principal('acc-it', 'it-admin', TEST_UNITS.city),
  mustChangePassword: {
    ...principal('acc-new', 'station-staff', TEST_UNITS.stationA1, 'dev-new'),
    mustChangePassword: true,
  },
} as const satisfies Record<string, Principal>;
export type TestPrincipalName = keyof typeof testPrincipals;

export const PRINCIPAL_HEADER = 'x-test-principal';

export async function seedReplicationTestUnits(db: Database): Promise<void> {
  await db.insert(orgUnits).values([
    { id: TEST_UNITS.city, kind: 'city-health-department', name: 'Sở Y tế Hà Nội', parentId: null },
    { id: TEST_UNITS.centreA, kind: 'health-centre', name: 'Trung tâm Y tế A', parentId: TEST_UNITS.city },
    { id: TEST_UNITS.stationA1, kind: 'commune-station', name: 'Trạm Y tế A1', parentId: TEST_UNITS.centreA },
    { id: TEST_UNITS.stationA2, kind: 'commune-station', name: 'Trạm Y tế A2', parentId: TEST_UNITS.centreA },
    { id: TEST_UNITS.centreB, kind: 'health-centre', name: 'Trung tâm Y tế B', parentId: TEST_UNITS.city },
    { id: TEST_UNITS.stationB1, kind: 'commune-station', name: 'Trạm Y tế B1', parentId: TEST_UNITS.centreB },
    { id: TEST_UNITS.hospital, kind: 'hospital', name: 'Bệnh viện minh họa', parentId: TEST_UNITS.city },
  ]);
}

export type ReplicationTestApp = {
  readonly app: FastifyInstance;
  readonly db: Database;
  readonly cipher: DocumentCipher;
  readonly audit: AuditLog;
  readonly registry: CollectionRegistry;
  readonly feed: ChangeFeed;
  /** Every stored document of a collection, decrypted, with `_deleted`, in sequence order. */
  storedDocuments(collection: string): Promise<(ReplicatedDocument & { _deleted: boolean; _seq: number })[]>;
  /** Count of rows in a table (documents, quarantine, conflict_log, evictions, audit_log). */
  count(table: string, where?: ReturnType<typeof sql>): Promise<number>;
};

export const TEST_BODY_LIMIT = 256 * 1024;

/** Builds the test server on an open, migrated database and seeds the test org units. */
export async function createReplicationTestApp(options: {
  database: DatabaseHandle;
  extraCollections?: readonly ReplicatedCollection[];
  clock?: { now(): Date };
  afterPushSequenceAllocated?: () => Promise<void>;
  /** Detect duplicates on every accepted resident write and serve `/admin/duplicates` (a random blind-index key). */
  duplicates?: boolean;
}): Promise<ReplicationTestApp> {
  const db = options.database.db;
  await seedReplicationTestUnits(db);
  const clock = options.clock ?? { now: () => new Date() };
  const cipher = createDocumentCipher(new Map([['test-key', nacl.randomBytes(nacl.secretbox.keyLength)]]));
  const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
  const duplicates =
    options.duplicates === true
      ? createDuplicateDetector({ blind: createBlindIndex(nacl.randomBytes(32)) })
      : undefined;
  const registry = createCollectionRegistry([
    ...domainReplicatedCollections({ duplicates }),
    ...serviceReplicatedCollections({
      stationStatus: createStationStatusService({ clock }),
      healthIds: createHealthIdAllocator({ audit, clock, poolSize: 100, lowWater: 20 }),
      audit,
    }),
    ...(options.extraCollections ?? []),
  ]);
  const feed = createInProcessChangeFeed();

  const app = Fastify({
    // HSSK_TEST_LOG=error shows the app's own log of a failing test (an unhandled error's cause).
    logger: { level: process.env['HSSK_TEST_LOG'] ?? 'silent' },
    bodyLimit: TEST_BODY_LIMIT,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const name = request.headers[PRINCIPAL_HEADER];
    request.principal =
      typeof name === 'string' && Object.hasOwn(testPrincipals, name)
        ? testPrincipals[name as TestPrincipalName]
        : null;
    // A device principal stands for the station app, which names its schema version on every collection request:
    // added here when a test does not set it (the gate itself is tested with real clients in tests/station).
    const collection = /^\/sync\/([^/?]+)\//.exec(request.url)?.[1];
    const version = collection === undefined ? undefined : registry.get(collection)?.schemaVersion;
    if (
      request.principal?.deviceId !== undefined &&
      version !== undefined &&
      request.headers[SCHEMA_VERSION_HEADER] === undefined
    ) {
      request.headers[SCHEMA_VERSION_HEADER] = String(version);
    }
  });
  const core = { db, cipher, audit, clock, registry, feed, commit: createRecordCommit({ db, feed }) };
  await app.register(
    reviewRoutes({ quarantine: createQuarantineReview(core), merges: createMergeReview(core) }),
  );
  if (duplicates !== undefined) await app.register(duplicateRoutesOf(core));
  await app.register(
    replicationRoutes({
      ...core,
      streamHeartbeatMs: 1000,
      afterPushSequenceAllocated: options.afterPushSequenceAllocated,
    }),
  );
  await app.ready();

  return {
    app,
    db,
    cipher,
    audit,
    registry,
    feed,
    async storedDocuments(collection) {
      const rows = rowsOf(
        await db.execute(
          sql`select seq, deleted, key_id, body from documents where collection = ${collection} order by seq`,
        ),
      );
      return rows.map((row) => ({
        ...decryptDocument(cipher, String(row['key_id']), row['body'] as Uint8Array),
        _deleted: row['deleted'] === true,
        _seq: Number(row['seq']),
      }));
    },
    async count(table, where) {
      const rows = rowsOf(
        await db.execute(
          sql`select count(*)::int as n from ${sql.identifier(table)} ${where === undefined ? sql`` : sql`where ${where}`}`,
        ),
      );
      return Number(rows[0]?.['n']);
    },
  };
}
