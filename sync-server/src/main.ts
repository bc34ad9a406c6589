/**
 * The sync server process: configuration from the environment, secrets, the database (PostgreSQL with DATABASE_URL,
 * else embedded PGlite in HSSK_DATA_DIR), first-start seeding, the app, the maintenance jobs. The only place that
 * composes the server's factories.
 */
import { createDirectoryArtifactStore } from './updates/artifact-store.ts';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { toError } from '#shared/errors/to-error.ts';
import { createInitialCityAdmin } from './accounts/create-initial-city-admin.ts';
import { lockInactiveAccounts } from './accounts/lock-inactive-accounts.ts';
import { pruneSignInFailures } from './accounts/prune-sign-in-failures.ts';
import { createStaffAccessList } from './accounts/staff-access-list.ts';
import { createPasswordHasher } from './accounts/password-hasher.ts';
import { buildApp } from './app/build-app.ts';
import { createAuditLog } from './audit/audit-log.ts';
import { createDocumentCipher } from './crypto/document-cipher.ts';
import { parseServerConfig } from './config/server-config.ts';
import { loadServerSecrets } from './config/server-secrets.ts';
import { openDatabase } from './db/database.ts';
import { serializeError } from './http/log-error-serializer.ts';
import { pruneDeviceNonces } from './devices/prune-device-nonces.ts';
import { scheduleJobs } from './jobs/schedule-jobs.ts';
import { seedOrgUnits } from './org-units/seed-org-units.ts';
import { createPostgresChangeFeed } from './replication/feed/postgres-change-feed.ts';
import { createCollectionRegistry } from './replication/collection-registry.ts';
import { recordCollections } from './app/record-collections.ts';
import { seedDemoStation } from './demo/seed-demo-station.ts';
import { createHealthIdAllocator } from './health-ids/health-id-allocator.ts';
import { createStationStatusService } from './stations/station-status-service.ts';

