import { describe, expect, it } from 'vitest';
import { getRxStorageSqlite } from './sqlite-rx-storage.ts';
import { createTestInstance, tempDirectory, TEST_KEY, testDoc } from './sqlite-rx-storage.test-support.ts';

async function twoCollections() {
  const directory = tempDirectory();
  const storage = getRxStorageSqlite({ directory, key: TEST_KEY });
  const documents = await createTestInstance(storage, { collectionName: 'documents' });
  const outbox = await createTestInstance(storage, { collectionName: 'outbox' });
  return { storage, documents, outbox };
}

describe('SQLite RxStorage: writes grouped in one transaction', () => {
  it('commits the writes of a group to two collections together, and tells listeners only after the commit', async () => {
    const { storage, documents, outbox } = await twoCollections();
    const heard: string[] = [];
    const stop = documents.changeStream().subscribe((bulk) => {
      heard.push(...bulk.events.map((event) => event.documentId));
    });
    await storage.writeTogether('station', async () => {
      await documents.bulkWrite([{ document: testDoc('a', 'v') }], 'test');
      expect(heard).toEqual([]);
      await outbox.bulkWrite([{ document: testDoc('documents:a', 'pending') }], 'test');
    });
    expect(heard).toEqual(['a']);
    expect(await documents.findDocumentsById(['a'], false)).toHaveLength(1);
    expect(await outbox.findDocumentsById(['documents:a'], false)).toHaveLength(1);
    stop.unsubscribe();
  });

  it('keeps none of the writes of a group that throws, and tells no listener of them', async () => {
    const { storage, documents, outbox } = await twoCollections();
    const heard: string[] = [];
    const stop = documents.changeStream().subscribe((bulk) => {
      heard.push(...bulk.events.map((event) => event.documentId));
    });
    await expect(
      storage.writeTogether('station', async () => {
        await documents.bulkWrite([{ document: testDoc('a', 'v') }], 'test');
        throw new Error('the outbox write failed');
      }),
    ).rejects.toThrow('the outbox write failed');
    expect(heard).toEqual([]);
    expect(await documents.findDocumentsById(['a'], true)).toEqual([]);
    expect(await outbox.findDocumentsById(['documents:a'], true)).toEqual([]);
    // The file takes writes again, and their sequence numbers follow the last committed one.
    await documents.bulkWrite([{ document: testDoc('b', 'v') }], 'test');
    expect((await documents.getChangedDocumentsSince(10)).documents.map((doc) => doc.key)).toEqual(['b']);
    stop.unsubscribe();
  });

  it('makes a write from outside the group wait for the group, so the group never rolls it back', async () => {
    const { storage, documents } = await twoCollections();
    let outsideDone = false;
    // A writer of its own, started while the group runs (as the replication's writes are): its continuation was
    // set up outside the group, so it is no part of it.
    let startOutside!: () => void;
    const outside = new Promise<void>((resolve) => {
      startOutside = resolve;
    })
      .then(() => documents.bulkWrite([{ document: testDoc('outside', 'v') }], 'test'))
      .then(() => {
        outsideDone = true;
      });
    await expect(
      storage.writeTogether('station', async () => {
        await documents.bulkWrite([{ document: testDoc('inside', 'v') }], 'test');
        startOutside();
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(outsideDone).toBe(false);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await outside;
    expect(outsideDone).toBe(true);
    expect((await documents.findDocumentsById(['inside', 'outside'], true)).map((doc) => doc.key)).toEqual([
      'outside',
    ]);
  });

  it('refuses a group on a database that is not open', async () => {
    const storage = getRxStorageSqlite({ directory: tempDirectory(), key: TEST_KEY });
    await expect(storage.writeTogether('station', async () => undefined)).rejects.toMatchObject({
      code: 'station-db-closed',
    });
  });
});
