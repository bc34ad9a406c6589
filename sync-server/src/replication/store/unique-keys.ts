import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type { Database, Transaction } from '../../db/database.ts';
import { documentUniqueKeys } from '../../db/schema/unique-keys.ts';
import { decryptDocument } from './client-document.ts';
import type { ReplicatedCollection, ReplicatedDocument } from '../replicated-collection.ts';
import { bytesColumn, rowsOf } from '../../db/sql-rows.ts';

/** Unique key hash → the id of the document holding it. */
export type UniqueKeyHolders = Map<string, string>;

/**
 * Locks the unique keys a push writes (a transaction-wide advisory lock per key, in key order, so two pushes giving
 * the same new key to two documents run one after the other) and returns who holds each now. Empty for a collection
 * without a unique key.
 */
export async function lockUniqueKeyHolders(
  tx: Transaction,
  collection: ReplicatedCollection,
  docs: readonly ReplicatedDocument[],
): Promise<UniqueKeyHolders> {
  const rule = collection.uniqueKey;
  if (rule === undefined) return new Map();
  const keys = [...new Set(docs.flatMap((doc) => rule.keyOf(doc) ?? []))].sort();
  if (keys.length === 0) return new Map();
  // One statement takes every lock, in the array's (sorted) order.
  await tx.execute(sql`
    select pg_advisory_xact_lock(hashtextextended(u.key, 0))
      from unnest(${sql.param(keys.map((key) => `${collection.name}|${key}`))}::text[]) with ordinality as u(key, n)
     order by u.n`);
  const rows = await tx
    .select({ keyHash: documentUniqueKeys.keyHash, documentId: documentUniqueKeys.documentId })
    .from(documentUniqueKeys)
    .where(
      and(eq(documentUniqueKeys.collection, collection.name), inArray(documentUniqueKeys.keyHash, keys)),
    );
  return new Map(rows.map((row) => [row.keyHash, row.documentId]));
}

/** Records the unique key each written document now holds (replacing the one it held before, if it changed). */
export async function storeUniqueKeys(
  tx: Transaction,
  collection: ReplicatedCollection,
  written: readonly { readonly id: string; readonly doc: ReplicatedDocument }[],
): Promise<void> {
  const rule = collection.uniqueKey;
  if (rule === undefined || written.length === 0) return;
  const held = written.flatMap(({ id, doc }) => {
    const keyHash = rule.keyOf(doc);
    return keyHash === undefined ? [] : [{ collection: collection.name, keyHash, documentId: id }];
  });
  await tx.delete(documentUniqueKeys).where(
    and(
      eq(documentUniqueKeys.collection, collection.name),
      inArray(
        documentUniqueKeys.documentId,
        written.map((w) => w.id),
      ),
    ),
  );
  if (held.length > 0) await tx.insert(documentUniqueKeys).values(held).onConflictDoNothing();
}

/**
 * Indexes the unique keys of documents stored before their collection had one (a database from an earlier version),
 * a page at a time in id order; run at start-up, it costs one query once everything is indexed. Of two stored
 * documents that already share a key, the first in id order keeps it: the other's next write is quarantined.
 */
export async function indexMissingUniqueKeys(
  db: Database,
  cipher: DocumentCipher,
  collections: readonly ReplicatedCollection[],
  pageSize = 500,
): Promise<number> {
  let indexed = 0;
  for (const collection of collections) {
    if (collection.uniqueKey === undefined) continue;
    for (let after = ''; ;) {
      const rows = rowsOf(
        await db.execute(sql`select d.id, d.key_id, d.body from documents d
          where d.collection = ${collection.name} and not d.deleted and d.id > ${after}
            and not exists (select 1 from document_unique_keys k
              where k.collection = d.collection and k.document_id = d.id)
          order by d.id limit ${pageSize}`),
      );
      if (rows.length === 0) break;
      const written = rows.map((row) => ({
        id: String(row['id']),
        doc: decryptDocument(cipher, String(row['key_id']), bytesColumn(row['body'])),
      }));
      await db.transaction((tx) => storeUniqueKeys(tx, collection, written));
      indexed += written.length;
      after = written[written.length - 1]?.id ?? after;
      if (rows.length < pageSize) break;
    }
  }
  return indexed;
}
