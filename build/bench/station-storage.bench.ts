/**
 * `npx tsx build/bench/station-storage.bench.ts [--quick]`: the station replica's encrypted SQLite RxStorage against
 * RxDB's memory storage on this machine. Prints, asserting nothing:
 * 1. RxDB's own `runPerformanceTests` on both storages (ms per step, lower is better) and the ratio ours/memory;
 * 2. bulk insert throughput (docs/s) of synthetic residents in bulks of 500 while the table grows to 100,000 rows,
 *    through the collection's storage instance as the replication writes, and the file size at the end;
 * 3. resident search by folded name prefix on that table (RxDB `find`, `searchName` prefix range, limit 20): p50/p95,
 *    and the station's search service itself (names with and without diacritics, health ID, CCCD, phone): p50/p95;
 * 4. a station's first sync: 30,000 residents, 150,000 encounters and 300,000 immunizations pulled through RxDB's
 *    replication in batches of 200 from a master in memory (the station side only; network and server come on top).
 * 5. (only with `--only=schema`) the persons insert with modified copies of the persons schema.
 * `--quick` runs every part smaller (under a minute); `--only=rxdb,persons,sync,schema` picks parts.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  addRxPlugin,
  createRxDatabase,
  randomToken,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { runPerformanceTests } from 'rxdb/plugins/test-utils';
import type { StationDatabase } from '#electron/station/database/station-collections.ts';
import { getRxStorageSqlite } from '#electron/station/replica/sqlite-rx-storage.ts';
import { createResidentSearch } from '#electron/station/services/resident-search.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import { encounterMigrationStrategies, encounterSchema } from '#shared/schemas/encounter-schema.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import { immunizationMigrationStrategies, immunizationSchema } from '#shared/schemas/immunization-schema.ts';
import type { Person } from '#shared/schemas/person.ts';
import { personMigrationStrategies, personSchema } from '#shared/schemas/person-schema.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import {
  DEMO_COMMUNE_CODE,
  syntheticStationFor,
  type SyntheticStation,
} from '#shared/synthetic/synthetic-station.ts';
import { foldDiacritics } from '#shared/text/fold-diacritics.ts';
import { prefixRange } from '#shared/text/search-keys.ts';

addRxPlugin(RxDBMigrationSchemaPlugin);

const quick = process.argv.includes('--quick');
const say = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const demoStation = syntheticStationFor(DEMO_COMMUNE_CODE);
if (!demoStation) throw new Error('demo station missing');
const station: SyntheticStation = demoStation;
const referenceDate = '2026-11-26';
const directory = mkdtempSync(join(tmpdir(), 'hssk-storage-bench-'));
const key = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0xff);
const sqlite = () => getRxStorageSqlite({ directory, key });

type StorageUnderTest = { readonly name: string; readonly storage: () => RxStorage<unknown, unknown> };
const storages: readonly StorageUnderTest[] = [
  { name: 'sqlite', storage: sqlite },
  { name: 'memory', storage: getRxStorageMemory as () => RxStorage<unknown, unknown> },
];

/** Sizes in bytes of a database file and of its WAL (both 0 for the memory storage). */
function fileSizes(databaseName: string): { db: number; wal: number } {
  const size = (suffix: string) => {
    try {
      return statSync(join(directory, `${databaseName}${suffix}`)).size;
    } catch {
      return 0;
    }
  };
  return { db: size('.db'), wal: size('.db-wal') };
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function residents(size: number, seed: number) {
  return generateSyntheticPopulation({ seed, size, referenceDate, stations: [station] });
}

// 1. RxDB's performance tests -----------------------------------------------------------------------------------

async function rxdbPerformance(): Promise<void> {
  const runs = quick ? 3 : 12;
  say(`\n1. RxDB runPerformanceTests (${String(runs)} runs each, ms, lower is better)`);
  const results: Record<string, Record<string, unknown>> = {};
  for (const { name, storage } of storages) {
    results[name] = await runPerformanceTests(storage(), name, {
      runs,
      log: false,
      waitBetweenTests: 20,
    });
  }
  const ours = results['sqlite'] ?? {};
  const memory = results['memory'] ?? {};
  say(`${'metric'.padEnd(28)} ${'sqlite'.padStart(10)} ${'memory'.padStart(10)} ${'ours/mem'.padStart(9)}`);
  for (const [metric, value] of Object.entries(ours)) {
    const other = memory[metric];
    if (typeof value !== 'number' || typeof other !== 'number' || metric.endsWith('Amount')) continue;
    say(
      `${metric.padEnd(28)} ${value.toFixed(2).padStart(10)} ${other.toFixed(2).padStart(10)} ${(value / other).toFixed(1).padStart(8)}×`,
    );
  }
}

// 2. and 3. Bulk inserts into a growing persons table, then name search --------------------------------------------

type PersonsDb = RxDatabase<{ persons: RxCollection<Person> }>;

async function openPersons(
  storage: RxStorage<unknown, unknown>,
  name: string,
  schema: RxJsonSchema<Person>,
): Promise<PersonsDb> {
  const db: PersonsDb = await createRxDatabase({ name, storage, multiInstance: false, eventReduce: true });
  await db.addCollections({ persons: { schema, migrationStrategies: personMigrationStrategies } });
  return db;
}

/** Writes `docs` through the collection's storage instance in bulks of `bulk`; returns each bulk's milliseconds. */
async function writeInBulks<T>(
  collection: RxCollection<T>,
  docs: readonly T[],
  bulk: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < docs.length; i += bulk) {
    const rows = docs.slice(i, i + bulk).map((doc) => ({
      document: {
        ...doc,
        _deleted: false,
        _attachments: {},
        _meta: { lwt: 0 },
        _rev: '',
      },
    }));
    const started = performance.now();
    const result = await collection.storageInstance.bulkWrite(rows, 'bench');
    times.push(performance.now() - started);
    if (result.error.length > 0) throw new Error(`bulk write refused ${String(result.error.length)} rows`);
  }
  return times;
}

