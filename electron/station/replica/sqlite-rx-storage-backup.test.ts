import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RxDocumentData } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from './open-encrypted-database.ts';
import { getRxStorageSqlite } from './sqlite-rx-storage.ts';
import {
  createTestInstance,
  OTHER_KEY,
  preparedQuery,
  tempDirectory,
  TEST_KEY,
  testDoc,
  testSchema,
  type TestDoc,
} from './sqlite-rx-storage.test-support.ts';
import type { SqliteRxStorageInstance } from './sqlite-rx-storage-instance.ts';
import { databaseFileName } from './sqlite-names.ts';
import { StationDbError } from './station-db-error.ts';

const KNOWN_NAME = 'Nguyễn Thị Sao Lưu';

/** Every live document of `instance`, in key order. */
async function allDocuments(instance: SqliteRxStorageInstance<TestDoc>): Promise<RxDocumentData<TestDoc>[]> {
  const result = await instance.query(
    preparedQuery(testSchema(), { selector: {}, sort: [{ key: 'asc' }], skip: 0 }),
  );
  return result.documents;
}

/** Opens a backup copy as the database `station` of a fresh storage in its own folder. */
async function openCopy(copy: string, key: Uint8Array = TEST_KEY): Promise<SqliteRxStorageInstance<TestDoc>> {
  const directory = join(tempDirectory(), 'restored');
  mkdirSync(directory);
  copyFileSync(copy, join(directory, databaseFileName('station')));
  return createTestInstance(getRxStorageSqlite({ directory, key }), { databaseName: 'station' });
}

