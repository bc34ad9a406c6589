/**
 * `npm run bench:station` (first-sync part): a fresh station's first sync from a sync server on PostgreSQL holding one
 * commune of 30,000 residents with 150,000 encounters and 300,000 immunizations (synthetic, seeded straight into the
 * authoritative record through `storeServerDocuments`). The station runs the real replication client (signed
 * requests, live replication) into the real encrypted SQLite replica. Prints the seeding time, the total first-sync
 * time and documents/s; asserts nothing. Target: under 3 minutes on a 2-core machine.
 *
 *   --residents N   scale the commune (records scale with it: 5 encounters and 10 immunizations per resident)
 *   --batch N       documents per pull request (default 1000)
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nacl from 'tweetnacl';
import { openThrowawayDatabase } from './throwaway-database.ts';
import { openStationDatabase } from '#electron/station/database/open-station-database.ts';
import { getRxStorageSqlite } from '#electron/station/replica/sqlite-rx-storage.ts';
import { createHealthIdIssuer } from '#electron/station/services/health-id-issuer.ts';
import { createOutbox } from '#electron/station/sync/outbox.ts';
import { startStationSync } from '#electron/station/sync/station-sync.ts';
import { createSyncHttpClient } from '#electron/station/sync/sync-http-client.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import type { Person } from '#shared/schemas/person.ts';
import { encodeBase64 } from '#shared/sync/base64.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import { DEMO_COMMUNE_CODE, syntheticStationFor } from '#shared/synthetic/synthetic-station.ts';
import { buildApp } from '#sync-server/src/app/build-app.ts';
import { createAuditLog } from '#sync-server/src/audit/audit-log.ts';
import {
  createDocumentCipher,
  generateDocumentKey,
  parseDocumentKeys,
} from '#sync-server/src/crypto/document-cipher.ts';
import { devices } from '#sync-server/src/db/schema/devices.ts';
import { createHealthIdAllocator } from '#sync-server/src/health-ids/health-id-allocator.ts';
import { seedOrgUnits } from '#sync-server/src/org-units/seed-org-units.ts';
import { createCollectionRegistry } from '#sync-server/src/replication/collection-registry.ts';
import { domainReplicatedCollections } from '#sync-server/src/record/domain-collections.ts';
import { serviceReplicatedCollections } from '#sync-server/src/app/service-collections.ts';
import { storeServerDocuments } from '#sync-server/src/replication/store/store-server-documents.ts';
import { createStationStatusService } from '#sync-server/src/stations/station-status-service.ts';

const say = (line = '') => process.stdout.write(`${line}\n`);
const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const residents = argument('--residents', 30_000);
const batchSize = argument('--batch', 1000);
const ENCOUNTERS_PER_RESIDENT = 5;
const IMMUNIZATIONS_PER_RESIDENT = 10;

/** `count` records of `person` cloned from generated templates (new ids, the person's unit). */
function recordsOf<T extends { id: string; personId: string; orgUnitId: string }>(
  templates: readonly T[],
  person: Person,
  count: number,
  tag: string,
  offset: number,
): T[] {
  return Array.from({ length: count }, (_, k) => {
    const template = templates[(offset + k) % templates.length];
    if (template === undefined) throw new Error('no record templates');
    return {
      ...template,
      id: `${person.id}-${tag}${String(k)}`,
      personId: person.id,
      orgUnitId: person.orgUnitId,
    };
  });
}

