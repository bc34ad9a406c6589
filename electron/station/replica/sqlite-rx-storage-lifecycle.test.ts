import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SqliteCheckpoint } from './database-file.ts';
import { getRxStorageSqlite } from './sqlite-rx-storage.ts';
import {
  createTestInstance,
  nextVersion,
  tempDirectory,
  TEST_KEY,
  testDoc,
} from './sqlite-rx-storage.test-support.ts';

describe('SQLite RxStorage: lifecycle', () => {
  it('keeps documents and the write counter across a reopen with a new storage object', async () => {
    const directory = tempDirectory();
    const first = await createTestInstance(getRxStorageSqlite({ directory, key: TEST_KEY }));
    const doc = testDoc('a', 'Hòa');
    await first.bulkWrite([{ document: doc }], 'test');
    const { checkpoint } = await first.getChangedDocumentsSince(10);
    await first.close();

    const second = await createTestInstance(getRxStorageSqlite({ directory, key: TEST_KEY }));
    expect(await second.findDocumentsById(['a'], false)).toEqual([doc]);
    await second.bulkWrite([{ previous: doc, document: nextVersion(doc, { value: 'Hoà' }) }], 'test');
    const after = await second.getChangedDocumentsSince(10, checkpoint);
    expect(after.documents.map((d) => d.value)).toEqual(['Hoà']);
    expect(after.checkpoint.seq).toBeGreaterThan(checkpoint.seq);
  });

  it('shares one file and one connection between the collections of a database, closed with the last one', async () => {
    const directory = tempDirectory();
    const storage = getRxStorageSqlite({ directory, key: TEST_KEY });
    const persons = await createTestInstance(storage, { databaseName: 'station', collectionName: 'persons' });
    const encounters = await createTestInstance(storage, {
      databaseName: 'station',
      collectionName: 'encounters',
    });
    await persons.bulkWrite([{ document: testDoc('p', 'v') }], 'test');
    await encounters.bulkWrite([{ document: testDoc('e', 'v') }], 'test');
    expect(readdirSync(directory).filter((f) => f.endsWith('.db'))).toEqual(['station.db']);

    // SQLite deletes the -wal file when the last connection to the database closes.
    const wal = join(directory, 'station.db-wal');
    await persons.close();
    expect(existsSync(wal)).toBe(true);
    expect(await encounters.findDocumentsById(['e'], false)).toHaveLength(1);
    await encounters.close();
    expect(existsSync(wal)).toBe(false);
  });

  it('shares the change stream between instances of the same collection', async () => {
    const storage = getRxStorageSqlite({ directory: tempDirectory(), key: TEST_KEY });
    const a = await createTestInstance(storage);
    const b = await createTestInstance(storage);
    const seen: string[] = [];
    const subscription = b
      .changeStream()
      .subscribe((bulk) => seen.push(...bulk.events.map((e) => e.documentId)));
    await a.bulkWrite([{ document: testDoc('x', 'v') }], 'test');
    expect(seen).toEqual(['x']);
    subscription.unsubscribe();
  });

  it('may be closed twice in parallel, refuses work once closed, and refuses remove after close', async () => {
    const instance = await createTestInstance(
      getRxStorageSqlite({ directory: tempDirectory(), key: TEST_KEY }),
    );
    await Promise.all([instance.close(), instance.close()]);
    await expect(instance.findDocumentsById(['a'], false)).rejects.toThrow(/closed/);
    await expect(instance.bulkWrite([{ document: testDoc('a', 'v') }], 'test')).rejects.toThrow(/closed/);
    await expect(instance.remove()).rejects.toThrow(/closed/);
  });

  it('removes one collection without touching the others, and deletes the file with the last one', async () => {
    const directory = tempDirectory();
    const storage = getRxStorageSqlite({ directory, key: TEST_KEY });
    const persons = await createTestInstance(storage, { collectionName: 'persons' });
    const encounters = await createTestInstance(storage, { collectionName: 'encounters' });
    await persons.bulkWrite([{ document: testDoc('p', 'v') }], 'test');
    await encounters.bulkWrite([{ document: testDoc('e', 'v') }], 'test');

    await persons.remove();
    await persons.close();
    const recreated = await createTestInstance(storage, { collectionName: 'persons' });
    expect(await recreated.findDocumentsById(['p'], true)).toEqual([]);
    expect(await encounters.findDocumentsById(['e'], false)).toHaveLength(1);

    await recreated.remove();
    expect(existsSync(join(directory, 'station.db'))).toBe(true);
    await encounters.remove();
    expect(readdirSync(directory)).toEqual([]);
  });

  it('purges tombstones older than the given age in batches, keeping younger tombstones and live documents', async () => {
    let clock = 2_000_000;
    const storage = getRxStorageSqlite({
      directory: tempDirectory(),
      key: TEST_KEY,
      now: () => clock,
      cleanupBatchSize: 2,
    });
    const instance = await createTestInstance(storage);
    const docs = ['a', 'b', 'c', 'd', 'e'].map((key) => testDoc(key, 'v', { lwt: 1_000_000 }));
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    // a, b, c deleted long ago; d deleted just now; e stays alive.
    await instance.bulkWrite(
      docs.slice(0, 4).map((doc, i) => ({
        previous: doc,
        document: nextVersion(doc, { _deleted: true, lwt: i < 3 ? 1_000_000 + i : 1_999_990 }),
      })),
      'test',
    );
    const checkpoint: SqliteCheckpoint = (await instance.getChangedDocumentsSince(100)).checkpoint;

    expect(await instance.cleanup(100)).toBe(false);
    expect(await instance.cleanup(100)).toBe(true);
    expect(
      (await instance.findDocumentsById(['a', 'b', 'c', 'd', 'e'], true)).map((d) => d.key).sort(),
    ).toEqual(['d', 'e']);
    clock += 1_000;
    expect(await instance.cleanup(100)).toBe(true);
    expect((await instance.findDocumentsById(['a', 'b', 'c', 'd', 'e'], true)).map((d) => d.key)).toEqual([
      'e',
    ]);
    expect((await instance.getChangedDocumentsSince(100, checkpoint)).documents).toEqual([]);
  });
});
