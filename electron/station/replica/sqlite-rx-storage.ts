import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ensureRxStorageInstanceParamsAreCorrect,
  now,
  RXDB_VERSION,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { DatabaseFile } from './database-file.ts';
import {
  DATABASE_KEY_BYTES,
  openEncryptedDatabase,
  unreadableOrSame,
  type DatabaseCipher,
} from './open-encrypted-database.ts';
import {
  SqliteRxStorageInstance,
  type SqliteInstanceCreationOptions,
  type SqliteStorageInternals,
} from './sqlite-rx-storage-instance.ts';
import { databaseFileName, documentTableName } from './sqlite-names.ts';
import { StationDbError } from './station-db-error.ts';

export type SqliteRxStorageOptions = {
  /** Folder holding one encrypted database file per RxDB database name (created if missing). */
  readonly directory: string;
  /** The 32-byte database key (raw, not a passphrase). The storage keeps its own copy. */
  readonly key: Uint8Array;
  /** RxDB's clock; `cleanup(minimumDeletedTime)` purges tombstones older than `now() - minimumDeletedTime`. */
  readonly now?: () => number;
  /** Tombstones purged per `cleanup()` call (default 500). */
  readonly cleanupBatchSize?: number;
  /**
   * Page cipher of new files (default AEGIS-256; ChaCha20-Poly1305 is faster on a CPU without AES instructions).
   * Existing files open with the cipher they were written with.
   */
  readonly cipher?: DatabaseCipher;
};

export type SqliteRxStorage = Omit<
  RxStorage<SqliteStorageInternals, SqliteInstanceCreationOptions>,
  'createStorageInstance'
> & {
  createStorageInstance<RxDocType>(
    params: RxStorageInstanceCreationParams<RxDocType, SqliteInstanceCreationOptions>,
  ): Promise<SqliteRxStorageInstance<RxDocType>>;
  /**
   * Online backup of the OPEN database `databaseName` into `destinationFile` (which must not exist; its folder must),
   * while RxDB keeps using it: a snapshot of every committed write (each `bulkWrite` is in it whole or not at all),
   * whole-file encrypted with the same key and cipher as the original, flushed to disk before the promise resolves.
   * Rejects with a `StationDbError` 'station-db-closed' when no instance of that database is open in this storage;
   * SQLite's errors (SQLITE_FULL, SQLITE_CANTOPEN, …) pass through unchanged. Blocks the thread while it copies
   * (roughly 50 ms per 10 MB of database in our measurement).
   */
  backupDatabase(databaseName: string, destinationFile: string): Promise<DatabaseBackup>;
  /**
   * Runs `run` with every write it makes to the OPEN database `databaseName`, across all its collections, in one
   * SQLite transaction: all of them are committed when `run` resolves, none when it throws or the process dies first.
   * Other writes to that database wait until it ends; change events of its writes are emitted after the commit.
   * Rejects with a `StationDbError` 'station-db-closed' when no instance of that database is open in this storage.
   */
  writeTogether<T>(databaseName: string, run: () => Promise<T>): Promise<T>;
};

export type DatabaseBackup = { readonly bytes: number };

/**
 * An RxStorage on whole-file encrypted SQLite (better-sqlite3-multiple-ciphers) for the station replica.
 *
 * Each RxDB database name is one file in `directory`; every collection of that database shares the file's single
 * connection, which closes when its last instance closes. Opening a file the key does not decrypt, or a damaged one,
 * rejects with a `StationDbError` ('station-db-key-wrong' / 'station-db-unreadable') and leaves the file untouched.
 * The storage is for one process (RxDB `multiInstance: false`): change events reach the instances of this storage
 * object only. Everything runs synchronously on the calling thread, so run it off the UI thread.
 */
export function getRxStorageSqlite(options: SqliteRxStorageOptions): SqliteRxStorage {
  if (options.key.length !== DATABASE_KEY_BYTES) {
    throw new Error(`the station database key must be ${String(DATABASE_KEY_BYTES)} bytes`);
  }
  const key = Uint8Array.from(options.key);
  const settings = { now: options.now ?? now, cleanupBatchSize: options.cleanupBatchSize ?? 500 };
  const files = new Map<string, DatabaseFile>();

  return {
    name: 'hssk-sqlite',
    rxdbVersion: RXDB_VERSION,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, SqliteInstanceCreationOptions>,
    ): Promise<SqliteRxStorageInstance<RxDocType>> {
      ensureRxStorageInstanceParamsAreCorrect(params);
      const path = join(options.directory, databaseFileName(params.databaseName));
      const tableName = documentTableName(params.collectionName, params.schema.version);
      let file = files.get(path);
      if (file === undefined) {
        mkdirSync(options.directory, { recursive: true, mode: 0o700 });
        // SQLite would create the file 0644 under the usual umask, and its -wal/-shm files copy the file's mode.
        closeSync(openSync(path, 'a', 0o600));
        chmodSync(path, 0o600);
        const db = openEncryptedDatabase(path, key, options.cipher);
        try {
          file = new DatabaseFile(path, db, () => files.delete(path));
        } catch (error) {
          db.close();
          throw unreadableOrSame(error, path);
        }
        files.set(path, file);
      }
      let shared;
      try {
        shared = file.acquire(tableName, params.collectionName, params.schema);
      } catch (error) {
        file.closeIfUnused();
        throw error;
      }
      return new SqliteRxStorageInstance(
        params.databaseName,
        params.collectionName,
        params.schema,
        params.options,
        file,
        shared,
        settings,
      );
    },
    async backupDatabase(databaseName: string, destinationFile: string): Promise<DatabaseBackup> {
      const fileName = databaseFileName(databaseName);
      const file = files.get(join(options.directory, fileName));
      if (file === undefined) throw new StationDbError('station-db-closed', fileName);
      if (existsSync(destinationFile)) {
        throw new Error(`backup destination already exists: ${destinationFile}`);
      }
      // VACUUM INTO cannot run inside a transaction: the copy waits for a running group of writes to end.
      await file.gate.alone(() => {
        file.copyInto(destinationFile);
      });
      // Flushed here whatever `synchronous` says: a backup on a USB disk must survive being unplugged.
      const handle = await open(destinationFile, 'r+');
      try {
        await handle.sync();
        return { bytes: (await handle.stat()).size };
      } finally {
        await handle.close();
      }
    },
    async writeTogether<T>(databaseName: string, run: () => Promise<T>): Promise<T> {
      const fileName = databaseFileName(databaseName);
      const file = files.get(join(options.directory, fileName));
      if (file === undefined) throw new StationDbError('station-db-closed', fileName);
      return file.gate.together(run);
    },
  };
}
