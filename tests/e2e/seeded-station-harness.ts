import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import nacl from 'tweetnacl';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import {
  DEMO_COMMUNE_CODE,
  syntheticStationFor,
  type SyntheticStation,
} from '#shared/synthetic/synthetic-station.ts';
import type { Person } from '#shared/schemas/person.ts';
import { openStationDatabase } from '#electron/station/database/open-station-database.ts';
import type { StationDatabase } from '#electron/station/database/station-collections.ts';
import { createPassphraseFileKeyStore } from '#electron/station/keys/passphrase-file-key-store.ts';
import { createStationKeyRing } from '#electron/station/keys/station-key-ring.ts';
import { openStation, STATION_DATABASE_NAME, type OpenStation } from '#electron/station/open-station.ts';
import { databaseFileName } from '#electron/station/replica/sqlite-names.ts';
import { getRxStorageSqlite } from '#electron/station/replica/sqlite-rx-storage.ts';
import { startLoopbackServer, type LoopbackServer } from '#electron/station/transport/loopback-server.ts';
import { cheapHasher } from '#sync-server/src/accounts/accounts-app.test-support.ts';
import { createInitialCityAdmin } from '#sync-server/src/accounts/create-initial-city-admin.ts';
import { buildApp } from '#sync-server/src/app/build-app.ts';
import { createAuditLog } from '#sync-server/src/audit/audit-log.ts';
import { createSessionTokens } from '#sync-server/src/auth/session-tokens.ts';
import { createDocumentCipher } from '#sync-server/src/crypto/document-cipher.ts';
import { seedDemoStation } from '#sync-server/src/demo/seed-demo-station.ts';
import { createHealthIdAllocator } from '#sync-server/src/health-ids/health-id-allocator.ts';
import { seedOrgUnits } from '#sync-server/src/org-units/seed-org-units.ts';
import { createCollectionRegistry } from '#sync-server/src/replication/collection-registry.ts';
import { domainReplicatedCollections } from '#sync-server/src/record/domain-collections.ts';
import { serviceReplicatedCollections } from '#sync-server/src/app/service-collections.ts';
import { createStationStatusService } from '#sync-server/src/stations/station-status-service.ts';
import { openPgliteFromTemplate } from '#sync-server/src/testing/pglite-template.test-support.ts';
import { launchChromium } from '../support/chromium.ts';
import { buildRendererOnce } from '../support/renderer-build.ts';
import { repoRoot } from '../support/repo-root.ts';
import { startStationTestServer } from '../support/station-test-server.ts';
import { openAppPage, type AppPage } from './station-app-harness.ts';

const PASSPHRASE = 'e2e-machine-passphrase';
/** A loopback port nothing listens on: the station is offline against it. */
const UNREACHABLE_SERVER = 'http://127.0.0.1:9';

/** RxDB answers refused documents instead of throwing: any refusal is a broken test setup. */
async function insertAll(db: StationDatabase, persons: Person[]): Promise<void> {
  if (persons.length === 0) return;
  const result = await db.persons.bulkInsert(persons);
  const refused = result.error[0];
  if (refused !== undefined)
    throw new Error(`a synthetic resident was refused: ${JSON.stringify(refused).slice(0, 500)}`);
}

/** A station app whose data came from somewhere before the app opened: a seeded server, or a large replica. */
export type SeededStationApp = {
  readonly station: OpenStation;
  /** The staff member to sign in as, and their current password. */
  readonly staff: { readonly userName: string; readonly password: string };
  /** How many documents were seeded, per collection. */
  readonly seeded: Readonly<Record<'persons' | 'encounters' | 'immunizations', number>>;
  openApp(): Promise<AppPage>;
  close(): Promise<void>;
};

function populationCounts(options: Parameters<typeof generateSyntheticPopulation>[0]) {
  const counts = { persons: 0, encounters: 0, immunizations: 0 };
  for (const resident of generateSyntheticPopulation(options)) {
    counts.persons++;
    counts.encounters += resident.encounters.length;
    counts.immunizations += resident.immunizations.length;
  }
  return counts;
}

async function serve(
  station: OpenStation,
): Promise<{ loopback: LoopbackServer; browser: Browser; openApp: () => Promise<AppPage> }> {
  const loopback = await startLoopbackServer({
    api: station.core,
    staticDir: join(repoRoot, 'renderer', 'dist'),
  });
  const browser = await launchChromium();
  return { loopback, browser, openApp: () => openAppPage(browser, loopback) };
}

/**
 * A fresh station whose server already holds its commune: the sync server (PGlite) seeded as the demo seeds it
 * (`seedDemoStation`: a staff account with an issued password, an enrolment code, `residents` SYNTHETIC residents
 * with their exams and doses, stored through `storeServerDocuments`), then the station enrolled with that code,
 * starting its first sync at once. `holdResidentPulls` makes the server hold every pull of residents until the test
 * calls `releasePulls()` (a link that has not delivered yet), so the progress of a first sync can be watched however
 * slow the test machine is.
 */
export async function startFirstSyncStationApp(
  residents: number,
  options: { readonly holdResidentPulls?: boolean } = {},
): Promise<
  SeededStationApp & { /** Lets held pulls through; nothing when none are held. */ releasePulls(): void }
