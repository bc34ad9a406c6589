import {
  categorizeBulkWriteRows,
  getPrimaryFieldOfPrimaryKey,
  getQueryMatcher,
  getSortComparator,
  type BulkWriteRow,
  type CategorizeBulkWriteRowsOutput,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageBulkWriteResponse,
  type RxStorageCountResult,
  type RxStorageInstance,
  type RxStorageQueryResult,
  type StringKeys,
} from 'rxdb';
import type { Observable } from 'rxjs';
import type { RangeBounds } from './collection-table.ts';
import type { DatabaseFile, SharedCollection, SqliteChangeBulk, SqliteCheckpoint } from './database-file.ts';
import type { IndexColumn } from './index-column.ts';

/** What `internals` exposes of an instance: where its rows live. */
export type SqliteStorageInternals = { readonly file: string; readonly table: string };

/** This storage takes no per-collection options yet. */
export type SqliteInstanceCreationOptions = Readonly<Record<string, never>>;

export type SqliteInstanceSettings = {
  /** RxDB's clock (`now()` from rxdb): `cleanup` compares it with `_meta.lwt`, which RxDB stamps with it. */
  readonly now: () => number;
  /** Tombstones purged per `cleanup()` call; `cleanup` returns false while a full batch was purged. */
  readonly cleanupBatchSize: number;
};

type WriteOutcome<RxDocType> = {
  readonly categorized: CategorizeBulkWriteRowsOutput<RxDocType>;
  readonly seq: number;
};

/**
 * One RxDB collection (at one schema version) in the station's encrypted SQLite file.
 *
 * - `bulkWrite` is one synchronous `BEGIN IMMEDIATE` transaction: read the stored versions of the written ids,
 *   detect conflicts with RxDB's `categorizeBulkWriteRows` (`_rev` of `previous` against the stored `_rev`), write
 *   each row with the next value of the file's write counter, apply attachment changes. Parallel calls cannot
 *   interleave. The change event is emitted before the returned promise resolves, only when something was written.
 *   Inside a group of writes (`SqliteRxStorage.writeTogether`) it is a savepoint of the group's transaction, and its
 *   change event waits for the group's commit; outside one, it waits for a running group to end.
 * - `query`/`count` scan the index column RxDB's query planner chose between the planned bounds; RxDB's matcher and
 *   sort comparator are the final word whenever the plan does not fully satisfy the selector or the sort.
 * - `getChangedDocumentsSince` pages through the write counter (`{ seq }` checkpoints): never wall-clock time, so a
 *   clock set back cannot hide a write, and every row is returned once in write order. It never reads a group of
 *   writes that has not committed.
 */
export class SqliteRxStorageInstance<RxDocType> implements RxStorageInstance<
  RxDocType,
  SqliteStorageInternals,
  SqliteInstanceCreationOptions,
  SqliteCheckpoint
