import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import nacl from 'tweetnacl';
import { openThrowawayDatabase } from '../throwaway-database.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import type { Person } from '#shared/schemas/person.ts';
import { decodeBase64, encodeBase64 } from '#shared/sync/base64.ts';
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
import { recordCollections } from '#sync-server/src/app/record-collections.ts';
import { storeServerDocuments } from '#sync-server/src/replication/store/store-server-documents.ts';
import { createStationStatusService } from '#sync-server/src/stations/station-status-service.ts';

const ENCOUNTERS_PER_RESIDENT = 5;
const IMMUNIZATIONS_PER_RESIDENT = 10;

/** The real sync server on a throwaway PostgreSQL database, holding one synthetic commune, with an enrolled device. */
export type SeededCommuneServer = {
  readonly baseUrl: string;
  readonly orgUnitId: string;
  readonly device: { readonly deviceId: string; readonly secretKey: Uint8Array };
  readonly counts: { readonly persons: number; readonly encounters: number; readonly immunizations: number };
  readonly total: number;
  readonly seedSeconds: number;
  close(): Promise<void>;
};

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

/**
 * Starts the server and seeds the demo commune with `residents` residents, 5 encounters and 10 immunizations each
 * (synthetic, stored straight into the authoritative record through `storeServerDocuments`, as the server's own
 * seeding would), and enrols one device of the commune's station. For the first-sync benchmarks.
 */
export async function startSeededCommuneServer(residents: number): Promise<SeededCommuneServer> {
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

  await seedOrgUnits(database.db);
  const keyPair = nacl.sign.keyPair();
  const deviceId = 'bench-first-sync';
  await database.db.insert(devices).values({
    id: deviceId,
    orgUnitId: station.orgUnitId,
    publicKey: encodeBase64(keyPair.publicKey),
    label: 'Máy đo đồng bộ',
    enrolledAt: clock.now(),
  });
  const registry = createCollectionRegistry(
    recordCollections({
      services: {
        stationStatus: createStationStatusService({ clock }),
        healthIds: createHealthIdAllocator({ audit, clock }),
        audit,
      },
    }).collections,
  );
  // Stored as the server's own seeding would, in the name of a city administrator.
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
    if (persons.length < 2000 && !force) return;
    counts.persons += await storeServerDocuments(store, 'persons', persons);
    counts.encounters += await storeServerDocuments(store, 'encounters', encounters);
    counts.immunizations += await storeServerDocuments(store, 'immunizations', immunizations);
    persons = [];
    encounters = [];
    immunizations = [];
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
      encounters.push(...recordsOf(encounterTemplates, resident.person, ENCOUNTERS_PER_RESIDENT, 'e', index));
      immunizations.push(
        ...recordsOf(immunizationTemplates, resident.person, IMMUNIZATIONS_PER_RESIDENT, 'i', index),
      );
    }
    index++;
    await flush(false);
  }
  await flush(true);
  return {
    baseUrl,
    orgUnitId: station.orgUnitId,
    device: { deviceId, secretKey: keyPair.secretKey },
    counts,
    total: counts.persons + counts.encounters + counts.immunizations,
    seedSeconds: (performance.now() - seedStart) / 1000,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** `startSeededCommuneServer` in a process of its own (`commune-server-process.ts`); `pid` for its CPU time. */
export async function startSeededCommuneServerProcess(
  residents: number,
): Promise<SeededCommuneServer & { readonly pid: number }> {
  const child = fork(new URL('./commune-server-process.ts', import.meta.url), [String(residents)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('message', (message: Record<string, unknown>) => {
      if (message['type'] === 'ready') resolve(message);
      else reject(new Error(`commune server failed: ${String(message['message'])}`));
    });
    child.once('exit', (code) => {
      reject(new Error(`commune server exited with ${String(code)}`));
    });
  });
  const secretKey = decodeBase64(String(ready['secretKey']));
  if (secretKey === undefined) throw new Error('commune server sent no device key');
  return {
    pid: child.pid ?? 0,
    baseUrl: String(ready['baseUrl']),
    orgUnitId: String(ready['orgUnitId']),
    device: { deviceId: String(ready['deviceId']), secretKey },
    counts: ready['counts'] as SeededCommuneServer['counts'],
    total: Number(ready['total']),
    seedSeconds: Number(ready['seedSeconds']),
    async close() {
      const stopped = new Promise<void>((resolve) =>
        child.once('exit', () => {
          resolve();
        }),
      );
      child.send({ type: 'stop' });
      await stopped;
    },
  };
}
