import {
  getPrimaryFieldOfPrimaryKey,
  getSchemaByObjectPath,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { indexColumns, type IndexColumn } from './index-column.ts';
import { INDEX_KEY_ENCODING } from './index-key.ts';
import type { SqliteDatabase, SqliteStatement } from './open-encrypted-database.ts';

/**
 * Names the table layout in each table's signature: a table written with another layout is rebuilt from its rows'
 * `id`, `seq`, `deleted`, `lwt` and `data`, the columns every layout has had.
 */
const TABLE_LAYOUT = 'seq-rowid-v2';

export type RangeBounds = {
  readonly lower: Buffer;
  readonly upper: Buffer;
  readonly inclusiveStart: boolean;
  readonly inclusiveEnd: boolean;
};

export type StoredAttachment = { readonly digest: string; readonly type: string; readonly data: Buffer };

export type ChangedRow = { readonly seq: number; readonly data: string };

type Statement<P extends unknown[], R = unknown> = SqliteStatement<P, R>;

/**
 * Creates the tables every database file needs (the write counter, the list of collection tables), or reads both
 * when they exist, so that a damaged page among them fails here, before anything is written.
 */
export function ensureFileTables(db: SqliteDatabase): void {
  const present = db
    .prepare<[], string>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('rx_meta', 'rx_tables')",
    )
    .pluck()
    .all();
  if (present.length === 2) {
    db.prepare('SELECT * FROM rx_meta').all();
    db.prepare('SELECT * FROM rx_tables').all();
    return;
  }
  db.exec(`CREATE TABLE IF NOT EXISTS rx_meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS rx_tables (
      name TEXT PRIMARY KEY NOT NULL, collection TEXT NOT NULL, version INTEGER NOT NULL, signature TEXT NOT NULL
    );
    INSERT OR IGNORE INTO rx_meta (key, value) VALUES ('write-seq', 0);`);
}

/**
 * The SQL side of one collection at one schema version: a document table with one row per document (tombstones
 * included) and an attachment table. Columns: `seq` (the file's write counter when the row was last written; the
 * rowid, so rows lie in write order and a new row is appended), `id` (unique), `deleted`, `lwt` (`_meta.lwt`, REAL
 * because it has decimals), `ix0…ixN` (one per index column, see `index-column.ts`) and `data` (the document JSON,
 * attachment stubs without bodies). Tombstones are indexed by `lwt` for cleanup. All statements are prepared once
 * here. Callers own transactions; every method is synchronous.
 */
export class CollectionTable<RxDocType> {
  readonly indexColumns: ReadonlyMap<string, IndexColumn<RxDocType>>;
  private readonly attTable: string;
  private readonly rangeStatements = new Map<string, Statement<unknown[]>>();
  private readonly byIds: Statement<[string], string>;
  private readonly liveByIds: Statement<[string], string>;
  private readonly upsertRow: Statement<unknown[]>;
  private readonly all: Statement<[], string>;
  private readonly changedSince: Statement<[number, number], ChangedRow>;
  private readonly purgeable: Statement<[number, number], string>;
  private readonly deleteDocs: Statement<[string]>;
  private readonly deleteAttsOfDocs: Statement<[string]>;
  private readonly putAtt: Statement<[string, string, string, string, Buffer]>;
  private readonly deleteAtt: Statement<[string, string]>;
  private readonly getAtt: Statement<[string, string], StoredAttachment>;

