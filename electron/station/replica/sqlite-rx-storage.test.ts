import { join } from 'node:path';
import type { RxDocumentData } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from './open-encrypted-database.ts';
import { getRxStorageSqlite } from './sqlite-rx-storage.ts';
import {
  conflictDocument,
  createTestInstance,
  nextVersion,
  preparedQuery,
  tempDirectory,
  TEST_KEY,
  testDoc,
  testSchema,
  type TestDoc,
} from './sqlite-rx-storage.test-support.ts';

function newStorage() {
  return getRxStorageSqlite({ directory: tempDirectory(), key: TEST_KEY });
}

describe('SQLite RxStorage: writes and reads', () => {
  it('stores a document verbatim and finds it by id', async () => {
    const instance = await createTestInstance(newStorage());
    const doc = { ...testDoc('a', 'Nguyễn Thị Hòa'), _meta: { lwt: 1_700_000_000_000.25 } };
    const result = await instance.bulkWrite([{ document: doc }], 'test');
    expect(result.error).toEqual([]);
    expect(await instance.findDocumentsById(['a'], false)).toEqual([doc]);
  });

  it('answers an insert over an existing id with a 409 that carries exactly the stored document', async () => {
    const instance = await createTestInstance(newStorage());
    const stored = testDoc('a', 'first');
    await instance.bulkWrite([{ document: stored }], 'test');
    const result = await instance.bulkWrite([{ document: testDoc('a', 'second') }], 'test');
    expect(result.error).toHaveLength(1);
    const [conflict] = result.error;
    expect(conflict?.status).toBe(409);
    expect(conflict?.documentId).toBe('a');
    expect(conflictDocument(conflict)).toEqual(stored);
    expect(Object.keys(conflictDocument(conflict)).sort()).toEqual(Object.keys(stored).sort());
  });

  it('treats a tombstone as existing: inserting over it without previous is a conflict', async () => {
    const instance = await createTestInstance(newStorage());
    const doc = testDoc('a', 'v');
    await instance.bulkWrite([{ document: doc }], 'test');
    await instance.bulkWrite([{ previous: doc, document: nextVersion(doc, { _deleted: true }) }], 'test');
    const result = await instance.bulkWrite([{ document: testDoc('a', 'again') }], 'test');
    expect(result.error.map((e) => e.status)).toEqual([409]);
  });

  it('writes the rows of a bulk that do not conflict and reports the stale _rev that does', async () => {
    const instance = await createTestInstance(newStorage());
    const a = testDoc('a', 'a1');
    const b = testDoc('b', 'b1');
    await instance.bulkWrite([{ document: a }, { document: b }], 'test');
    const a2 = nextVersion(a, { value: 'a2' });
    await instance.bulkWrite([{ previous: a, document: a2 }], 'test');

    const staleA = nextVersion(a, { value: 'a-stale' });
    const b2 = nextVersion(b, { value: 'b2' });
    const result = await instance.bulkWrite(
      [{ previous: a, document: staleA }, { previous: b, document: b2 }, { document: testDoc('c', 'c1') }],
      'test',
    );
    expect(result.error.map((e) => [e.documentId, e.status])).toEqual([['a', 409]]);
    expect(conflictDocument(result.error[0])).toEqual(a2);
    const found = await instance.findDocumentsById(['a', 'b', 'c'], false);
    expect(found.map((d) => [d.key, d.value]).sort()).toEqual([
      ['a', 'a2'],
      ['b', 'b2'],
      ['c', 'c1'],
    ]);
  });

  it('lets only the first of two parallel inserts of the same id succeed', async () => {
    const instance = await createTestInstance(newStorage());
    const [first, second] = await Promise.all([
      instance.bulkWrite([{ document: testDoc('same', 'first') }], 'test'),
      instance.bulkWrite([{ document: testDoc('same', 'second') }], 'test'),
    ]);
    expect(first.error).toEqual([]);
    expect(second.error.map((e) => e.status)).toEqual([409]);
    expect((await instance.findDocumentsById(['same'], false))[0]?.value).toBe('first');
  });

  it('keeps tombstones, returning them only when asked for deleted documents', async () => {
    const instance = await createTestInstance(newStorage());
    const doc = testDoc('a', 'v');
    await instance.bulkWrite([{ document: doc }, { document: testDoc('b', 'w') }], 'test');
    const tombstone = nextVersion(doc, { _deleted: true });
    await instance.bulkWrite([{ previous: doc, document: tombstone }], 'test');
    expect((await instance.findDocumentsById(['a', 'b'], false)).map((d) => d.key)).toEqual(['b']);
    expect(await instance.findDocumentsById(['a'], true)).toEqual([tombstone]);
    const all = await instance.query(
      preparedQuery(instance.schema, { selector: {}, sort: [{ key: 'asc' }] }),
    );
    expect(all.documents.map((d) => [d.key, d._deleted])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('finds ten thousand documents by id in one call', async () => {
    const instance = await createTestInstance(newStorage());
    const docs = Array.from({ length: 10_000 }, (_, i) => testDoc(`id-${String(i)}`, `v${String(i % 97)}`));
    expect(
      (
        await instance.bulkWrite(
          docs.map((document) => ({ document })),
          'test',
        )
      ).error,
    ).toEqual([]);
    const found = await instance.findDocumentsById(
      docs.map((d) => d.key),
      true,
    );
    expect(found).toHaveLength(10_000);
    expect(new Set(found.map((d) => d.key)).size).toBe(10_000);
  });
});

describe('SQLite RxStorage: queries', () => {
  const values = ['a', 'Ă', 'b', 'đ', 'Đ', 'ệ', 'z', '\uFFFD', '\uFFFF', '😃', '𠀀', 'a😃', 'a\uFFFF', ''];

  async function filled() {
    const instance = await createTestInstance(newStorage());
    await instance.bulkWrite(
      values.map((value, i) => ({
        document: testDoc(`k${String(i).padStart(2, '0')}`, value, { n: i % 4 }),
      })),
      'test',
    );
    return instance;
  }

  it('orders an indexed string column exactly as JavaScript compares strings, astral characters included', async () => {
    const instance = await filled();
    const result = await instance.query(
      preparedQuery(instance.schema, { selector: { _deleted: { $eq: false } }, sort: [{ value: 'asc' }] }),
    );
    expect(result.documents.map((d) => d.value)).toEqual([...values].sort());
  });

  it('keeps emoji and 𠀀 inside open-ended index ranges', async () => {
    const instance = await filled();
    const query = preparedQuery(instance.schema, {
      selector: { value: { $gt: 'z' }, _deleted: { $eq: false } },
      sort: [{ value: 'asc' }],
    });
    expect(query.queryPlan.index).toEqual(['_deleted', 'value', 'key']);
    const result = await instance.query(query);
    expect(result.documents.map((d) => d.value)).toEqual(values.filter((v) => v > 'z').sort());
    expect(result.documents.map((d) => d.value)).toContain('😃');
    expect(result.documents.map((d) => d.value)).toContain('𠀀');
  });

  it('applies skip and limit after filtering and sorting', async () => {
    const instance = await filled();
    const sorted = values.filter((v) => v >= 'b').sort();
    const query = preparedQuery(instance.schema, {
      selector: { value: { $gte: 'b' }, _deleted: { $eq: false } },
      sort: [{ value: 'asc' }],
      skip: 2,
      limit: 3,
    });
    expect((await instance.query(query)).documents.map((d) => d.value)).toEqual(sorted.slice(2, 5));
  });

  it('filters and sorts in JavaScript when the plan does not cover the selector or the sort', async () => {
    const instance = await filled();
    const query = preparedQuery(instance.schema, {
      selector: { n: { $gte: 2 }, _deleted: { $eq: false } },
      sort: [{ n: 'desc' }, { value: 'asc' }],
      limit: 4,
    });
    expect(query.queryPlan.selectorSatisfiedByIndex).toBe(false);
    const expected = values
      .map((value, i) => ({ value, n: i % 4 }))
      .filter((d) => d.n >= 2)
      .sort((x, y) => y.n - x.n || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0))
      .slice(0, 4);
    expect((await instance.query(query)).documents.map((d) => [d.n, d.value])).toEqual(
      expected.map((d) => [d.n, d.value]),
    );
  });

  it('counts fast over an index range and slowly through the matcher, both equal to the query length', async () => {
    const instance = await filled();
    const indexed = preparedQuery(instance.schema, {
      selector: { value: { $lt: 'z' }, _deleted: { $eq: false } },
    });
    const unindexed = preparedQuery(instance.schema, {
      selector: { n: { $eq: 1 }, _deleted: { $eq: false } },
    });
    expect(indexed.queryPlan.selectorSatisfiedByIndex).toBe(true);
    expect(await instance.count(indexed)).toEqual({
      count: (await instance.query(indexed)).documents.length,
      mode: 'fast',
    });
    expect(await instance.count(unindexed)).toEqual({
      count: (await instance.query(unindexed)).documents.length,
      mode: 'slow',
    });
    expect((await instance.count(unindexed)).count).toBe(values.filter((_, i) => i % 4 === 1).length);
  });

  it('answers a query that names an index the table does not have by scanning', async () => {
    const instance = await filled();
    const query = preparedQuery(instance.schema, {
      selector: { n: { $eq: 3 } },
      index: ['n'],
      sort: [{ key: 'asc' }],
    });
    expect((await instance.query(query)).documents.map((d) => d.key)).toEqual(
      values.flatMap((_, i) => (i % 4 === 3 ? [`k${String(i).padStart(2, '0')}`] : [])),
    );
    expect((await instance.count(query)).mode).toBe('slow');
  });

  it("stores no keys for RxDB's ['_meta.lwt', primary key] index and answers a query planned on it by scanning", async () => {
    const instance = await filled();
    const query = preparedQuery(instance.schema, {
      selector: { '_meta.lwt': { $gte: 0 } },
      sort: [{ '_meta.lwt': 'asc' }],
      limit: 3,
    });
    expect(query.queryPlan.index).toEqual(['_meta.lwt', 'key']);
    // testDoc stamps lwt in creation order.
    expect((await instance.query(query)).documents.map((d) => d.key)).toEqual(['k00', 'k01', 'k02']);
    const db = openEncryptedDatabase(instance.internals.file, TEST_KEY);
    const columns = db
      .prepare<[], string>(`SELECT name FROM pragma_table_info('${instance.internals.table}')`)
      .pluck()
      .all();
    db.close();
    expect(columns).toEqual(['seq', 'id', 'deleted', 'lwt', 'ix0', 'data']);
  });

  it('rebuilds a table of the earlier layout (id primary key, UTF-16BE keys) and keeps its rows and write order', async () => {
    const directory = tempDirectory();
    const earlier = openEncryptedDatabase(join(directory, 'station.db'), TEST_KEY, 'chacha20');
    earlier.exec(`CREATE TABLE rx_meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
      CREATE TABLE rx_tables (name TEXT PRIMARY KEY NOT NULL, collection TEXT NOT NULL, version INTEGER NOT NULL,
        signature TEXT NOT NULL);
      INSERT INTO rx_meta VALUES ('write-seq', 2);
      INSERT INTO rx_tables VALUES ('docs_docs_v0', 'docs', 0, '{"keyEncoding":"utf16be"}');
      CREATE TABLE docs_docs_v0 (id TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL UNIQUE, deleted INTEGER NOT NULL,
        lwt REAL NOT NULL, data TEXT NOT NULL, ix0 BLOB NOT NULL, ix1 BLOB NOT NULL);
      CREATE INDEX docs_docs_v0_cleanup ON docs_docs_v0 (deleted, lwt);
      CREATE TABLE docs_docs_v0_att (doc_id TEXT NOT NULL, att_id TEXT NOT NULL, digest TEXT NOT NULL,
        type TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_id, att_id));`);
    const docs = [testDoc('b', 'Hoà'), testDoc('a', 'Đức')];
    const insert = earlier.prepare("INSERT INTO docs_docs_v0 VALUES (?, ?, 0, ?, ?, x'00', x'00')");
    docs.forEach((doc, i) => insert.run(doc.key, i + 1, doc._meta.lwt, JSON.stringify(doc)));
    earlier.close();

    const instance = await createTestInstance(getRxStorageSqlite({ directory, key: TEST_KEY }));
    const query = preparedQuery(instance.schema, {
      selector: { value: { $gt: '' }, _deleted: { $eq: false } },
      sort: [{ value: 'asc' }],
    });
    expect((await instance.query(query)).documents).toEqual([docs[0], docs[1]]);
    expect((await instance.getChangedDocumentsSince(10)).documents.map((d) => d.key)).toEqual(['b', 'a']);
    await instance.bulkWrite([{ document: testDoc('c', 'An') }], 'test');
    expect((await instance.getChangedDocumentsSince(10, { seq: 2 })).documents.map((d) => d.key)).toEqual([
      'c',
    ]);
  });

  it('rebuilds index keys when a table is reopened with other index definitions', async () => {
    const directory = tempDirectory();
    const first = await createTestInstance(getRxStorageSqlite({ directory, key: TEST_KEY }));
    const docs: RxDocumentData<TestDoc>[] = [testDoc('a', 'x', { n: 3 }), testDoc('b', 'y', { n: 1 })];
    await first.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    await first.close();
    const schema = testSchema({ indexes: [['n'], ['value']] });
    const second = await createTestInstance(getRxStorageSqlite({ directory, key: TEST_KEY }), {}, schema);
    const query = preparedQuery(schema, {
      selector: { n: { $gte: 0 }, _deleted: { $eq: false } },
      sort: [{ n: 'asc' }],
    });
    expect(query.queryPlan.index).toEqual(['_deleted', 'n', 'key']);
    expect((await second.query(query)).documents.map((d) => d.key)).toEqual(['b', 'a']);
  });
});