> {
  readonly primaryPath: StringKeys<RxDocumentData<RxDocType>>;
  readonly internals: SqliteStorageInternals;
  private closed: Promise<void> | undefined;
  private readonly writeTransaction: (
    rows: BulkWriteRow<RxDocType>[],
    context: string,
    bodies: ReadonlyMap<Blob, Buffer>,
  ) => WriteOutcome<RxDocType>;

  constructor(
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
    readonly options: SqliteInstanceCreationOptions,
    private readonly file: DatabaseFile,
    private readonly shared: SharedCollection<RxDocType>,
    private readonly settings: SqliteInstanceSettings,
  ) {
    this.primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey);
    this.internals = { file: file.path, table: shared.table.table };
    const transaction = file.db.transaction(this.writeRows.bind(this));
    this.writeTransaction = (rows, context, bodies) => transaction.immediate(rows, context, bodies);
  }

  async bulkWrite(
    rows: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    this.ensureOpen();
    // Attachment bodies are read before the transaction: a synchronous transaction cannot span an await.
    const bodies = this.schema.attachments ? await readAttachmentBodies(rows) : NO_BODIES;
    const { categorized, seq } = await this.file.gate.alone(() => {
      this.ensureOpen();
      return this.writeTransaction(rows, context, bodies);
    });
    if (categorized.eventBulk.events.length > 0) {
      const bulk = categorized.eventBulk as SqliteChangeBulk<RxDocType>;
      bulk.checkpoint = { seq };
      const notify = () => {
        this.shared.changes$.next(bulk);
      };
      // Inside a group of writes, listeners hear of this one only once the group has committed.
      const group = this.file.gate.currentGroup();
      if (group === undefined) notify();
      else group.afterCommit.push(notify);
    }
    return { error: categorized.errors };
  }

  async findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    this.ensureOpen();
    return this.shared.table.findByIds(ids, withDeleted).map(parseDocument<RxDocType>);
  }

  async query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    this.ensureOpen();
    const { query, queryPlan } = preparedQuery;
    const skip = query.skip;
    const limit = typeof query.limit === 'number' ? query.limit : Infinity;
    const column = this.shared.table.indexColumns.get(queryPlan.index.join(','));
    // An index this table does not have (a query naming its own `index`): scan and let RxDB decide everything.
    const selectorSatisfied = column !== undefined && queryPlan.selectorSatisfiedByIndex;
    const sortSatisfied = column !== undefined && queryPlan.sortSatisfiedByIndex;

    if (column !== undefined && selectorSatisfied && sortSatisfied) {
      const page = { limit: Number.isFinite(limit) ? limit : -1, offset: skip };
      const documents = [...this.shared.table.range(column, this.bounds(column, preparedQuery), page)];
      return { documents: documents.map(parseDocument<RxDocType>) };
    }

    const matcher = selectorSatisfied ? undefined : getQueryMatcher(this.schema, query);
    const rows =
      column === undefined
        ? this.shared.table.scan()
        : this.shared.table.range(column, this.bounds(column, preparedQuery));
    let documents: RxDocumentData<RxDocType>[] = [];
    for (const json of rows) {
      const doc = parseDocument<RxDocType>(json);
      if (matcher !== undefined && !matcher(doc)) continue;
      documents.push(doc);
      if (sortSatisfied && documents.length >= skip + limit) break;
    }
    if (!sortSatisfied) documents.sort(getSortComparator(this.schema, query));
    if (skip > 0 || documents.length > skip + limit) documents = documents.slice(skip, skip + limit);
    return { documents };
  }

  async count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    this.ensureOpen();
    const column = this.shared.table.indexColumns.get(preparedQuery.queryPlan.index.join(','));
    if (column !== undefined && preparedQuery.queryPlan.selectorSatisfiedByIndex) {
      return {
        count: this.shared.table.rangeCount(column, this.bounds(column, preparedQuery)),
        mode: 'fast',
      };
    }
    const matcher = getQueryMatcher(this.schema, preparedQuery.query);
    const rows =
      column === undefined
        ? this.shared.table.scan()
        : this.shared.table.range(column, this.bounds(column, preparedQuery));
    let count = 0;
    for (const json of rows) if (matcher(parseDocument<RxDocType>(json))) count++;
    return { count, mode: 'slow' };
  }

  async getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    this.ensureOpen();
    const stored = this.shared.table.getAttachment(documentId, attachmentId);
    if (stored === undefined || digest === '' || stored.digest !== digest) {
      throw new Error(`attachment does not exist: ${documentId}||${attachmentId}`);
    }
    return new Blob([new Uint8Array(stored.data)], { type: stored.type });
  }

  async getChangedDocumentsSince(
    limit: number,
    checkpoint?: SqliteCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: SqliteCheckpoint }> {
    this.ensureOpen();
    // A checkpoint from another storage (RxDB's `{ id, lwt }`) has no `seq`: start over rather than skip anything.
    const after = typeof checkpoint?.seq === 'number' ? checkpoint.seq : 0;
    // Never rows of a group of writes still running elsewhere: it may roll back and its sequence numbers be reused.
    const rows = await this.file.gate.alone(() => {
      this.ensureOpen();
      return this.shared.table.changedAfter(after, limit);
    });
    const last = rows.at(-1);
    return {
      documents: rows.map((row) => parseDocument<RxDocType>(row.data)),
      checkpoint: last === undefined ? (checkpoint ?? { seq: 0 }) : { seq: last.seq },
    };
  }

  changeStream(): Observable<SqliteChangeBulk<RxDocType>> {
    this.ensureOpen();
    return this.shared.changes$.asObservable();
  }

  async cleanup(minimumDeletedTime: number): Promise<boolean> {
    this.ensureOpen();
    const maxLwt = this.settings.now() - minimumDeletedTime;
    const batch = this.settings.cleanupBatchSize;
    const purged = await this.file.gate.alone(() => {
      this.ensureOpen();
      return this.file.db.transaction(() => this.shared.table.purgeTombstones(maxLwt, batch)).immediate();
    });
    return purged < batch;
  }

  close(): Promise<void> {
    if (this.closed === undefined) {
      this.closed = Promise.resolve();
      this.file.release(this.shared);
    }
    return this.closed;
  }

  async remove(): Promise<void> {
    this.ensureOpen();
    await this.file.gate.alone(() => {
      this.file.removeTable(this.shared);
    });
    await this.close();
  }

  private ensureOpen(): void {
    if (this.closed !== undefined) {
      throw new Error(`storage instance ${this.collectionName} of ${this.databaseName} is closed`);
    }
    if (this.shared.removed) {
      throw new Error(`storage instance ${this.collectionName} of ${this.databaseName} was removed`);
    }
  }

  private bounds(column: IndexColumn<RxDocType>, { queryPlan }: PreparedQuery<RxDocType>): RangeBounds {
    return {
      lower: column.lowerKey(queryPlan.startKeys),
      upper: column.upperKey(queryPlan.endKeys),
      inclusiveStart: queryPlan.inclusiveStart,
      inclusiveEnd: queryPlan.inclusiveEnd,
    };
  }

  /** The body of `bulkWrite`'s transaction. */
  private writeRows(
    rows: BulkWriteRow<RxDocType>[],
    context: string,
    bodies: ReadonlyMap<Blob, Buffer>,
  ): WriteOutcome<RxDocType> {
    const primaryPath = this.primaryPath;
    const table = this.shared.table;
    const ids = rows.map((row) => row.document[primaryPath] as string);
    const docsInDb = new Map<string, RxDocumentData<RxDocType>>();
    for (const json of table.findByIds(ids, true)) {
      const doc = parseDocument<RxDocType>(json);
      docsInDb.set(doc[primaryPath] as string, doc);
    }
    const categorized = categorizeBulkWriteRows<RxDocType>(
      this,
      primaryPath as StringKeys<RxDocType>,
      docsInDb,
      rows,
      context,
    );
    let seq = this.file.lastSeq();
    for (const row of categorized.bulkInsertDocs)
      table.upsert(row.document, row.document[primaryPath] as string, ++seq);
    for (const row of categorized.bulkUpdateDocs)
      table.upsert(row.document, row.document[primaryPath] as string, ++seq);
    for (const att of [...categorized.attachmentsAdd, ...categorized.attachmentsUpdate]) {
      const data = bodies.get(att.attachmentData.data);
      if (data === undefined)
        throw new Error(`attachment body was not read: ${att.documentId}||${att.attachmentId}`);
      table.putAttachment(att.documentId, att.attachmentId, {
        digest: att.digest,
        type: att.attachmentData.type,
        data,
      });
    }
    for (const att of categorized.attachmentsRemove) table.removeAttachment(att.documentId, att.attachmentId);
    this.file.storeSeq(seq);
    return { categorized, seq };
  }
}

const NO_BODIES: ReadonlyMap<Blob, Buffer> = new Map();

function parseDocument<RxDocType>(json: string): RxDocumentData<RxDocType> {
  return JSON.parse(json) as RxDocumentData<RxDocType>;
}

/** Reads every attachment body (a Blob) the rows carry, keyed by the Blob itself. */
async function readAttachmentBodies<RxDocType>(
  rows: readonly BulkWriteRow<RxDocType>[],
): Promise<Map<Blob, Buffer>> {
  const blobs = new Set<Blob>();
  for (const row of rows) {
    for (const attachment of Object.values(row.document._attachments)) {
      if ('data' in attachment) blobs.add(attachment.data);
    }
  }
  const entries = await Promise.all(
    [...blobs].map(async (blob) => [blob, Buffer.from(await blob.arrayBuffer())] as const),
  );
  return new Map(entries);
}