type Window = readonly [number, number];

function insertWindows(total: number): Window[] {
  return total <= 30_000
    ? [
        [0, 10_000],
        [total - 10_000, total],
      ]
    : [
        [0, 10_000],
        [40_000, 50_000],
        [total - 10_000, total],
      ];
}

function insertHeader(first: string, windows: readonly Window[]): void {
  say(
    `${first.padEnd(44)} ${windows.map(([a, b]) => `${fmt(a / 1000)}–${fmt(b / 1000)}k docs/s`.padStart(17)).join(' ')} ${'overall'.padStart(9)} ${'db MB'.padStart(7)} ${'wal MB'.padStart(7)} ${'KB/doc'.padStart(7)}`,
  );
}

/** Inserts `people` in bulks of 500 into a fresh database and prints one row of throughput figures. */
async function insertPersons(
  label: string,
  storage: RxStorage<unknown, unknown>,
  schema: RxJsonSchema<Person>,
  people: readonly Person[],
  windows: readonly Window[],
): Promise<PersonsDb> {
  const bulk = 500;
  const dbName = `persons-${randomToken(8)}`;
  const db = await openPersons(storage, dbName, schema);
  const times = await writeInBulks(db.persons, people, bulk);
  const rate = (from: number, to: number) => {
    const slice = times.slice(from / bulk, to / bulk);
    return ((to - from) / slice.reduce((a, b) => a + b, 0)) * 1000;
  };
  const { db: dbBytes, wal } = fileSizes(dbName);
  say(
    `${label.padEnd(44)} ${windows.map(([a, b]) => fmt(rate(a, b)).padStart(17)).join(' ')} ${fmt(rate(0, people.length)).padStart(9)} ${mb(dbBytes).padStart(7)} ${mb(wal).padStart(7)} ${((dbBytes + wal) / people.length / 1024).toFixed(2).padStart(7)}`,
  );
  return db;
}

function generatePeople(total: number): { people: Person[]; seconds: number } {
  const started = performance.now();
  const people = [...residents(total, 11)].map((r) => r.person);
  return { people, seconds: (performance.now() - started) / 1000 };
}

