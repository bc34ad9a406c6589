import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { StationDbError } from './station-db-error.ts';

export type SqliteDatabase = Database.Database;
export type SqliteStatement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** The key of a station replica: 32 random bytes, applied as a raw key (no passphrase KDF). */
export const DATABASE_KEY_BYTES = 32;

const PLAINTEXT_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

/**
 * Opens (or creates) a whole-file encrypted SQLite database with SQLite3MultipleCiphers' ChaCha20-Poly1305 cipher.
 *
 * Guarantees:
 * - the cipher and the raw key are the first statements on the connection, so nothing is read or written in the clear;
 * - an existing file that the key does not open throws a `StationDbError` ('station-db-key-wrong' when the file looks
 *   like one of our encrypted databases, 'station-db-unreadable' when it is truncated, plaintext or not a database)
 *   and is left byte for byte as it was: it is opened with `fileMustExist` and only read before the key is verified;
 * - the returned connection runs in WAL mode with temporary tables and indices kept in memory.
 */
export function openEncryptedDatabase(file: string, key: Uint8Array): SqliteDatabase {
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new Error(`the station database key must be ${String(DATABASE_KEY_BYTES)} bytes`);
  }
  const fileName = basename(file);
  const existing = existsSync(file) ? inspectExistingFile(file) : 'absent';
  if (existing === 'unreadable') throw new StationDbError('station-db-unreadable', fileName);

  let db: SqliteDatabase;
  try {
    db = new Database(file, { fileMustExist: existing !== 'absent' });
  } catch (error) {
    throw new StationDbError('station-db-unreadable', fileName, { cause: error });
  }
  try {
    db.pragma("cipher = 'chacha20'");
    db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
    // The first read decrypts page 1: a wrong key or a damaged file fails here, before any write.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    db.close();
    const code = sqliteErrorCode(error);
    if (code === 'SQLITE_NOTADB' && existing === 'encrypted') {
      throw new StationDbError('station-db-key-wrong', fileName, { cause: error });
    }
    throw new StationDbError('station-db-unreadable', fileName, { cause: error });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('temp_store = MEMORY');
  return db;
}

/**
 * Classifies an existing file from its size and its database header without opening it in SQLite. SQLite3MC keeps
 * bytes 16–23 of the header (page size, file format versions, reserved bytes, payload fractions) in the clear and
 * replaces bytes 0–15 with the cipher's salt; a file with that shape whose page 1 does not decrypt was written with
 * another key. A zero-length file is what SQLite itself treats as an empty database.
 */
function inspectExistingFile(file: string): 'empty' | 'encrypted' | 'unreadable' {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return 'unreadable';
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return 'empty';
    const header = Buffer.alloc(24);
    if (readSync(fd, header, 0, header.length, 0) < header.length) return 'unreadable';
    if (header.subarray(0, 16).equals(PLAINTEXT_MAGIC)) return 'unreadable';
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const pageSizeValid = pageSize >= 512 && (pageSize & (pageSize - 1)) === 0;
    const formatValid = [1, 2].includes(header[18] ?? 0) && [1, 2].includes(header[19] ?? 0);
    const fractionsValid = header[21] === 64 && header[22] === 32 && header[23] === 32;
    if (!pageSizeValid || !formatValid || !fractionsValid || size % pageSize !== 0) return 'unreadable';
    return 'encrypted';
  } catch {
    return 'unreadable';
  } finally {
    closeSync(fd);
  }
}

/**
 * Turns SQLite's "damaged file" errors met while first reading an opened database into 'station-db-unreadable';
 * returns any other error unchanged.
 */
export function unreadableOrSame(error: unknown, file: string): unknown {
  const code = sqliteErrorCode(error);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new StationDbError('station-db-unreadable', basename(file), { cause: error });
  }
  return error;
}

function sqliteErrorCode(error: unknown): string | undefined {
  if (error instanceof Database.SqliteError) return error.code;
  return undefined;
}
