import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbExecutor, Transaction } from '../../db/database.ts';
import { collectionSequences, documents, evictions } from '../../db/schema/replication.ts';
import { bytesColumn, numberColumn, rowsOf } from '../../db/sql-rows.ts';
import type { EvictionReason } from './eviction-reason.ts';

/**
 * Row access to the authoritative record (`documents`, `evictions`, `collection_sequences`). Bodies stay encrypted
 * here; callers decrypt with the `DocumentCipher`. Lock order, to stay free of deadlocks between concurrent pushes:
 * person rows first (sorted by id), then the rows of the pushed collection (sorted), then the sequence counters.
 */
export type StoredDocument = {
  readonly id: string;
  readonly seq: number;
  readonly scopeUnitId: string;
  readonly personId: string | null;
  readonly deleted: boolean;
  readonly keyId: string;
  readonly body: Uint8Array;
};

const storedColumns = {
  id: documents.id,
  seq: documents.seq,
  scopeUnitId: documents.scopeUnitId,
  personId: documents.personId,
  deleted: documents.deleted,
  keyId: documents.keyId,
  body: documents.body,
};

/** Locks (`FOR UPDATE`, in id order) and returns the stored rows of `ids`; absent ids are absent from the map. */
export async function lockDocuments(
  tx: Transaction,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, StoredDocument>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select(storedColumns)
    .from(documents)
    .where(and(eq(documents.collection, collection), inArray(documents.id, [...new Set(ids)])))
    .orderBy(asc(documents.id))
    .for('update');
  return new Map(rows.map((row) => [row.id, row]));
}

/** The person ids the stored rows of `ids` belong to, read without a lock (to lock those persons first). */
export async function personIdsOfDocuments(
  db: DbExecutor,
  collection: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ personId: documents.personId })
    .from(documents)
    .where(and(eq(documents.collection, collection), inArray(documents.id, [...new Set(ids)])));
  return rows.flatMap((row) => (row.personId === null ? [] : [row.personId]));
}

/**
 * Locks the person rows `FOR SHARE` (in id order) and returns each one's current scope. A person being moved by a
 * concurrent push holds its row `FOR UPDATE`, so a record written meanwhile waits and then sees the new scope.
 * `strength: 'update'` when the push may rewrite the persons themselves (a care relationship re-sequences them).
 */
export async function lockPersonScopes(
  tx: Transaction,
  personCollection: string,
  personIds: readonly string[],
  strength: 'share' | 'update' = 'share',
): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: documents.id, scopeUnitId: documents.scopeUnitId })
    .from(documents)
    .where(and(eq(documents.collection, personCollection), inArray(documents.id, [...new Set(personIds)])))
    .orderBy(asc(documents.id))
    .for(strength);
  return new Map(rows.map((row) => [row.id, row.scopeUnitId]));
}

/** A stored record of a person, with the collection it belongs to. */
export type StoredRecord = StoredDocument & { readonly collection: string };

/**
 * Locks, in one query, the records in `collections` of each person in `targets` whose scope is not the person's
 * (to move them with the person), in (collection, id) order.
 */
export async function lockRecordsOutsideScopes(
  tx: Transaction,
  collections: readonly string[],
  targets: ReadonlyMap<string, string>,
): Promise<StoredRecord[]> {
  if (collections.length === 0 || targets.size === 0) return [];
  const persons = [...targets.keys()];
  const units = persons.map((personId) => targets.get(personId) ?? '');
  const rows = rowsOf(
    await tx.execute(sql`
      select d.collection, d.id, d.seq, d.scope_unit_id, d.person_id, d.deleted, d.key_id, d.body
        from documents d
        join unnest(${sql.param(persons)}::text[], ${sql.param(units)}::text[]) as t(person_id, scope_unit_id)
          on d.person_id = t.person_id and d.scope_unit_id <> t.scope_unit_id
       where d.collection = any(${sql.param([...collections])}::text[])
       order by d.collection, d.id
         for update of d`),
  );
  return rows.map((row) => ({
    collection: String(row['collection']),
    id: String(row['id']),
    seq: numberColumn(row['seq']),
    scopeUnitId: String(row['scope_unit_id']),
    personId: typeof row['person_id'] === 'string' ? row['person_id'] : null,
    deleted: row['deleted'] === true,
    keyId: String(row['key_id']),
    body: bytesColumn(row['body']),
  }));
}

/** Locks every document of a person in `collection` (a person's own document has its id as `person_id`). */
export async function lockDocumentsOfPerson(
  tx: Transaction,
  collection: string,
  personId: string,
): Promise<StoredDocument[]> {
  return tx
    .select(storedColumns)
    .from(documents)
    .where(and(eq(documents.collection, collection), eq(documents.personId, personId)))
    .orderBy(asc(documents.id))
    .for('update');
}

/**
 * Reserves `count` consecutive sequence numbers of `collection` and returns the first. The counter row stays locked
 * until the transaction ends, so writers of a collection commit one after another and sequence order is commit
 * order: a client that pulled up to N never misses a change committed later with a number below N.
 */
