import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '../db/database.ts';
import { documentUniqueKeys } from '../db/schema/unique-keys.ts';
import type { ReplicatedCollection, ReplicatedDocument } from './replicated-collection.ts';

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
  for (const key of keys) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${collection.name}|${key}`}, 0))`);
  }
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
