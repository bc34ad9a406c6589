import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Values no two documents of a collection may share (a resident's health ID), as blind-index hashes (HMAC under the
 * server's blind-index key, never the clear value): one row per document and key. The primary key makes a second
 * holder impossible; a push that would create one is quarantined instead.
 */
export const documentUniqueKeys = pgTable(
  'document_unique_keys',
  {
    collection: text('collection').notNull(),
    keyHash: text('key_hash').notNull(),
    documentId: text('document_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.collection, t.keyHash] }),
    index('document_unique_keys_document_idx').on(t.collection, t.documentId),
  ],
);