  constructor(
    private readonly db: SqliteDatabase,
    readonly table: string,
    schema: RxJsonSchema<RxDocumentData<RxDocType>>,
    collectionName: string,
  ) {
    this.attTable = `${table}_att`;
    const columns = indexColumns(schema);
    this.indexColumns = new Map(columns.map((c) => [c.fields.join(','), c]));
    createOrMigrate(db, table, this.attTable, schema, collectionName, columns);

    const t = `"${table}"`;
    const a = `"${this.attTable}"`;
    const ix = columns.map((c) => c.column);
    this.byIds = this.prepare(`SELECT data FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`, true);
    this.liveByIds = this.prepare(
      `SELECT data FROM ${t} WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0`,
      true,
    );
    this.upsertRow = this.prepare(
      `INSERT INTO ${t} (id, seq, deleted, lwt, data${ix.map((c) => `, ${c}`).join('')})
       VALUES (?, ?, ?, ?, ?${ix.map(() => ', ?').join('')})
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, lwt = excluded.lwt,
       data = excluded.data${ix.map((c) => `, ${c} = excluded.${c}`).join('')}`,
    );
    this.all = this.prepare(`SELECT data FROM ${t}`, true);
    this.changedSince = this.prepare(`SELECT seq, data FROM ${t} WHERE seq > ? ORDER BY seq LIMIT ?`);
    this.purgeable = this.prepare(
      `SELECT id FROM ${t} WHERE deleted = 1 AND lwt <= ? ORDER BY lwt LIMIT ?`,
      true,
    );
    this.deleteDocs = this.prepare(`DELETE FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`);
    this.deleteAttsOfDocs = this.prepare(`DELETE FROM ${a} WHERE doc_id IN (SELECT value FROM json_each(?))`);
    this.putAtt = this.prepare(
      `INSERT INTO ${a} (doc_id, att_id, digest, type, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (doc_id, att_id) DO UPDATE SET digest = excluded.digest, type = excluded.type, data = excluded.data`,
    );
    this.deleteAtt = this.prepare(`DELETE FROM ${a} WHERE doc_id = ? AND att_id = ?`);
    this.getAtt = this.prepare(`SELECT digest, type, data FROM ${a} WHERE doc_id = ? AND att_id = ?`);
  }

  /** Document JSON of the given ids (any order); tombstones only when `withDeleted`. */
  findByIds(ids: readonly string[], withDeleted: boolean): string[] {
    if (ids.length === 0) return [];
    return (withDeleted ? this.byIds : this.liveByIds).all(JSON.stringify(ids));
  }

  /** Inserts or replaces one document row, stamped with the write counter value `seq`. */
  upsert(doc: RxDocumentData<RxDocType>, id: string, seq: number): void {
    const keys: Buffer[] = [];
    for (const c of this.indexColumns.values()) keys.push(c.keyOf(doc));
    this.upsertRow.run(id, seq, doc._deleted ? 1 : 0, doc._meta.lwt, JSON.stringify(doc), ...keys);
  }

  /** Document JSON of the rows whose `column` key lies within `bounds`, in key order; `page` is pushed into SQL. */
  range(
    column: IndexColumn<RxDocType>,
    bounds: RangeBounds,
    page?: { readonly limit: number; readonly offset: number },
  ): IterableIterator<string> {
    const statement = this.rangeStatement('rows', column.column, bounds, page !== undefined);
    const params: unknown[] = [bounds.lower, bounds.upper];
    if (page) params.push(page.limit, page.offset);
    return statement.iterate(...params) as IterableIterator<string>;
  }

  /** Number of rows whose `column` key lies within `bounds`. */
  rangeCount(column: IndexColumn<RxDocType>, bounds: RangeBounds): number {
    const statement = this.rangeStatement('count', column.column, bounds, false);
    return statement.get(bounds.lower, bounds.upper) as number;
  }

  /** Every document row, in no particular order (queries on an index this table does not have). */
  scan(): IterableIterator<string> {
    return this.all.iterate();
  }

  /** Up to `limit` rows written after write counter value `afterSeq`, in write order. */
  changedAfter(afterSeq: number, limit: number): ChangedRow[] {
    return this.changedSince.all(afterSeq, limit);
  }

  /** Deletes up to `limit` tombstones with `lwt <= maxLwt` (oldest first) and their attachments; returns how many. */
  purgeTombstones(maxLwt: number, limit: number): number {
    const ids = this.purgeable.all(maxLwt, limit);
    if (ids.length === 0) return 0;
    const json = JSON.stringify(ids);
    this.deleteAttsOfDocs.run(json);
    this.deleteDocs.run(json);
    return ids.length;
  }

  putAttachment(docId: string, attachmentId: string, attachment: StoredAttachment): void {
    this.putAtt.run(docId, attachmentId, attachment.digest, attachment.type, attachment.data);
  }

  removeAttachment(docId: string, attachmentId: string): void {
    this.deleteAtt.run(docId, attachmentId);
  }

  getAttachment(docId: string, attachmentId: string): StoredAttachment | undefined {
    return this.getAtt.get(docId, attachmentId);
  }

  /** Drops both tables and forgets them in `rx_tables`. */
  drop(): void {
    this.db.exec(`DROP TABLE IF EXISTS "${this.table}"; DROP TABLE IF EXISTS "${this.attTable}";`);
    this.db.prepare('DELETE FROM rx_tables WHERE name = ?').run(this.table);
  }