> {
  await buildRendererOnce();
  const clock = { now: () => new Date() };
  const database = await openPgliteFromTemplate();
  const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
  await seedOrgUnits(database.db);
  await createInitialCityAdmin({ db: database.db, audit, clock, hasher: cheapHasher });
  const cipher = createDocumentCipher(new Map([['k1', nacl.randomBytes(nacl.secretbox.keyLength)]]));
  const registry = createCollectionRegistry([
    ...domainReplicatedCollections(),
    ...serviceReplicatedCollections({
      stationStatus: createStationStatusService({ clock }),
      healthIds: createHealthIdAllocator({ audit, clock }),
      audit,
    }),
  ]);
  const demo = await seedDemoStation({
    db: database.db,
    audit,
    clock,
    hasher: cheapHasher,
    cipher,
    registry,
    residents,
  });
  if (demo === null) throw new Error('the demo station was seeded before');
  const demoStation = syntheticStationFor(DEMO_COMMUNE_CODE);
  if (demoStation === undefined) throw new Error('no demo station');
  const seeded = populationCounts({
    seed: 1,
    size: residents,
    referenceDate: clock.now().toISOString().slice(0, 10),
    stations: [demoStation],
  });
  const app = await buildApp({
    database,
    clock,
    audit,
    bodyLimit: 4 * 1024 * 1024,
    logLevel: 'silent',
    accounts: { passwordHasher: cheapHasher, sessionTokens: createSessionTokens({ clock }) },
    replication: { cipher, streamHeartbeatMs: 1000 },
  });
  const gate: { open?: () => void } = {};
  const released = new Promise<undefined>((resolve) => {
    gate.open = () => {
      resolve(undefined);
    };
  });
  const releasePulls = () => {
    gate.open?.();
  };
  if (options.holdResidentPulls === true)
    app.addHook('onRequest', async (request) => {
      if (/^\/sync\/persons\/(pull|pages)/.test(request.url)) await released;
    });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'hssk-e2e-first-sync-'));
  const station = await openStation({
    dataDir,
    serverUrl: baseUrl,
    passphrase: PASSPHRASE,
    recoveryPublicKey: nacl.box.keyPair().publicKey,
    enrolmentCode: demo.enrolmentCode,
    appVersion: '0.1.0',
  });
  const served = await serve(station);
  return {
    station,
    staff: { userName: demo.staffUserName, password: demo.staffInitialPassword },
    seeded,
    openApp: served.openApp,
    releasePulls,
    async close() {
      releasePulls();
      await served.browser.close();
      await served.loopback.close();
      await station.close();
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A station with `residents` SYNTHETIC residents in its replica, for measuring search: enrolled against a real
 * server, its staff member signed in online once through the core (so they may sign in offline later), then closed;
 * the residents are bulk-inserted straight into the replica's `persons` collection (real encrypted SQLite file)
 * before the core starts again, and the core then runs against an unreachable server, so the inserted residents are
 * not pushed anywhere (the header says offline, honestly).
 */
export async function startLargeReplicaStationApp(
  residents: number,
): Promise<SeededStationApp & { readonly insertMs: number }> {
  await buildRendererOnce();
  const database = await openPgliteFromTemplate();
  const server = await startStationTestServer(database);
  const { orgUnitId, staff } = await server.createStaff(0);
  const dataDir = await mkdtemp(join(tmpdir(), 'hssk-e2e-large-'));
  const config = {
    dataDir,
    serverUrl: server.baseUrl,
    passphrase: PASSPHRASE,
    recoveryPublicKey: nacl.box.keyPair().publicKey,
    appVersion: '0.1.0',
  };
  const first = await openStation({ ...config, enrolmentCode: await server.issueEnrolmentCode(orgUnitId) });
  const login = await first.core.call('session.login', {
    userName: staff.userName,
    password: staff.password,
  });
  if (!login.ok || login.value.mustChangePassword === true)
    throw new Error('the staff member could not sign in');
  await first.core.call('session.logout', {});
  await first.close();
  await server.close();
  await database.close();

  const communeCode = hanoiOrgUnits().find((unit) => unit.id === orgUnitId)?.commune?.code ?? '';
  const syntheticStation: SyntheticStation | undefined = syntheticStationFor(communeCode);
  if (syntheticStation === undefined) throw new Error(`no synthetic station for ${orgUnitId}`);
  const replicaDir = join(dataDir, 'replica');
  const keyRing = createStationKeyRing({
    slotFile: join(dataDir, 'keyslots.json'),
    databaseFile: join(replicaDir, databaseFileName(STATION_DATABASE_NAME)),
  });
  const key = await keyRing.openWithMachine(createPassphraseFileKeyStore({ passphrase: PASSPHRASE }));
  const storage = getRxStorageSqlite({ directory: replicaDir, key });
  key.fill(0);
  const db = await openStationDatabase({ storage, name: STATION_DATABASE_NAME });
  const started = performance.now();
  let batch: Person[] = [];
  for (const resident of generateSyntheticPopulation({
    seed: 11,
    size: residents,
    referenceDate: new Date().toISOString().slice(0, 10),
    stations: [syntheticStation],
  })) {
    batch.push(resident.person);
    if (batch.length === 5000) {
      await insertAll(db, batch);
      batch = [];
    }
  }
  await insertAll(db, batch);
  const insertMs = performance.now() - started;
  await db.close();

  const station = await openStation({ ...config, serverUrl: UNREACHABLE_SERVER });
  const served = await serve(station);
  return {
    station,
    staff: { userName: staff.userName, password: staff.password },
    seeded: { persons: residents, encounters: 0, immunizations: 0 },
    insertMs,
    openApp: served.openApp,
    async close() {
      await served.browser.close();
      await served.loopback.close();
      await station.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
