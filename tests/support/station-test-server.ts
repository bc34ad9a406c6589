import type { AddressInfo } from 'node:net';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import nacl from 'tweetnacl';
import {
  bearer,
  changePassword,
  cheapHasher,
  createActiveAccount,
  login,
  units,
} from '#sync-server/src/accounts/accounts-app.test-support.ts';
import { createInitialCityAdmin } from '#sync-server/src/accounts/create-initial-city-admin.ts';
import { buildApp } from '#sync-server/src/app/build-app.ts';
import { createAuditLog } from '#sync-server/src/audit/audit-log.ts';
import { createSessionTokens } from '#sync-server/src/auth/session-tokens.ts';
import { createDocumentCipher, type DocumentCipher } from '#sync-server/src/crypto/document-cipher.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { orgUnits } from '#sync-server/src/db/schema/org-units.ts';
import { newDeviceKeys } from '#sync-server/src/devices/device-test-app.test-support.ts';
import { seedOrgUnits } from '#sync-server/src/org-units/seed-org-units.ts';
import { decryptDocument } from '#sync-server/src/replication/store/client-document.ts';
import { rowsOf } from '#sync-server/src/db/sql-rows.ts';
import { recordCollections } from '#sync-server/src/app/record-collections.ts';
import { createHealthIdAllocator } from '#sync-server/src/health-ids/health-id-allocator.ts';
import { createCollectionRegistry } from '#sync-server/src/replication/collection-registry.ts';
import { storeServerDocuments } from '#sync-server/src/replication/store/store-server-documents.ts';
import { createStationStatusService } from '#sync-server/src/stations/station-status-service.ts';

export type EnrolledStation = {
  readonly orgUnitId: string;
  readonly staff: { readonly userName: string; readonly password: string; readonly token: string };
  readonly device: { readonly deviceId: string; readonly secretKey: Uint8Array };
};

/**
 * The real sync server in this process on a real port (PGlite or PostgreSQL), seeded like a first start, with a
 * signed-in city admin; `enrolStation` creates a staff account and enrols a device for a commune station of
 * `ttyt-kv01`, as an admin would. For station↔server integration tests.
 */
