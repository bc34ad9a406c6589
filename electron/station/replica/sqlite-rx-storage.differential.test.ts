import fc from 'fast-check';
import {
  createRxDatabase,
  normalizeMangoQuery,
  prepareQuery,
  randomToken,
  type MangoQuery,
  type MangoQuerySelector,
  type MangoQuerySortPart,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { getRxStorageSqlite } from './sqlite-rx-storage.ts';
import { tempDirectory, TEST_KEY } from './sqlite-rx-storage.test-support.ts';

/**
 * Differential test: the same random writes and Mango queries run through two real RxDB databases, one on this
 * storage and one on RxDB's memory storage, must give the same ids in the same order and the same counts.
 */

type Resident = {
  id: string;
  name: string;
  commune: string;
  age: number;
  active: boolean;
  score?: number;
  note?: string;
};

const residentSchema: RxJsonSchema<Resident> = {
  version: 0,
  type: 'object',
  primaryKey: 'id',
  properties: {
    id: { type: 'string', maxLength: 24 },
    name: { type: 'string', maxLength: 24 },
    commune: { type: 'string', maxLength: 12 },
    age: { type: 'integer', minimum: 0, maximum: 150, multipleOf: 1 },
    active: { type: 'boolean' },
    score: { type: 'number' },
    note: { type: 'string' },
  },
  required: ['id', 'name', 'commune', 'age', 'active'],
  indexes: ['name', ['commune', 'age'], 'age', ['active', 'name']],
};

// Vietnamese letters (precomposed and decomposed), astral characters, U+FFFD/U+FFFF, plain ASCII, a space and a tab
// (index keys order both against the padding): at most 4 UTF-16 code units each, 6 of them fit the 24-unit maxLength.
const glyphs = [
  'a',
  'b',
  'z',
  'A',
  'Đ',
  'đ',
  'ệ',
  'Ệ',
  'ơ',
  'ư',
  'Hòa',
  'Hoa\u0300',
  '😃',
  '𠀀',
  '🇻🇳',
  '\uFFFD',
  '\uFFFF',
  ' ',
  '\t',
];
const randomText = fc.array(fc.constantFrom(...glyphs), { maxLength: 6 }).map((parts) => parts.join(''));
// Names repeat often enough for $eq/$in to hit and for sorts to meet ties.
const names = ['Hòa', 'Hoà', 'Hoa\u0300', 'Đức', 'Ánh', 'An', 'Ệ😃', '𠀀', '𠀀a', '😃', '\uFFFF', ''];
const arbText = fc.oneof(fc.constantFrom(...names), randomText);
const communes = ['Đông Anh', 'Sóc Sơn', 'Ba Vì', 'Hoàn Kiếm', '😃 Xã'];
const idPool = Array.from({ length: 60 }, (_, i) => `${glyphs[i % glyphs.length] ?? ''}-${String(i)}`);
const arbId = fc.constantFrom(...idPool);
const arbAge = fc.integer({ min: 0, max: 30 });
const arbScore = fc.oneof(
  fc.constantFrom(0, 1, 2.5, -3),
  fc
    .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
    .map((x) => (Object.is(x, -0) ? 0 : x)),
);

const arbResident: fc.Arbitrary<Resident> = fc.record(
  {
    id: arbId,
    name: arbText,
    commune: fc.constantFrom(...communes),
    age: arbAge,
    active: fc.boolean(),
    score: arbScore,
    note: arbText,
  },
  { requiredKeys: ['id', 'name', 'commune', 'age', 'active'] },
);

type Command =
  | { kind: 'insert'; doc: Resident }
  | { kind: 'patch'; id: string; patch: Partial<Omit<Resident, 'id'>> }
  | { kind: 'remove'; id: string };

const arbCommand: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: arbResident.map((doc) => ({ kind: 'insert' as const, doc })) },
  {
    weight: 3,
    arbitrary: fc
      .record(
        {
          name: arbText,
          commune: fc.constantFrom(...communes),
          age: arbAge,
          active: fc.boolean(),
          score: arbScore,
        },
        { requiredKeys: [] },
      )
      .chain((patch) => arbId.map((id) => ({ kind: 'patch' as const, id, patch }))),
  },
  { weight: 2, arbitrary: arbId.map((id) => ({ kind: 'remove' as const, id })) },
);

