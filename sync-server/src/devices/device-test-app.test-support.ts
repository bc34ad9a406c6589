import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import nacl from 'tweetnacl';
import { z } from 'zod';
import { encodeBase64 } from '#shared/sync/base64.ts';
import type { TestClock } from '../testing/test-clock.test-support.ts';
import { createAuditLog, type AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Database, DatabaseHandle } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { registerErrorHandling } from '../http/error-handling.ts';
import { createDeviceRegistry, type DeviceRegistry } from './device-registry.ts';
import { deviceRoutes } from './device-routes.ts';
import { requireDeviceSignature } from './require-device-signature.ts';

/**
 * A small org-unit tree: the department, two health centres with their stations, a hospital.
 *
 *     so-y-te ─┬─ ttyt-a ─┬─ tyt-a1
 *              │          ├─ tyt-a2
 *              │          └─ tyt-a-old (merged away on 1/7/2025)
 *              ├─ ttyt-b ─── tyt-b1
 *              └─ bv-1
 */
export async function seedTestOrgUnits(db: Database): Promise<void> {
  await db.insert(orgUnits).values([
    { id: 'so-y-te', kind: 'city-health-department', name: 'Sở Y tế Hà Nội', parentId: null },
    { id: 'ttyt-a', kind: 'health-centre', name: 'Trung tâm Y tế khu vực A', parentId: 'so-y-te' },
    { id: 'tyt-a1', kind: 'commune-station', name: 'Trạm Y tế A1', parentId: 'ttyt-a' },
    { id: 'tyt-a2', kind: 'commune-station', name: 'Trạm Y tế A2', parentId: 'ttyt-a' },
    {
      id: 'tyt-a-old',
      kind: 'commune-station',
      name: 'Trạm Y tế A cũ',
      parentId: 'ttyt-a',
      validTo: '2025-06-30',
    },
    { id: 'ttyt-b', kind: 'health-centre', name: 'Trung tâm Y tế khu vực B', parentId: 'so-y-te' },
    { id: 'tyt-b1', kind: 'commune-station', name: 'Trạm Y tế B1', parentId: 'ttyt-b' },
    { id: 'bv-1', kind: 'hospital', name: 'Bệnh viện minh họa', parentId: 'so-y-te' },
  ]);
}

function principal(accountId: string, role: Principal['role'], orgUnitId: string): Principal {
  return {
    accountId,
    userName: accountId,
    role,
    orgUnitId,
    sessionTokenHash: `hash-${accountId}`,
    mustChangePassword: false,
  };
}

export const testPrincipals = {
  city: principal('acc-city', 'city-admin', 'so-y-te'),
  districtA: principal('acc-district-a', 'district-admin', 'ttyt-a'),
  districtB: principal('acc-district-b', 'district-admin', 'ttyt-b'),
  stationA1: principal('acc-station-a1', 'station-staff', 'tyt-a1'),
  stationA2: principal('acc-station-a2', 'station-staff', 'tyt-a2'),
  stationA1BoundElsewhere: {
    ...principal('acc-station-a1', 'station-staff', 'tyt-a1'),
    deviceId: 'other-device',
  },
  itAdmin: principal('acc-it', 'it-admin', 'so-y-te'),
  districtAPendingPassword: {
    ...principal('acc-district-a2', 'district-admin', 'ttyt-a'),
    mustChangePassword: true,
  },
} as const satisfies Record<string, Principal>;
export type TestPrincipalName = keyof typeof testPrincipals;

export const TEST_BODY_LIMIT = 16 * 1024;

export type DeviceTestApp = {
  readonly app: FastifyInstance;
  readonly registry: DeviceRegistry;
  readonly audit: AuditLog;
};

/**
 * The device routes and two signed echo routes, wired as build-app wires them, with a stand-in for the
 * authentication hook of src/auth: the `x-test-principal` header names one of `testPrincipals` (absent = anonymous).
 */
export async function buildDeviceTestApp(options: {
  database: DatabaseHandle;
  clock: TestClock;
  maxSkewMs?: number;
}): Promise<DeviceTestApp> {
  const { database, clock } = options;
  const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
  const registry = createDeviceRegistry({ db: database.db, audit, clock });
  const app = Fastify({ logger: false, bodyLimit: TEST_BODY_LIMIT }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.decorateRequest('principal', null);
  app.decorateRequest('authFailure', null);
  app.addHook('onRequest', async (request) => {
    const name = request.headers['x-test-principal'];
    request.principal =
      typeof name === 'string' && name in testPrincipals ? testPrincipals[name as TestPrincipalName] : null;
  });
  await app.register(deviceRoutes({ registry }));
  const guard = requireDeviceSignature({
    db: database.db,
    audit,
    clock,
    ...(options.maxSkewMs === undefined ? {} : { maxSkewMs: options.maxSkewMs }),
  });
  const echo = z.object({
    deviceId: z.string().nullable(),
    accountId: z.string().nullable(),
    body: z.unknown(),
  });
  await app.register(async (scope) => {
    scope.addHook('preParsing', guard.preParsing);
    scope.addHook('preHandler', guard.preHandler);
    scope.post(
      '/sync/echo',
      {
        schema: {
          tags: ['test'],
          summary: 'echo',
          body: z.record(z.string(), z.unknown()),
          response: { 200: echo },
        },
      },
      async (request) => ({
        deviceId: request.principal?.deviceId ?? null,
        accountId: request.principal?.accountId ?? null,
        body: request.body,
      }),
    );
  });
  // The same guard passed as route options instead of scope hooks.
  app.get(
    '/sync/echo',
    {
      preParsing: guard.preParsing,
      preHandler: guard.preHandler,
      schema: {
        tags: ['test'],
        summary: 'echo',
        querystring: z.object({ q: z.string() }),
        response: { 200: echo },
      },
    },
    async (request) => ({
      deviceId: request.principal?.deviceId ?? null,
      accountId: request.principal?.accountId ?? null,
      body: request.query,
    }),
  );
  await app.ready();
  return { app, registry, audit };
}

/** A station device: its key pair and the public key as the enrolment request carries it. */
export function newDeviceKeys(): { secretKey: Uint8Array; publicKey: Uint8Array; publicKeyBase64: string } {
  const keys = nacl.sign.keyPair();
  return { ...keys, publicKeyBase64: encodeBase64(keys.publicKey) };
}