async function main(): Promise<void> {
  const station = syntheticStationFor(DEMO_COMMUNE_CODE);
  if (station === undefined) throw new Error('demo station missing');
  const database = await openThrowawayDatabase();
  const clock = { now: () => new Date() };
  const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
  const keys = parseDocumentKeys(generateDocumentKey('bench'));
  if (!keys.ok) throw new Error('keys');
  const cipher = createDocumentCipher(keys.value);
  const app = await buildApp({
    database,
    clock,
    audit,
    bodyLimit: 20 * 1024 * 1024,
    logLevel: 'warn',
    replication: { cipher },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
  const directory = await mkdtemp(join(tmpdir(), 'hssk-bench-station-'));

  try {
    await seedOrgUnits(database.db);
    const now = clock.now();
    const keyPair = nacl.sign.keyPair();
    const deviceId = 'bench-first-sync';
    await database.db.insert(devices).values({
      id: deviceId,
      orgUnitId: station.orgUnitId,
      publicKey: encodeBase64(keyPair.publicKey),
      label: 'Máy đo đồng bộ',
      enrolledAt: now,
    });

    // Seed the commune straight into the authoritative record.
    const registry = createCollectionRegistry([
      ...domainReplicatedCollections(),
      ...serviceReplicatedCollections({
        stationStatus: createStationStatusService({ clock }),
        healthIds: createHealthIdAllocator({ audit, clock }),
        audit,
      }),
    ]);
    // The bench stores the commune as the server's own seeding would, in the name of a city administrator.
    const actor = {
      accountId: 'bench-seed',
      userName: 'bench-seed',
      role: 'city-admin',
      orgUnitId: station.orgUnitId,
      sessionTokenHash: 'bench-seed',
      mustChangePassword: false,
    } as const;
    const store = { db: database.db, cipher, clock, registry, actor };
    const seedStart = performance.now();
    let persons: Person[] = [];
    let encounters: Encounter[] = [];
    let immunizations: Immunization[] = [];
    const encounterTemplates: Encounter[] = [];
    const immunizationTemplates: Immunization[] = [];
    const counts = { persons: 0, encounters: 0, immunizations: 0 };
    const flush = async (force: boolean) => {
      if (persons.length >= 2000 || force) {
        counts.persons += await storeServerDocuments(store, 'persons', persons);
        counts.encounters += await storeServerDocuments(store, 'encounters', encounters);
        counts.immunizations += await storeServerDocuments(store, 'immunizations', immunizations);
        persons = [];
        encounters = [];
        immunizations = [];
      }
    };
    let index = 0;
    for (const resident of generateSyntheticPopulation({
      seed: 7,
      size: residents,
      referenceDate: '2026-11-26',
      stations: [station],
    })) {
      encounterTemplates.push(...resident.encounters.slice(0, 2));
      immunizationTemplates.push(...resident.immunizations.slice(0, 2));
      if (encounterTemplates.length > 200) encounterTemplates.splice(0, 100);
      if (immunizationTemplates.length > 200) immunizationTemplates.splice(0, 100);
      persons.push(resident.person);
      if (encounterTemplates.length > 0 && immunizationTemplates.length > 0) {
        encounters.push(
          ...recordsOf(encounterTemplates, resident.person, ENCOUNTERS_PER_RESIDENT, 'e', index),
        );
        immunizations.push(
          ...recordsOf(immunizationTemplates, resident.person, IMMUNIZATIONS_PER_RESIDENT, 'i', index),
        );
      }
      index++;
      await flush(false);
    }
    await flush(true);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const total = counts.persons + counts.encounters + counts.immunizations;
    say(`# bench:station — first sync of a fresh station (PostgreSQL server, encrypted SQLite replica)`);
    say(
      `seeded ${String(counts.persons)} residents, ${String(counts.encounters)} encounters, ` +
        `${String(counts.immunizations)} immunizations (${String(total)} documents) in ${seedSeconds.toFixed(1)} s`,
    );

    // The fresh station.
    const db = await openStationDatabase({
      storage: getRxStorageSqlite({ directory, key: nacl.randomBytes(32) }),
    });
    const issuer = createHealthIdIssuer(db, deviceId);
    const client = createSyncHttpClient({
      baseUrl,
      device: { deviceId, secretKey: keyPair.secretKey },
      appVersion: '0.1.0',
      clock,
    });
    const start = performance.now();
    const sync = startStationSync({
      db,
      client,
      outbox: createOutbox(db),
      clock,
      replicationIdentifier: `bench|${station.orgUnitId}`,
      device: { deviceId, orgUnitId: station.orgUnitId },
      appVersion: '0.1.0',
      healthIdsRemaining: () => issuer.remaining(),
      databaseSizeBytes: () => 0,
      batchSize,
    });
    let lastPrint = 0;
    const progress = sync.status$.subscribe((status) => {
      const received = Object.values(status.received).reduce((a, b) => a + b, 0);
      const elapsed = (performance.now() - start) / 1000;
      if (elapsed - lastPrint >= 15) {
        lastPrint = elapsed;
        say(`  ${elapsed.toFixed(0)} s: ${String(received)} / ${String(total)} documents received`);
      }
    });
    await sync.syncNow();
    const seconds = (performance.now() - start) / 1000;
    progress.unsubscribe();
    const local = {
      persons: await db.persons.count().exec(),
      encounters: await db.encounters.count().exec(),
      immunizations: await db.immunizations.count().exec(),
    };
    await sync.stop();
    await db.close();
    const files = await stat(join(directory, 'hssk-station.sqlite')).catch(() => undefined);
    say(
      `first sync: ${seconds.toFixed(1)} s for ${String(total)} documents = ${(total / seconds).toFixed(0)} documents/s ` +
        `(batch ${String(batchSize)}; target < 180 s: ${seconds < 180 ? 'met' : 'NOT met'})`,
    );
    say(
      `replica holds ${String(local.persons)} residents, ${String(local.encounters)} encounters, ` +
        `${String(local.immunizations)} immunizations` +
        (files === undefined ? '' : `; file ${(files.size / 1024 / 1024).toFixed(0)} MB`),
    );
  } finally {
    await app.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
