import type { StationDatabase } from '../database/station-collections.ts';

/**
 * The outbox of unacknowledged local writes (see `OutboxEntry`). `record` is called by the replica writer, in the
 * same SQLite transaction as the write it records (`services/replica-writer.ts`); `acknowledge` by the replication
 * when the server accepted (or merged) the document.
 */
export type Outbox = {
  record(collection: string, documentId: string, at: Date): Promise<void>;
  acknowledge(collection: string, documentIds: readonly string[]): Promise<void>;
  summary(): Promise<{ pendingChanges: number; oldestPendingAt: string | null }>;
  /** The oldest `limit` pending changes, oldest first. */
  list(limit: number): Promise<readonly { collection: string; documentId: string; since: string }[]>;
};

export function createOutbox(db: StationDatabase): Outbox {
  const key = (collection: string, documentId: string) => `${collection}:${documentId}`;
  return {
    async record(collection, documentId, at) {
      const id = key(collection, documentId);
      // Keep the oldest time: the age of a pending change counts from its first unacknowledged write.
      const existing = await db.outbox.findOne(id).exec();
      if (existing !== null) return;
      await db.outbox.insert({ id, collectionName: collection, documentId, since: at.toISOString() });
    },
    async acknowledge(collection, documentIds) {
      if (documentIds.length === 0) return;
      await db.outbox.bulkRemove(documentIds.map((documentId) => key(collection, documentId)));
    },
    async summary() {
      const pendingChanges = await db.outbox.count().exec();
      const oldest = await db.outbox.findOne({ selector: {}, sort: [{ since: 'asc' }] }).exec();
      return { pendingChanges, oldestPendingAt: oldest?.since ?? null };
    },
    async list(limit) {
      const entries = await db.outbox.find({ selector: {}, sort: [{ since: 'asc' }], limit }).exec();
      return entries.map((entry) => ({
        collection: entry.collectionName,
        documentId: entry.documentId,
        since: entry.since,
      }));
    },
  };
}