export type StationTestServer = {
  readonly baseUrl: string;
  readonly app: FastifyInstance;
  readonly adminToken: string;
  enrolStation(stationIndex?: number): Promise<EnrolledStation>;
  /** A signed-in staff account of a station (without a device): for a station that enrols itself. */
  createStaff(stationIndex: number): Promise<Omit<EnrolledStation, 'device'>>;
  /** A one-time enrolment code for a station, as an admin issues it. */
  issueEnrolmentCode(orgUnitId: string): Promise<string>;
  /** Stores documents as the server's own writes (seeding a commune), through the record's commit path. */
  storeDocuments(collection: string, docs: readonly Record<string, unknown>[]): Promise<number>;
  /** Every stored document of a collection, decrypted, in sequence order. */
  storedDocuments(collection: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
};

export async function startStationTestServer(
  database: DatabaseHandle,
  options: {
    /** With a blind-index key the server checks accepted residents for duplicates and serves `/admin/duplicates`. */
    readonly blindIndexKey?: Uint8Array;
  } = {},
): Promise<StationTestServer> {
  const clock = { now: () => new Date() };
  const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
  await seedOrgUnits(database.db);
  const initial = await createInitialCityAdmin({ db: database.db, audit, clock, hasher: cheapHasher });
  if (initial === null) throw new Error('fresh database already had a city admin');
  const cipher: DocumentCipher = createDocumentCipher(
    new Map([['k1', nacl.randomBytes(nacl.secretbox.keyLength)]]),
  );
  const app = await buildApp({
    database,
    clock,
    audit,
    bodyLimit: 4 * 1024 * 1024,
    logLevel: 'silent',
    accounts: { passwordHasher: cheapHasher, sessionTokens: createSessionTokens({ clock }) },
    replication: { cipher, streamHeartbeatMs: 1000, blindIndexKey: options.blindIndexKey },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`;
  const first = await login(app, initial.account.userName, initial.initialPassword);
  await changePassword(app, first, initial.initialPassword, 'Quản-trị#2026');
  const adminToken = await login(app, initial.account.userName, 'Quản-trị#2026');
  const stations = await database.db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, units.centre1), eq(orgUnits.kind, 'commune-station')))
    .orderBy(asc(orgUnits.id));
  let accountsMade = 0;

  async function createStaff(stationIndex: number) {
    const orgUnitId = stations[stationIndex]?.id;
    if (orgUnitId === undefined) throw new Error(`no station ${String(stationIndex)} under ${units.centre1}`);
    accountsMade++;
    const staff = await createActiveAccount(app, adminToken, {
      fullName: `Nguyễn Văn ${['An', 'Bình', 'Cường', 'Dũng', 'Giang'][accountsMade % 5] ?? 'An'}`,
      role: 'station-staff',
      orgUnitId,
    });
    return { orgUnitId, staff };
  }

  async function issueEnrolmentCode(orgUnitId: string): Promise<string> {
    const response = await app.inject({
      method: 'POST',
      url: '/admin/devices/enrolment-codes',
      headers: bearer(adminToken),
      payload: { orgUnitId },
    });
    if (response.statusCode !== 201 && response.statusCode !== 200) throw new Error(response.body);
    return response.json<{ code: string }>().code;
  }

  return {
    baseUrl,
    app,
    adminToken,
    createStaff,
    issueEnrolmentCode,
    async enrolStation(stationIndex = 0) {
      const { orgUnitId, staff } = await createStaff(stationIndex);
      const code = await issueEnrolmentCode(orgUnitId);
      const keys = newDeviceKeys();
      const enrolled = await app.inject({
        method: 'POST',
        url: '/devices/enrol',
        payload: { code, publicKey: keys.publicKeyBase64, label: `Máy trạm ${String(accountsMade)}` },
      });
      if (enrolled.statusCode !== 201) throw new Error(`enrolment failed: ${enrolled.body}`);
      return {
        orgUnitId,
        staff,
        device: { deviceId: enrolled.json<{ deviceId: string }>().deviceId, secretKey: keys.secretKey },
      };
    },
    async storeDocuments(collection, docs) {
      const registry = createCollectionRegistry(
        recordCollections({
          blindIndexKey: options.blindIndexKey,
          services: {
            stationStatus: createStationStatusService({ clock }),
            healthIds: createHealthIdAllocator({ audit, clock }),
            audit,
          },
        }).collections,
      );
      const actor = {
        accountId: initial.account.id,
        userName: initial.account.userName,
        role: 'city-admin',
        orgUnitId: units.department,
        sessionTokenHash: 'seeding',
        mustChangePassword: false,
      } as const;
      return storeServerDocuments({ db: database.db, cipher, clock, registry, actor }, collection, docs);
    },
    async storedDocuments(collection) {
      const rows = rowsOf(
        await database.db.execute(
          sql`select key_id, body from documents where collection = ${collection} order by seq`,
        ),
      );
      return rows.map((row) => decryptDocument(cipher, String(row['key_id']), row['body'] as Uint8Array));
    },
    async close() {
      const closing = app.close();
      // The stations of a test run in this process and keep idle keep-alive sockets to the server; one that was busy
      // when the close began would hold it for the server's keep-alive timeout (72 s). Close them as they go idle,
      // and after a grace period every socket still open (a request or stream that began as the close did).
      const sweep = setInterval(() => {
        app.server.closeIdleConnections();
      }, 100);
      const grace = setTimeout(() => {
        app.server.closeAllConnections();
      }, 3000);
      try {
        await closing;
      } finally {
        clearInterval(sweep);
        clearTimeout(grace);
      }
    },
  };
}