describe('SQLite RxStorage: online backup', () => {
  it('copies the open database into a file that opens with the key and holds the same documents', async () => {
    const storage = getRxStorageSqlite({ directory: tempDirectory(), key: TEST_KEY });
    const instance = await createTestInstance(storage, { databaseName: 'station' });
    const docs = Array.from({ length: 300 }, (_, i) => testDoc(`k${String(i).padStart(4, '0')}`, KNOWN_NAME));
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    const copy = join(tempDirectory(), 'copy.db');

    const result = await storage.backupDatabase('station', copy);

    expect(result.bytes).toBe(readFileSync(copy).length);
    const reopened = await openCopy(copy);
    expect(await allDocuments(reopened)).toEqual(await allDocuments(instance));
    expect((await reopened.getChangedDocumentsSince(1000)).documents).toHaveLength(300);
    // The original keeps working after the backup.
    await instance.bulkWrite([{ document: testDoc('after', 'v') }], 'test');
    expect(await instance.findDocumentsById(['after'], false)).toHaveLength(1);
  });

  it('writes a copy that is whole-file encrypted: no plaintext name, no SQLite header, refused with a wrong key', async () => {
    const storage = getRxStorageSqlite({ directory: tempDirectory(), key: TEST_KEY });
    const instance = await createTestInstance(storage, { databaseName: 'station' });
    await instance.bulkWrite(
      Array.from({ length: 50 }, (_, i) => ({ document: testDoc(`k${String(i)}`, KNOWN_NAME) })),
      'test',
    );
    const copy = join(tempDirectory(), 'copy.db');
    await storage.backupDatabase('station', copy);

    const bytes = readFileSync(copy);
    // Documents are stored as UTF-8 JSON, index columns as UTF-16BE.
    expect(bytes.includes(Buffer.from(KNOWN_NAME, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(KNOWN_NAME, 'utf16le').swap16())).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3', 'latin1'))).toBe(false);

    expect(() => openEncryptedDatabase(copy, OTHER_KEY)).toThrow(
      expect.objectContaining({ code: 'station-db-key-wrong' }),
    );
    expect(readFileSync(copy).equals(bytes)).toBe(true);
    const db = openEncryptedDatabase(copy, TEST_KEY);
    db.close();
  });

  it('keeps the cipher of a ChaCha20 database on the copy', async () => {
    const storage = getRxStorageSqlite({ directory: tempDirectory(), key: TEST_KEY, cipher: 'chacha20' });
    const instance = await createTestInstance(storage, { databaseName: 'station' });
    await instance.bulkWrite([{ document: testDoc('a', KNOWN_NAME) }], 'test');
    const copy = join(tempDirectory(), 'copy.db');
    await storage.backupDatabase('station', copy);

    const db = openEncryptedDatabase(copy, TEST_KEY, 'chacha20');
    try {
      expect(db.pragma('cipher', { simple: true })).toBe('chacha20');
    } finally {
      db.close();
    }
    expect(readFileSync(copy).includes(Buffer.from(KNOWN_NAME, 'utf8'))).toBe(false);
  });

  it('takes a consistent snapshot while bulk writes keep running: whole batches, in write order', async () => {
    const storage = getRxStorageSqlite({ directory: tempDirectory(), key: TEST_KEY });
    const instance = await createTestInstance(storage, { databaseName: 'station' });
    const batches = 60;
    const perBatch = 50;
    let written = 0;
    const writer = (async () => {
      for (let b = 0; b < batches; b++) {
        const batch = Array.from({ length: perBatch }, (_, i) => ({
          document: testDoc(`b${String(b).padStart(3, '0')}-${String(i).padStart(3, '0')}`, KNOWN_NAME, {
            n: b,
          }),
        }));
        await instance.bulkWrite(batch, 'test');
        written++;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    })();
    const copies = [join(tempDirectory(), 'first.db'), join(tempDirectory(), 'second.db')];
    const backups = (async () => {
      for (const [i, copy] of copies.entries()) {
        while (written < (i + 1) * 15) await new Promise<void>((resolve) => setImmediate(resolve));
        await storage.backupDatabase('station', copy);
      }
    })();
    await Promise.all([writer, backups]);
    expect(written).toBe(batches);

    let previousBatches = 0;
    for (const copy of copies) {
      const docs = await allDocuments(await openCopy(copy));
      const counts = new Map<number, number>();
      for (const doc of docs) counts.set(doc.n ?? -1, (counts.get(doc.n ?? -1) ?? 0) + 1);
      const present = [...counts.keys()].sort((a, b) => a - b);
      // A prefix of the batches, each one whole.
      expect(present).toEqual(present.map((_, i) => i));
      expect([...counts.values()].every((count) => count === perBatch)).toBe(true);
      expect(present.length).toBeGreaterThanOrEqual(previousBatches);
      expect(present.length).toBeLessThan(batches);
      previousBatches = present.length;
    }
    expect(await allDocuments(instance)).toHaveLength(batches * perBatch);
  });

  it('refuses to back up a database that is not open, and an existing destination', async () => {
    const directory = tempDirectory();
    const storage = getRxStorageSqlite({ directory, key: TEST_KEY });
    const copy = join(tempDirectory(), 'copy.db');
    await expect(storage.backupDatabase('station', copy)).rejects.toThrow(
      expect.objectContaining({ code: 'station-db-closed' }),
    );
    const instance = await createTestInstance(storage, { databaseName: 'station' });
    await instance.bulkWrite([{ document: testDoc('a', 'v') }], 'test');
    await storage.backupDatabase('station', copy);
    await expect(storage.backupDatabase('station', copy)).rejects.toThrow(/already exists/);
    await instance.close();
    await expect(storage.backupDatabase('station', join(tempDirectory(), 'x.db'))).rejects.toBeInstanceOf(
      StationDbError,
    );
  });

  it("documents why VACUUM INTO: better-sqlite3's page-copy backup refuses an encrypted source", async () => {
    const directory = tempDirectory();
    const db = openEncryptedDatabase(join(directory, 'a.db'), TEST_KEY);
    try {
      db.exec('CREATE TABLE t (x TEXT)');
      await expect(db.backup(join(directory, 'b.db'))).rejects.toThrow(/not supported/);
    } finally {
      db.close();
    }
  });
});