const say = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  // Everything the server writes (database files, demo keys, backups, updates) is its own: owner-only from the start.
  process.umask(0o077);
  const config = parseServerConfig(process.env);
  if (!config.ok) throw new Error(config.errors.map((e) => e.message).join('\n'));
  await mkdir(config.value.dataDir, { recursive: true, mode: 0o700 });
  await chmod(config.value.dataDir, 0o700);
  const log = pino({ level: config.value.logLevel, serializers: { err: serializeError } });
  const secrets = await loadServerSecrets(config.value);
  if (!secrets.ok) throw new Error(secrets.errors.map((e) => e.message).join('\n'));
  if (secrets.value.generated.length > 0) {
    log.warn(
      { generated: secrets.value.generated },
      'demo keys in the data folder are in use: fine for a demo, never for production (set HSSK_DOCUMENT_KEYS, HSSK_AUDIT_SIGNING_KEY and HSSK_BLIND_INDEX_KEY)',
    );
  }
  const clock = { now: () => new Date() };
  const database = await openDatabase({
    databaseUrl: config.value.databaseUrl,
    pgliteDir: join(config.value.dataDir, 'pglite'),
    onIdleConnectionError: (error) => {
      log.warn({ err: error }, 'an idle database connection failed; the pool replaces it');
    },
  });
  const audit = createAuditLog({ signingSecretKey: secrets.value.auditSigningKey, clock });
  // Pushes and reads write their audit entries unchained; they get their place in the chain here, every 250 ms (and at
  // once: entries a crash left unchained are chained at start).
  const stopChaining = audit.startChaining(database.db, {
    everyMs: 250,
    onError: (error) => {
      log.error({ err: toError(error) }, 'audit entries could not be chained; retrying');
    },
  });

  const seeded = await seedOrgUnits(database.db);
  const admin = await createInitialCityAdmin({
    db: database.db,
    audit,
    clock,
    hasher: createPasswordHasher(),
  });
  if (seeded > 0) log.info({ orgUnits: seeded }, 'seeded org units');
  if (admin) {
    say('');
    say('================================================================================');
    say(' Tài khoản quản trị đầu tiên (first city administrator) — shown ONCE, never again:');
    say(`   user name: ${admin.account.userName}`);
    say(`   one-time password: ${admin.initialPassword}`);
    say(' Đổi mật khẩu ngay lần đăng nhập đầu tiên (the password must be changed at first login).');
    say('================================================================================');
    say('');
  }

  const cipher = createDocumentCipher(secrets.value.documentKeys);
  // `npm start` asks for the demo (HSSK_DEMO=1): a demo station with synthetic residents, never in production.
  if (process.env['HSSK_DEMO'] === '1' && config.value.env !== 'production') {
    const demo = await seedDemoStation({
      db: database.db,
      audit,
      clock,
      hasher: createPasswordHasher(),
      cipher,
      // The server's own composition: the seeded residents get what any accepted write gets (duplicate detection).
      registry: createCollectionRegistry(
        recordCollections({
          blindIndexKey: secrets.value.blindIndexKey,
          services: {
            stationStatus: createStationStatusService({ clock }),
            healthIds: createHealthIdAllocator({ audit, clock }),
            audit,
          },
        }).collections,
      ),
    });
    if (demo !== null) {
      // For the demo launcher only (0600, in the data folder): the one-time password is never logged.
      await writeFile(join(config.value.dataDir, 'demo-station.json'), JSON.stringify(demo), { mode: 0o600 });
      log.info(
        { orgUnitId: demo.orgUnitId, residents: demo.residents },
        'seeded the demo station (synthetic)',
      );
    }
  }

  // Several instances behind a load balancer share changes through PostgreSQL LISTEN/NOTIFY; PGlite has one process.
  const feed =
    config.value.databaseUrl === undefined
      ? undefined
      : createPostgresChangeFeed({ connectionString: config.value.databaseUrl, log });
  if (feed) await feed.ready;
  const app = await buildApp({
    database,
    clock,
    audit,
    bodyLimit: config.value.bodyLimit,
    logLevel: config.value.logLevel,
    rateLimits: config.value.rateLimits,
    ...(config.value.trustProxy === undefined ? {} : { trustProxy: config.value.trustProxy }),
    replication: { cipher, feed, blindIndexKey: secrets.value.blindIndexKey },
    updates: {
      artifacts: createDirectoryArtifactStore(
        config.value.updatesDir ?? join(config.value.dataDir, 'updates'),
      ),
      releasePublicKeys: config.value.releasePublicKeys.map(
        (key) => new Uint8Array(Buffer.from(key, 'base64')),
      ),
    },
  });
  await app.listen({ host: config.value.host, port: config.value.port });
  log.info(
    { database: database.driver, url: `http://${config.value.host}:${String(config.value.port)}` },
    'sync server listening',
  );

  const stopJobs = scheduleJobs(
    [
      {
        name: 'inactivity-lock',
        everyMs: 6 * 3_600_000,
        // Announced to streams through PostgreSQL's feed; on PGlite stations learn it at their next pull.
        run: () =>
          lockInactiveAccounts({
            db: database.db,
            audit,
            clock,
            staffAccess: createStaffAccessList({ cipher, feed }),
          }),
      },
      {
        name: 'prune-sign-in-failures',
        everyMs: 6 * 3_600_000,
        run: () => pruneSignInFailures({ db: database.db, clock }),
      },
      {
        name: 'prune-device-nonces',
        everyMs: 10 * 60_000,
        run: () => pruneDeviceNonces({ db: database.db, clock }),
      },
    ],
    log,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    stopJobs();
    app
      .close()
      .then(() => stopChaining())
      .then(() => feed?.close())
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (e: unknown) => {
          log.error({ err: toError(e) }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(
    `Máy chủ không khởi động được (the sync server could not start): ${toError(e).message}\n`,
  );
  process.exit(1);
});
