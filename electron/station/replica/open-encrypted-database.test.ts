import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase, type DatabaseCipher } from './open-encrypted-database.ts';
import { StationDbError, type StationDbErrorCode } from './station-db-error.ts';
import { getRxStorageSqlite } from './sqlite-rx-storage.ts';
import { createTestInstance, OTHER_KEY, tempDirectory, TEST_KEY } from './sqlite-rx-storage.test-support.ts';

/** Writes an encrypted database holding one row of Vietnamese text; returns its path. */
function encryptedFile(directory: string, name = 'station.db', cipher?: DatabaseCipher): string {
  const file = join(directory, name);
  const db = openEncryptedDatabase(file, TEST_KEY, cipher);
  db.exec('CREATE TABLE persons (id TEXT PRIMARY KEY, full_name TEXT)');
  db.prepare('INSERT INTO persons VALUES (?, ?)').run('p1', 'Trần Văn Đức — GIẢ LẬP');
  db.close();
  return file;
}

/** Expects opening `file` with `key` to fail with `code`, leaving the file and its folder exactly as they were. */
function expectRefusedUntouched(file: string, key: Uint8Array, code: StationDbErrorCode): StationDbError {
  const directory = join(file, '..');
  const before = readFileSync(file);
  const listing = readdirSync(directory).sort();
  let thrown: unknown;
  try {
    openEncryptedDatabase(file, key).close();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(StationDbError);
  const error = thrown as StationDbError;
  expect(error.code).toBe(code);
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(readdirSync(directory).sort()).toEqual(listing);
  return error;
}

describe('openEncryptedDatabase', () => {
  it('writes a file with no plaintext header or content, in WAL mode', () => {
    const directory = tempDirectory();
    const file = encryptedFile(directory);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes(Buffer.from('Trần Văn Đức'))).toBe(false);
    const db = openEncryptedDatabase(file, TEST_KEY);
    expect(db.pragma('cipher', { simple: true })).toBe('aegis');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(db.pragma('cache_size', { simple: true })).toBe(-65536);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    expect(db.prepare('SELECT full_name FROM persons').pluck().get()).toBe('Trần Văn Đức — GIẢ LẬP');
    db.close();
  });

  it('opens a file written with the other cipher, and refuses it a wrong key as key-wrong, untouched', () => {
    const directory = tempDirectory();
    const file = encryptedFile(directory, 'chacha.db', 'chacha20');
    const db = openEncryptedDatabase(file, TEST_KEY);
    expect(db.pragma('cipher', { simple: true })).toBe('chacha20');
    expect(db.prepare('SELECT full_name FROM persons').pluck().get()).toBe('Trần Văn Đức — GIẢ LẬP');
    db.prepare('INSERT INTO persons VALUES (?, ?)').run('p2', 'Lê Thị Hoà');
    db.close();
    const reopened = openEncryptedDatabase(file, TEST_KEY, 'chacha20');
    expect(reopened.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(2);
    reopened.close();
    expectRefusedUntouched(file, OTHER_KEY, 'station-db-key-wrong');
  });

  it('refuses a wrong key with station-db-key-wrong and a Vietnamese message, leaving the file untouched', () => {
    const file = encryptedFile(tempDirectory());
    const error = expectRefusedUntouched(file, OTHER_KEY, 'station-db-key-wrong');
    expect(error.message).toMatch(/khóa giải mã không đúng/);
    expect(error.issue.code).toBe('station-db-key-wrong');
  });

  it('refuses random bytes, a plaintext database, a truncated file and a text file as unreadable', () => {
    const directory = tempDirectory();
    const garbage = join(directory, 'garbage.db');
    writeFileSync(garbage, randomBytes(8192));
    expect(expectRefusedUntouched(garbage, TEST_KEY, 'station-db-unreadable').message).toMatch(
      /Không đọc được/,
    );

    const plaintext = join(directory, 'plain.db');
    const plain = new Database(plaintext);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expectRefusedUntouched(plaintext, TEST_KEY, 'station-db-unreadable');

    const truncated = join(directory, 'truncated.db');
    writeFileSync(truncated, readFileSync(encryptedFile(directory, 'whole.db')).subarray(0, 3000));
    expectRefusedUntouched(truncated, TEST_KEY, 'station-db-unreadable');

    const text = join(directory, 'notes.db');
    writeFileSync(text, 'Sổ khám bệnh, không phải cơ sở dữ liệu');
    expectRefusedUntouched(text, TEST_KEY, 'station-db-unreadable');
  });

  it('reports a storage file with a damaged page behind a good first page as unreadable, untouched', async () => {
    const directory = tempDirectory();
    const storage = getRxStorageSqlite({ directory, key: TEST_KEY });
    const instance = await createTestInstance(storage, { databaseName: 'station' });
    await instance.close();
    const file = join(directory, 'station.db');
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    for (let i = pageSize + 64; i < pageSize + 256; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const listing = readdirSync(directory);
    await expect(
      createTestInstance(getRxStorageSqlite({ directory, key: TEST_KEY }), { databaseName: 'station' }),
    ).rejects.toMatchObject({ code: 'station-db-unreadable' });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(directory)).toEqual(listing);
  });

  it('rejects createStorageInstance with the same coded error through the storage', async () => {
    const directory = tempDirectory();
    const file = encryptedFile(directory, 'station.db');
    const before = readFileSync(file);
    const storage = getRxStorageSqlite({ directory, key: OTHER_KEY });
    await expect(createTestInstance(storage, { databaseName: 'station' })).rejects.toMatchObject({
      code: 'station-db-key-wrong',
    });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => getRxStorageSqlite({ directory: tempDirectory(), key: new Uint8Array(16) })).toThrow(
      /32 bytes/,
    );
  });
});
