/**
 * A committed change of a collection: the scope units whose replicas gained documents or evictions. An empty list
 * means "not said": every stream of the collection checks.
 */
export type ChangeNotice = { readonly collection: string; readonly scopeUnitIds: readonly string[] };

export type ChangeListener = (notice: ChangeNotice) => void;

/**
 * Tells open replication streams that a collection changed, after the change committed; a stream then pulls what its
 * scope may see. Notices carry no documents, so a lost or spurious notice costs a pull, never a change.
 *
 * Two adapters carry it: `createInProcessChangeFeed` for one server instance (the embedded PGlite default) and
 * `createPostgresChangeFeed` (LISTEN/NOTIFY) for several instances on one PostgreSQL database; one contract suite
 * holds them to the same behaviour. Streams also get RESYNC on every reconnect, so a client never depends on a notice
 * to catch up.
 */
export type ChangeFeed = {
  publish(notice: ChangeNotice): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: ChangeListener): () => void;
};

export function createInProcessChangeFeed(): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  return {
    publish(notice) {
      for (const listener of [...listeners]) listener(notice);
    },
    subscribe(listener) {
      // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
      const entry: ChangeListener = (notice) => {
        listener(notice);
      };
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
}