function arbOperators<T>(value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T | T[]>> {
  const single = fc.oneof(
    value.map((v) => ({ $eq: v })),
    value.map((v) => ({ $gt: v })),
    value.map((v) => ({ $gte: v })),
    value.map((v) => ({ $lt: v })),
    value.map((v) => ({ $lte: v })),
    fc.array(value, { minLength: 1, maxLength: 3 }).map((vs) => ({ $in: vs })),
  );
  const range = fc
    .tuple(fc.constantFrom('$gt', '$gte'), value, fc.constantFrom('$lt', '$lte'), value)
    .map(([lo, a, hi, b]) => ({ [lo]: a, [hi]: b }));
  return fc.oneof({ weight: 3, arbitrary: single }, { weight: 1, arbitrary: range });
}

const sortable = ['name', 'commune', 'age', 'active', 'score', 'note'] as const;

const fieldOperators = {
  name: arbOperators(arbText),
  commune: arbOperators(fc.constantFrom(...communes, 'Ba', 'Đông', '😃')),
  age: arbOperators(arbAge),
  active: fc.boolean().map((v) => ({ $eq: v })),
  score: arbOperators(arbScore),
  note: arbOperators(arbText),
};

/** Selectors on zero to two fields (indexed or not), optional sorts, skip and limit. */
const arbQuery: fc.Arbitrary<MangoQuery<Resident>> = fc.record(
  {
    selector: fc
      .shuffledSubarray([...sortable], { maxLength: 2 })
      .chain((fields) =>
        fc.tuple(...fields.map((field) => fieldOperators[field].map((ops) => [field, ops] as const))),
      )
      .map((entries): MangoQuerySelector<Resident> => Object.fromEntries(entries)),
    sort: fc
      .shuffledSubarray([...sortable], { minLength: 1, maxLength: 3 })
      .chain((fields) =>
        fc.tuple(
          ...fields.map((field) =>
            fc
              .constantFrom('asc' as const, 'desc' as const)
              .map((dir): MangoQuerySortPart<Resident> => ({ [field]: dir })),
          ),
        ),
      ),
    skip: fc.integer({ min: 0, max: 5 }),
    limit: fc.integer({ min: 1, max: 10 }),
  },
  { requiredKeys: ['selector'] },
);

type Db = RxDatabase<{ residents: RxCollection<Resident> }>;

async function open<Internals, Options>(storage: RxStorage<Internals, Options>): Promise<Db> {
  const db: Db = await createRxDatabase({
    name: `diff-${randomToken(8)}`,
    storage,
    multiInstance: false,
    allowSlowCount: true,
  });
  await db.addCollections({ residents: { schema: residentSchema } });
  return db;
}

/** Applies a command; returns what happened so that the two databases can be compared step by step. */
async function apply(collection: RxCollection<Resident>, command: Command): Promise<string> {
  if (command.kind === 'insert') {
    return collection.insert(command.doc).then(
      () => 'inserted',
      (error: unknown) => `refused ${(error as { code?: string }).code ?? 'error'}`,
    );
  }
  const doc = await collection.findOne(command.id).exec();
  if (doc === null) return 'missing';
  if (command.kind === 'remove') await doc.remove();
  else await doc.incrementalPatch(command.patch);
  return command.kind;
}

/** The observable outcome of a query: RxDB's result, its count, and the storage's own answer (tombstones included). */
async function observe(collection: RxCollection<Resident>, query: MangoQuery<Resident>) {
  const found = await collection.find(query).exec();
  const counted = await collection.count({ selector: query.selector ?? {} }).exec();
  const prepared = prepareQuery(
    collection.schema.jsonSchema,
    normalizeMangoQuery(collection.schema.jsonSchema, query),
  );
  const raw = await collection.storageInstance.query(prepared);
  const rawCount = await collection.storageInstance.count(prepared);
  return {
    ids: found.map((d) => d.id),
    count: counted,
    raw: raw.documents.map((d) => `${d.id}${d._deleted ? ' (deleted)' : ''}`),
    rawCount: rawCount.count,
  };
}

describe('SQLite RxStorage against RxDB memory storage', () => {
  it('returns the same ids in the same order and the same counts for random writes and queries', async () => {
    const directory = tempDirectory();
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(arbResident, { selector: (r) => r.id, minLength: 10, maxLength: 45 }),
        fc.array(
          fc.oneof(
            { weight: 4, arbitrary: arbCommand },
            { weight: 1, arbitrary: arbQuery.map((query) => ({ kind: 'query' as const, query })) },
          ),
          {
            minLength: 5,
            maxLength: 60,
          },
        ),
        fc.array(arbQuery, { minLength: 3, maxLength: 8 }),
        async (seed, steps, finalQueries) => {
          const sqlite = await open(getRxStorageSqlite({ directory, key: TEST_KEY }));
          const memory = await open(getRxStorageMemory());
          try {
            await sqlite.residents.bulkInsert(seed);
            await memory.residents.bulkInsert(seed);
            for (const step of steps) {
              if (step.kind === 'query') {
                expect(await observe(sqlite.residents, step.query)).toEqual(
                  await observe(memory.residents, step.query),
                );
              } else {
                expect(await apply(sqlite.residents, step)).toBe(await apply(memory.residents, step));
              }
            }
            for (const query of finalQueries) {
              expect(await observe(sqlite.residents, query)).toEqual(await observe(memory.residents, query));
            }
          } finally {
            await sqlite.remove();
            await memory.remove();
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
