import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerAccounts, type AccountsOptions } from '../accounts/register-accounts.ts';
import { createStaffAccessList } from '../accounts/staff-access-list.ts';
import { createPrincipalRecheck } from '../auth/principal-recheck.ts';
import { createSessionTokens } from '../auth/session-tokens.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditRoutes } from '../audit/audit-routes.ts';
import { createAuditVerifications } from '../audit/audit-verifications.ts';
import { consoleRoutes } from '../console/console-routes.ts';
import { frontPageRoutes } from '../console/front-page-routes.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { createDeviceRegistry } from '../devices/device-registry.ts';
import { deviceSessionRoutes } from '../devices/device-session-routes.ts';
import { requireDeviceSignature } from '../devices/require-device-signature.ts';
import { deviceBoundRequests } from '../devices/device-bound-requests.ts';
import { deviceRoutes } from '../devices/device-routes.ts';
import { healthRoutes } from '../health/health-routes.ts';
import { registerErrorHandling } from '../http/error-handling.ts';
import { serializeError } from '../http/log-error-serializer.ts';
import { registerCompression } from '../http/compression.ts';
import { registerNulGuard } from '../http/nul-guard.ts';
import type { RateLimits } from '../http/rate-limits.ts';
import { registerRequestBudgets } from '../http/request-budgets.ts';
import { registerSecurityHeaders } from '../http/security-headers.ts';
import { createMetrics } from '../metrics/http-metrics.ts';
import { createInProcessChangeFeed } from '../replication/feed/change-feed.ts';
import { createHealthIdKey } from '../health-ids/health-id-key.ts';
import { registerRecord, type ReplicationOptions } from './register-record.ts';
import { createStationStatusService } from '../stations/station-status-service.ts';
import { stationRoutes } from '../stations/station-routes.ts';
import { createHealthIdAllocator } from '../health-ids/health-id-allocator.ts';
import { registerUpdates, type UpdatesOptions } from '../updates/register-updates.ts';

export type AppDependencies = {
  readonly database: DatabaseHandle;
  /** Injected time source; nothing in the server calls `Date.now()` directly. */
  readonly clock: { now(): Date };
  readonly bodyLimit: number;
  readonly logLevel: string;
  /** The signed audit log every security-relevant act is appended to, inside the act's transaction. */
  readonly audit: AuditLog;
  /** Overrides of password hashing cost, session lifetimes and account naming; production uses the defaults. */
  readonly accounts?: AccountsOptions;
  /** Where log lines go (default stdout); tests pass a stream to check what is, and is not, logged. */
  readonly logStream?: { write(line: string): void };
  /** RxDB replication (`/sync/:collection/…`, device-signed); the server replicates nothing without it. */
  readonly replication?: ReplicationOptions;
  /** The station update feed, release admin API and minimum station version; off without it. */
  readonly updates?: UpdatesOptions;
  /**
   * Request budgets and stream caps per route family (`main.ts` passes the configured ones, by default
   * `defaultRateLimits`); without them nothing is limited, as in the in-process test apps that do not ask for them.
   */
  readonly rateLimits?: RateLimits;
  /**
   * Which proxies' `X-Forwarded-For` names the client address the per-address budgets count (Fastify's
   * `trustProxy`: true for any, or comma-separated addresses/CIDRs); default none, the socket's address.
   */
  readonly trustProxy?: boolean | string;
};

/**
 * Builds the sync server's Fastify app from its dependencies (tests use it in-process with `inject` and over a real
 * port). Every route validates its input with zod and is documented in the OpenAPI document at `/openapi.json`.
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: deps.logLevel,
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-hssk-signature"]', 'req.headers.cookie'],
        remove: true,
      },
      serializers: { err: serializeError },
      ...(deps.logStream === undefined ? {} : { stream: deps.logStream }),
    },
    bodyLimit: deps.bodyLimit,
    ...(deps.trustProxy === undefined ? {} : { trustProxy: deps.trustProxy }),
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // Before every route: hooks added later would not reach routes already registered.
  registerSecurityHeaders(app);
  registerNulGuard(app);
  await registerCompression(app);
  if (deps.rateLimits !== undefined) await registerRequestBudgets(app, deps.rateLimits);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'HSSK Hà Nội sync server',
        description:
          'Replication, accounts, devices and administration of the Hanoi electronic health record.',
        version: '0.2.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  // First among the routes: its authentication hook must cover every route registered after it.
  const sessionTokens = deps.accounts?.sessionTokens ?? createSessionTokens({ clock: deps.clock });
  // One feed for replication and the stations' revocation list the account acts write to.
  const feed = deps.replication?.feed ?? createInProcessChangeFeed();
  await registerAccounts(app, {
    db: deps.database.db,
    audit: deps.audit,
    clock: deps.clock,
    ...deps.accounts,
    sessionTokens,
    staffAccess: deps.replication && createStaffAccessList({ cipher: deps.replication.cipher, feed }),
  });

  const metrics = createMetrics();
  metrics.register(app);
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(deps.database));
  await app.register(frontPageRoutes());
  await app.register(consoleRoutes());
  await app.register(
    auditRoutes({
      db: deps.database.db,
      audit: deps.audit,
      verifications: createAuditVerifications({ db: deps.database.db, audit: deps.audit, clock: deps.clock }),
      healthIdKey: createHealthIdKey(deps.replication?.blindIndexKey),
    }),
  );
  await app.register(
    deviceRoutes({
      registry: createDeviceRegistry({ db: deps.database.db, audit: deps.audit, clock: deps.clock }),
    }),
  );
  const core = { db: deps.database.db, audit: deps.audit, clock: deps.clock };
  await app.register(
    deviceSessionRoutes({ ...core, sessions: sessionTokens, signature: requireDeviceSignature(core) }),
  );
  const stationStatus = createStationStatusService({ clock: deps.clock });
  await app.register(stationRoutes({ db: deps.database.db, status: stationStatus }));
  const supportedVersion =
    deps.updates === undefined ? undefined : await registerUpdates(app, { ...core, ...deps.updates });
  const replication = deps.replication;
  if (replication !== undefined) {
    // Replication in its own scope, so the minimum-version hook covers exactly the sync routes.
    await app.register(async (sync) => {
      if (supportedVersion !== undefined) sync.addHook('onRequest', supportedVersion);
      await registerRecord(sync, {
        ...core,
        services: {
          stationStatus,
          healthIds: createHealthIdAllocator({ audit: deps.audit, clock: deps.clock }),
          audit: deps.audit,
        },
        ...replication,
        feed,
        deviceBound: deviceBoundRequests({ ...core, signature: requireDeviceSignature(core) }),
        recheckPrincipal: createPrincipalRecheck({ ...core, sessions: sessionTokens }),
      });
    });
  }
  return app;
}
