import { rmSync } from 'node:fs';
import type { EventBulk, RxDocumentData, RxJsonSchema, RxStorageChangeEvent } from 'rxdb';
import { Subject } from 'rxjs';
import { CollectionTable, ensureFileTables } from './collection-table.ts';
import type { SqliteDatabase, SqliteStatement } from './open-encrypted-database.ts';
import { WriteGate } from './write-gate.ts';

/** Checkpoint of this storage: the file's write counter value of the last row a reader has seen. */
export type SqliteCheckpoint = { readonly seq: number };

export type SqliteChangeBulk<RxDocType> = EventBulk<
  RxStorageChangeEvent<RxDocumentData<RxDocType>>,
  SqliteCheckpoint
>;

/**
 * What every open storage instance of one collection table shares: the prepared table and the change stream, so a
 * write through one instance is seen by the others (as RxDB's memory storage does).
 */
export type SharedCollection<RxDocType> = {
  readonly table: CollectionTable<RxDocType>;
  readonly changes$: Subject<SqliteChangeBulk<RxDocType>>;
  refs: number;
  removed: boolean;
};

/**
 * One open database file, shared by every storage instance of one RxDB database name and reference-counted: the
 * connection closes when the last instance closes. When the last collection table of the file has been removed
 * (RxDB's `remove()` of the whole database), closing also deletes the file.
 */
export class DatabaseFile {
  private refs = 0;
  private removedTables = false;
  private readonly collections = new Map<string, SharedCollection<unknown>>();
  private readonly readCounter: SqliteStatement<[], number>;
  private readonly writeCounter: SqliteStatement<[number]>;
  /** Every write to this file goes through the gate: one writer, or one group of writes, at a time. */
  readonly gate: WriteGate;

  constructor(
    readonly path: string,
    readonly db: SqliteDatabase,
    private readonly onClosed: () => void,
  ) {
    ensureFileTables(db);
    this.gate = new WriteGate(db);
    this.readCounter = db.prepare<[], number>("SELECT value FROM rx_meta WHERE key = 'write-seq'").pluck();
    this.writeCounter = db.prepare<[number]>("UPDATE rx_meta SET value = ? WHERE key = 'write-seq'");
  }

  /** Opens (creating or re-keying as needed) a collection table and takes one reference on it and on the file. */
  acquire<RxDocType>(
    tableName: string,
    collectionName: string,
    schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  ): SharedCollection<RxDocType> {
    let shared = this.collections.get(tableName) as SharedCollection<RxDocType> | undefined;
    if (shared === undefined) {
      shared = {
        table: new CollectionTable(this.db, tableName, schema, collectionName),
        changes$: new Subject(),
        refs: 0,
        removed: false,
      };
      this.collections.set(tableName, shared as SharedCollection<unknown>);
    }
    shared.refs++;
    this.refs++;
    return shared;
  }

  /** Drops a collection's tables; instances still holding it must fail from now on. */
  removeTable<RxDocType>(shared: SharedCollection<RxDocType>): void {
    this.db.transaction(() => {
      shared.table.drop();
    })();
    shared.removed = true;
    this.removedTables = true;
    if (this.collections.get(shared.table.table) === (shared as SharedCollection<unknown>)) {
      this.collections.delete(shared.table.table);
    }
  }

  /** Gives back the reference `acquire` took. */
  release<RxDocType>(shared: SharedCollection<RxDocType>): void {
    shared.refs--;
    if (shared.refs === 0) {
      shared.changes$.complete();
      if (this.collections.get(shared.table.table) === (shared as SharedCollection<unknown>)) {
        this.collections.delete(shared.table.table);
      }
    }
    this.refs--;
    if (this.refs > 0) return;
    const empty = this.removedTables && this.tableCount() === 0;
    this.db.close();
    this.onClosed();
    if (empty) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.path}${suffix}`, { force: true });
    }
  }

  /** Closes the connection when no instance holds it (after a failed `acquire`). */
  closeIfUnused(): void {
    if (this.refs > 0) return;
    this.db.close();
    this.onClosed();
  }

  /**
   * Writes a transaction-consistent snapshot of the database (every committed write, WAL included) into
   * `destination`, which must not exist, with `VACUUM INTO`. SQLite3MultipleCiphers attaches the output with a copy of
   * this connection's codec, so the copy is encrypted with the same cipher and key; better-sqlite3's page-copy
   * `backup()` cannot be used, as it refuses an encrypted source ("incompatible source and target databases").
   * Runs synchronously, so no write of this connection lands in the middle of it.
   */
  copyInto(destination: string): void {
    this.db.prepare<[string]>('VACUUM INTO ?').run(destination);
  }

  /** Last value of the file's write counter; call inside the write transaction that will store the next one. */
  lastSeq(): number {
    return this.readCounter.get() ?? 0;
  }

  storeSeq(seq: number): void {
    this.writeCounter.run(seq);
  }

  private tableCount(): number {
    return this.db.prepare<[], number>('SELECT count(*) FROM rx_tables').pluck().get() ?? 0;
  }
}