  private rangeStatement(
    kind: 'rows' | 'count',
    column: string,
    bounds: RangeBounds,
    paged: boolean,
  ): Statement<unknown[]> {
    const key = `${kind}|${column}|${String(bounds.inclusiveStart)}|${String(bounds.inclusiveEnd)}|${String(paged)}`;
    let statement = this.rangeStatements.get(key);
    if (statement === undefined) {
      const where = `${column} ${bounds.inclusiveStart ? '>=' : '>'} ? AND ${column} ${bounds.inclusiveEnd ? '<=' : '<'} ?`;
      const sql =
        kind === 'count'
          ? `SELECT count(*) FROM "${this.table}" WHERE ${where}`
          : `SELECT data FROM "${this.table}" WHERE ${where} ORDER BY ${column}${paged ? ' LIMIT ? OFFSET ?' : ''}`;
      statement = this.prepare(sql, true);
      this.rangeStatements.set(key, statement);
    }
    return statement;
  }

  private prepare<P extends unknown[], R = unknown>(sql: string, pluck = false): Statement<P, R> {
    const statement = this.db.prepare<P, R>(sql);
    if (pluck) statement.pluck();
    return statement;
  }
}

/**
 * What the stored index keys depend on: their byte encoding, the primary key and, per index field, the schema parts
 * that shape its indexable string. A table whose signature differs from the one it is opened with gets its keys
 * rebuilt.
 */
function tableSignature<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  indexes: string[][],
): string {
  return JSON.stringify({
    layout: TABLE_LAYOUT,
    keyEncoding: INDEX_KEY_ENCODING,
    primaryKey: getPrimaryFieldOfPrimaryKey(schema.primaryKey),
    indexes: indexes.map((fields) =>
      fields.map((field) => {
        const part = getSchemaByObjectPath(schema, field);
        return [field, part.type, part.maxLength, part.minimum, part.maximum, part.multipleOf];
      }),
    ),
  });
}

function createOrMigrate<RxDocType>(
  db: SqliteDatabase,
  table: string,
  attTable: string,
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  collectionName: string,
  columns: readonly IndexColumn<RxDocType>[],
): void {
  const signature = tableSignature(
    schema,
    columns.map((c) => [...c.fields]),
  );
  const stored = db.prepare('SELECT signature FROM rx_tables WHERE name = ?').pluck().get(table) as
    string | undefined;
  if (stored === signature) return;

  const createDocTable = (name: string): string =>
    `CREATE TABLE "${name}" (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, deleted INTEGER NOT NULL,
      lwt REAL NOT NULL${columns.map((c) => `, ${c.column} BLOB NOT NULL`).join('')}, data TEXT NOT NULL);`;
  const createIndexes = columns
    .map((c) => `CREATE INDEX "${table}_${c.column}" ON "${table}" (${c.column});`)
    .concat(`CREATE INDEX "${table}_tombstones" ON "${table}" (lwt) WHERE deleted = 1;`)
    .join('\n');

  db.transaction(() => {
    if (stored === undefined) {
      db.exec(`DROP TABLE IF EXISTS "${table}"; ${createDocTable(table)} ${createIndexes}
        CREATE TABLE IF NOT EXISTS "${attTable}" (doc_id TEXT NOT NULL, att_id TEXT NOT NULL, digest TEXT NOT NULL,
          type TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_id, att_id));`);
    } else {
      // Same collection and version opened with other index definitions: rebuild every key from the stored JSON.
      const rebuilt = `${table}_rebuild`;
      db.exec(createDocTable(rebuilt));
      const insert = db.prepare(
        `INSERT INTO "${rebuilt}" (id, seq, deleted, lwt, data${columns.map((c) => `, ${c.column}`).join('')})
         VALUES (?, ?, ?, ?, ?${columns.map(() => ', ?').join('')})`,
      );
      // Read everything first: better-sqlite3 refuses writes while a statement is still iterating.
      const rows = db
        .prepare<[], [string, number, number, number, string]>(
          `SELECT id, seq, deleted, lwt, data FROM "${table}"`,
        )
        .raw()
        .all();
      for (const [id, seq, deleted, lwt, data] of rows) {
        const doc = JSON.parse(data) as RxDocumentData<RxDocType>;
        insert.run(id, seq, deleted, lwt, data, ...columns.map((c) => c.keyOf(doc)));
      }
      db.exec(`DROP TABLE "${table}"; ALTER TABLE "${rebuilt}" RENAME TO "${table}"; ${createIndexes}`);
    }
    db.prepare(
      `INSERT INTO rx_tables (name, collection, version, signature) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET signature = excluded.signature`,
    ).run(table, collectionName, schema.version, signature);
  }).immediate();
}
