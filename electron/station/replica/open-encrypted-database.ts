import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { StationDbError } from './station-db-error.ts';

export type SqliteDatabase = Database.Database;
export type SqliteStatement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** The key of a station replica: 32 random bytes, applied as a raw key (no passphrase KDF). */
export const DATABASE_KEY_BYTES = 32;

/**
 * The page ciphers of SQLite3MultipleCiphers this storage uses, both authenticated (a modified page fails to decrypt):
 * AEGIS-256 (hardware AES rounds; in our benchmark it encrypts pages about 2.5× faster than ChaCha20, which roughly
 * doubles bulk-write throughput) and ChaCha20-Poly1305 (fast in plain software, for CPUs without AES instructions).
 */
export const DATABASE_CIPHERS = ['aegis-256', 'chacha20'] as const;
export type DatabaseCipher = (typeof DATABASE_CIPHERS)[number];

const PLAINTEXT_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

/**
 * Page cache per connection, in KiB (SQLite's default is 2 MiB): the index pages of a commune's replica (about
 * 500,000 documents) stay in memory, so a bulk write does not read and decrypt them again.
 */
const CACHE_KIB = 64 * 1024;
/**
 * WAL pages after which a commit checkpoints (SQLite's default is 1,000). A bulk write into large tables dirties
 * ~2,000 scattered index pages, so the default checkpoints after every commit and writes each page twice; with
 * 10,000 (40 MB at 4 KiB pages) a page dirtied by several commits in a row is copied to the database once.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;
/** A WAL grown past this many bytes is truncated back to it after a checkpoint. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens (or creates) a whole-file encrypted SQLite database with one of SQLite3MultipleCiphers' authenticated
 * ciphers: a new file gets `cipher` (default AEGIS-256); an existing file opens with whichever of
 * `DATABASE_CIPHERS` it was written with (`cipher` is tried first).
 *
 * Guarantees:
 * - the cipher and the raw key are the first statements on the connection, so nothing is read or written in the clear;
 * - an existing file that the key does not open throws a `StationDbError` ('station-db-key-wrong' when the file looks
 *   like one of our encrypted databases, 'station-db-unreadable' when it is truncated, plaintext or not a database)
 *   and is left byte for byte as it was: it is opened with `fileMustExist` and only read before the key is verified;
 * - the returned connection runs in WAL mode with `synchronous = FULL` (SQLite's default: a committed transaction
 *   survives a power cut, which matters for records entered offline), temporary tables and indices in memory, a
 *   64 MiB page cache and checkpoints every 10,000 WAL pages.
 */
export function openEncryptedDatabase(
  file: string,
  key: Uint8Array,
  cipher: DatabaseCipher = 'aegis-256',
): SqliteDatabase {
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new Error(`the station database key must be ${String(DATABASE_KEY_BYTES)} bytes`);
  }
  const fileName = basename(file);
  const existing = existsSync(file) ? inspectExistingFile(file) : 'absent';
  if (existing === 'unreadable') throw new StationDbError('station-db-unreadable', fileName);

  const ciphers =
    existing === 'encrypted' ? [cipher, ...DATABASE_CIPHERS.filter((c) => c !== cipher)] : [cipher];
  let db: SqliteDatabase | undefined;
  let failure: unknown;
  for (const candidate of ciphers) {
    try {
      db = openWithCipher(file, key, candidate, existing !== 'absent');
      break;
    } catch (error) {
      failure = error;
      // Another cipher can only help when this one failed to decrypt page 1 of one of our files.
      if (!(existing === 'encrypted' && sqliteErrorCode(error) === 'SQLITE_NOTADB')) break;
    }
  }
  if (db === undefined) {
    const code = sqliteErrorCode(failure);
    if (code === 'SQLITE_NOTADB' && existing === 'encrypted') {
      throw new StationDbError('station-db-key-wrong', fileName, { cause: failure });
    }
    throw new StationDbError('station-db-unreadable', fileName, { cause: failure });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('temp_store = MEMORY');
  db.pragma(`cache_size = -${String(CACHE_KIB)}`);
  db.pragma(`wal_autocheckpoint = ${String(WAL_AUTOCHECKPOINT_PAGES)}`);
  db.pragma(`journal_size_limit = ${String(WAL_SIZE_LIMIT_BYTES)}`);
  return db;
}

/** A connection whose first read (page 1) succeeded with `cipher` and `key`; throws SQLite's error otherwise. */
function openWithCipher(
  file: string,
  key: Uint8Array,
  cipher: DatabaseCipher,
  mustExist: boolean,
): SqliteDatabase {
  const db = new Database(file, { fileMustExist: mustExist });
  try {
    if (cipher === 'aegis-256') {
      db.pragma("cipher = 'aegis'");
      db.pragma("algorithm = 'aegis-256'");
    } else {
      db.pragma("cipher = 'chacha20'");
    }
    db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
    // The first read decrypts page 1: a wrong key or a damaged file fails here, before any write.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
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