async function personsAndSearch(): Promise<void> {
  const total = quick ? 30_000 : 100_000;
  const windows = insertWindows(total);
  const { people, seconds } = generatePeople(total);
  say(
    `\n2. Bulk insert of ${fmt(total)} synthetic residents in bulks of 500 (generated in ${seconds.toFixed(1)} s)`,
  );
  insertHeader('storage', windows);
  const searchTargets: { name: string; db: PersonsDb }[] = [];
  for (const { name, storage } of storages) {
    searchTargets.push({ name, db: await insertPersons(name, storage(), personSchema, people, windows) });
  }

  // Random distinct prefixes of residents' names as typed (1–8 characters): RxDB caches a repeated query.
  const random = seededRandom(5);
  const prefixes = new Set<string>();
  while (prefixes.size < 500) {
    const fullName = people[Math.floor(random() * people.length)]?.fullName ?? '';
    prefixes.add(fullName.slice(0, 1 + Math.floor(random() * Math.min(8, fullName.length))));
  }
  say(`\n3. Resident search by name prefix on ${fmt(total)} residents (RxDB find, limit 20), ms`);
  say(
    `${'storage / sort'.padEnd(34)} ${'queries'.padStart(8)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`,
  );
  for (const { name, db } of searchTargets) {
    for (const sort of ['searchName', 'sortKey'] as const) {
      // Sorting by sortKey reads the whole prefix range (the index is on searchName): fewer queries.
      const used = [...prefixes].slice(0, sort === 'searchName' ? 500 : quick ? 20 : 40);
      const samples: number[] = [];
      for (const prefix of used) {
        const range = prefixRange(prefix);
        const t = performance.now();
        await db.persons
          .find({
            selector: {
              searchName: { $gte: range.gte, ...(range.lt === undefined ? {} : { $lt: range.lt }) },
            },
            sort: [{ [sort]: 'asc' }],
            limit: 20,
          })
          .exec();
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      say(
        `${`${name} by ${sort}`.padEnd(34)} ${String(used.length).padStart(8)} ${percentile(samples, 0.5).toFixed(2).padStart(7)} ${percentile(samples, 0.95).toFixed(2).padStart(7)} ${(samples.at(-1) ?? 0).toFixed(2).padStart(7)}`,
      );
    }
    if (name === storages[0]?.name) await serviceSearch(db, people);
    await db.remove();
  }
}

/**
 * The station's own search service, as `residents.search` answers it, on the encrypted storage: names typed without
 * diacritics and with them, health ID, CCCD and phone (the service's in-memory phone/BHYT index is built by the first
 * query and kept current from the change stream; that first build is reported apart).
 */
async function serviceSearch(db: PersonsDb, people: readonly Person[]): Promise<void> {
  // The service reads only `db.persons`, which this benchmark database has.
  const search = createResidentSearch(db as unknown as StationDatabase);
  const random = seededRandom(9);
  const pick = () => people[Math.floor(random() * people.length)];
  const started = performance.now();
  await search.search('0900000000');
  const warmUp = performance.now() - started;
  const kinds: { kind: string; query: (person: Person) => string | undefined }[] = [
    {
      kind: 'name, no diacritics',
      query: (p) =>
        foldDiacritics(p.fullName)
          .toLowerCase()
          .slice(0, 6 + Math.floor(random() * 8)),
    },
    { kind: 'name as written', query: (p) => p.fullName.slice(0, 4 + Math.floor(random() * 10)) },
    { kind: 'health ID', query: (p) => p.healthId },
    { kind: 'CCCD', query: (p) => p.personalId },
    { kind: 'phone', query: (p) => p.phones[0] },
  ];
  say(`\n3b. The station's search service (residents.search) on ${fmt(people.length)} residents, ms`);
  say(`first query (builds the phone/BHYT index): ${warmUp.toFixed(0)} ms`);
  say(
    `${'query'.padEnd(34)} ${'queries'.padStart(8)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`,
  );
  for (const { kind, query } of kinds) {
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const person = pick();
      const text = person === undefined ? undefined : query(person);
      if (text === undefined || text === '') continue;
      const t = performance.now();
      await search.search(text);
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    say(
      `${kind.padEnd(34)} ${String(samples.length).padStart(8)} ${percentile(samples, 0.5).toFixed(2).padStart(7)} ${percentile(samples, 0.95).toFixed(2).padStart(7)} ${(samples.at(-1) ?? 0).toFixed(2).padStart(7)}`,
    );
  }
  search.close();
}

// 4. First sync of one commune -------------------------------------------------------------------------------------

type SyncDb = RxDatabase<{
  persons: RxCollection<Person>;
  encounters: RxCollection<Encounter>;
  immunizations: RxCollection<Immunization>;
}>;

/** `count` documents made from `source` by suffixing ids (the generator yields fewer records than a commune has). */
function stretch<T extends { id: string }>(source: readonly T[], count: number): T[] {
  const out: T[] = [];
  for (let i = 0; out.length < count; i++) {
    const doc = source[i % source.length];
    if (doc === undefined) break;
    const round = Math.floor(i / source.length);
    out.push(round === 0 ? doc : { ...doc, id: `${doc.id}-${String(round)}` });
  }
  return out;
}

/**
 * Pulls `docs` into `collection` through RxDB's replication protocol, as the station's sync does (fork writes,
 * assumed-master meta documents, checkpoints), from a master held in memory: no network, no server.
 */
async function pullAll<T>(collection: RxCollection<T>, docs: readonly T[], batchSize: number): Promise<void> {
  const replication = replicateRxCollection<T, { readonly at: number }>({
    collection,
    replicationIdentifier: `bench-${collection.name}`,
    live: false,
    waitForLeadership: false,
    pull: {
      batchSize,
      handler: async (checkpoint, limit) => {
        const at = checkpoint?.at ?? 0;
        const documents = docs.slice(at, at + limit).map((doc) => ({ ...doc, _deleted: false }));
        return { documents: documents, checkpoint: { at: at + documents.length } };
      },
    },
  });
  let failure: Error | undefined;
  const errors = replication.error$.subscribe((error) => (failure ??= error));
  await replication.awaitInitialReplication();
  errors.unsubscribe();
  await replication.cancel();
  if (failure !== undefined) throw failure;
}

async function firstSync(): Promise<void> {
  const scale = quick ? 0.2 : 1;
  const counts = { persons: 30_000 * scale, encounters: 150_000 * scale, immunizations: 300_000 * scale };
  const population = [...residents(counts.persons, 12)];
  const persons = population.map((r) => r.person);
  const encounters = stretch(
    population.flatMap((r) => r.encounters),
    counts.encounters,
  );
  const immunizations = stretch(
    population.flatMap((r) => r.immunizations),
    counts.immunizations,
  );
  const total = counts.persons + counts.encounters + counts.immunizations;
  const batchSize = 200;
  say(
    `\n4. First sync of one commune through RxDB replication from an in-memory master (no network, no server, no\n` +
      `   validation): ${fmt(counts.persons)} residents + ${fmt(counts.encounters)} encounters + ${fmt(counts.immunizations)} immunizations,\n` +
      `   pull batches of ${String(batchSize)}, the three collections at once as the station syncs them`,
  );
  say(
    `${'storage'.padEnd(8)} ${'docs/s'.padStart(8)} ${'total s'.padStart(8)} ${'db MB'.padStart(7)} ${'wal MB'.padStart(7)}`,
  );
  // RxDB's memory storage needs minutes here (it inserts into sorted arrays): only in --quick.
  for (const { name, storage } of quick ? storages : storages.slice(0, 1)) {
    const dbName = `sync-${name}-${randomToken(6)}`;
    const db: SyncDb = await createRxDatabase({ name: dbName, storage: storage(), multiInstance: false });
    await db.addCollections({
      persons: { schema: personSchema, migrationStrategies: personMigrationStrategies },
      encounters: { schema: encounterSchema, migrationStrategies: encounterMigrationStrategies },
      immunizations: { schema: immunizationSchema, migrationStrategies: immunizationMigrationStrategies },
    });
    const started = performance.now();
    await Promise.all([
      pullAll(db.persons, persons, batchSize),
      pullAll(db.encounters, encounters, batchSize),
      pullAll(db.immunizations, immunizations, batchSize),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const stored = (await db.immunizations.count().exec()) + (await db.encounters.count().exec());
    if (stored + (await db.persons.count().exec()) !== total)
      throw new Error('first sync stored too few documents');
    say(
      `${name.padEnd(8)} ${fmt(total / seconds).padStart(8)} ${seconds.toFixed(1).padStart(8)} ${mb(fileSizes(dbName).db).padStart(7)} ${mb(fileSizes(dbName).wal).padStart(7)}`,
    );
    await db.remove();
  }
}

// 5. Schema levers (opt-in: --only=schema) --------------------------------------------------------------------------

/**
 * The persons insert of part 2 on this storage with modified copies of the schema: shorter string `maxLength`s
 * (index keys no longer carry padding, so this should change nothing) and one random-order index fewer.
 */
async function schemaLevers(): Promise<void> {
  const total = quick ? 30_000 : 100_000;
  const windows = insertWindows(total);
  const { people } = generatePeople(total);
  const withLengths = (searchName: number, sortKey: number): RxJsonSchema<Person> => ({
    ...personSchema,
    properties: {
      ...personSchema.properties,
      searchName: { type: 'string', maxLength: searchName },
      sortKey: { type: 'string', maxLength: sortKey },
    },
  });
  const withoutStatusIndex: RxJsonSchema<Person> = {
    ...personSchema,
    indexes: (personSchema.indexes ?? []).filter((index) => JSON.stringify(index) !== '["status","sortKey"]'),
  };
  say(`\n5. Persons schema variants on the SQLite storage: ${fmt(total)} residents in bulks of 500`);
  insertHeader('schema', windows);
  for (const [label, schema] of [
    ['as in shared/ (searchName 200, sortKey 300)', personSchema],
    ['searchName maxLength 80, sortKey 120', withLengths(80, 120)],
    ["without the ['status', 'sortKey'] index", withoutStatusIndex],
  ] as const) {
    const db = await insertPersons(label, sqlite(), schema, people, windows);
    await db.remove();
  }
}

/** A small deterministic generator (mulberry32) so every run searches the same prefixes. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sections: Record<string, () => Promise<void>> = {
  rxdb: rxdbPerformance,
  persons: personsAndSearch,
  sync: firstSync,
  schema: schemaLevers,
};
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const benchStarted = performance.now();
say(`Station storage benchmark${quick ? ' (--quick)' : ''}: ${directory}`);
try {
  for (const [name, run] of Object.entries(sections)) {
    if (only === undefined ? name !== 'schema' : only.split(',').includes(name)) await run();
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
say(`\ndone in ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