export async function allocateSequence(tx: Transaction, collection: string, count: number): Promise<number> {
  const [row] = await tx
    .insert(collectionSequences)
    .values({ collection, lastSeq: count })
    .onConflictDoUpdate({
      target: collectionSequences.collection,
      set: { lastSeq: sql`${collectionSequences.lastSeq} + ${count}` },
    })
    .returning({ lastSeq: collectionSequences.lastSeq });
  if (!row) throw new Error('sequence allocation returned no row');
  return row.lastSeq - count + 1;
}

/** The last committed sequence number of `collection` (0 before its first write). */
export async function headSequence(db: DbExecutor, collection: string): Promise<number> {
  const [row] = await db
    .select({ lastSeq: collectionSequences.lastSeq })
    .from(collectionSequences)
    .where(eq(collectionSequences.collection, collection));
  return row?.lastSeq ?? 0;
}

export type DocumentWrite = {
  readonly id: string;
  readonly seq: number;
  readonly scopeUnitId: string;
  readonly personId: string | null;
  readonly deleted: boolean;
  readonly keyId: string;
  readonly body: Uint8Array;
};

/** Inserts or replaces documents (one row per id in `writes`). */
export async function upsertDocuments(
  tx: Transaction,
  collection: string,
  writes: readonly DocumentWrite[],
  at: Date,
): Promise<void> {
  if (writes.length === 0) return;
  await tx
    .insert(documents)
    .values(writes.map((w) => ({ collection, ...w, updatedAt: at })))
    .onConflictDoUpdate({
      target: [documents.collection, documents.id],
      set: {
        seq: sql`excluded.seq`,
        scopeUnitId: sql`excluded.scope_unit_id`,
        personId: sql`excluded.person_id`,
        deleted: sql`excluded.deleted`,
        keyId: sql`excluded.key_id`,
        body: sql`excluded.body`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/**
 * `allocateSequence` and `upsertDocuments` in one statement: the collection's next `writes.length` sequence numbers,
 * given to `writes` in order, and the rows stored. One round trip between taking the collection's sequence lock and
 * the rest of the transaction, which holds it until commit. Answers the first number.
 */
export async function allocateAndUpsertDocuments(
  tx: Transaction,
  collection: string,
  writes: readonly Omit<DocumentWrite, 'seq'>[],
  at: Date,
): Promise<number> {
  if (writes.length === 0) throw new Error('nothing to write');
  const n = writes.length;
  const values = sql.join(
    writes.map(
      (w, i) =>
        sql`(${w.id}::text, ${i}::int, ${w.scopeUnitId}::text, ${w.personId}::text, ${w.deleted}::boolean, ${w.keyId}::text, ${w.body}::bytea)`,
    ),
    sql`, `,
  );
  const rows = rowsOf(
    await tx.execute(sql`
      with allocated as (
        insert into collection_sequences (collection, last_seq) values (${collection}, ${n})
        on conflict (collection) do update set last_seq = collection_sequences.last_seq + ${n}
        returning last_seq - ${n} + 1 as first
      ), stored as (
        insert into documents (collection, id, seq, scope_unit_id, person_id, deleted, key_id, body, updated_at)
        select ${collection}, v.id, allocated.first + v.ord, v.scope_unit_id, v.person_id, v.deleted, v.key_id,
               v.body, ${at.toISOString()}::timestamptz
          from allocated, (values ${values}) as v(id, ord, scope_unit_id, person_id, deleted, key_id, body)
        on conflict (collection, id) do update set
          seq = excluded.seq, scope_unit_id = excluded.scope_unit_id, person_id = excluded.person_id,
          deleted = excluded.deleted, key_id = excluded.key_id, body = excluded.body, updated_at = excluded.updated_at
        returning 1
      )
      select first, (select count(*) from stored)::int as stored from allocated`),
  );
  const row = rows[0];
  if (row === undefined || numberColumn(row['stored']) !== n)
    throw new Error('sequenced write stored no rows');
  return numberColumn(row['first']);
}

export type EvictionWrite = {
  readonly id: string;
  readonly seq: number;
  readonly scopeUnitId: string;
  readonly reason: EvictionReason;
};

/**
 * Records that documents left a scope. Only the latest eviction of a document per scope is kept: an older one says
 * nothing more, and one id must not reach a replica twice in one pull page.
 */
export async function insertEvictions(
  tx: Transaction,
  collection: string,
  rows: readonly EvictionWrite[],
  at: Date,
): Promise<void> {
  for (const row of rows) {
    await tx
      .delete(evictions)
      .where(
        and(
          eq(evictions.collection, collection),
          eq(evictions.id, row.id),
          eq(evictions.scopeUnitId, row.scopeUnitId),
        ),
      );
  }
  if (rows.length === 0) return;
  await tx.insert(evictions).values(rows.map((row) => ({ collection, ...row, createdAt: at })));
}
