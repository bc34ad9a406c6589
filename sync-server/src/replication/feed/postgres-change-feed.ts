import pg from 'pg';
import { z } from 'zod';
import { toError } from '#shared/errors/to-error.ts';
import type { ChangeFeed, ChangeListener, ChangeNotice } from './change-feed.ts';

/** The NOTIFY channel shared by every server instance of one database. */
export const CHANGE_CHANNEL = 'hssk_replication_changes';

const noticeSchema = z.object({
  collection: z.string().max(64),
  scopeUnitIds: z.array(z.string().max(64)).max(10_000),
});

/** PostgreSQL caps a NOTIFY payload below 8000 bytes; a larger notice is sent without its units (= every scope). */
const MAX_PAYLOAD_BYTES = 7000;

export type PostgresChangeFeed = ChangeFeed & {
  /** Resolves once the instance listens; notices published before that may be missed (streams RESYNC anyway). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
};

/**
 * The multi-instance change feed (DESIGN.md §2): `publish` sends the notice with NOTIFY, and every instance, this one
 * included, hands the notices it LISTENs to to its own streams. Notices carry no documents, only the collection and
 * the scope units, and are still just hints: a lost one costs a stream its next update until the client's next
 * RESYNC or write, never a change. Uses its own connection, because LISTEN needs a session that stays open.
 */
export function createPostgresChangeFeed(options: {
  connectionString: string;
  log: { warn(object: object, message: string): void };
}): PostgresChangeFeed {
  const listeners = new Set<ChangeListener>();
  const client = new pg.Client({ connectionString: options.connectionString });
  const deliver = (notice: ChangeNotice) => {
    for (const listener of [...listeners]) listener(notice);
  };
  client.on('notification', (message) => {
    if (message.channel !== CHANGE_CHANNEL || message.payload === undefined) return;
    try {
      const parsed = noticeSchema.safeParse(JSON.parse(message.payload));
      if (parsed.success) deliver(parsed.data);
    } catch (thrown) {
      options.log.warn({ err: toError(thrown) }, 'unreadable replication change notice ignored');
    }
  });
  client.on('error', (error) => {
    options.log.warn({ err: error }, 'replication change feed connection failed');
  });
  const ready = (async () => {
    await client.connect();
    await client.query(`listen ${CHANGE_CHANNEL}`);
  })();

  return {
    ready,
    publish(notice) {
      let payload = JSON.stringify(notice);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        // Too many units to name: no units means every stream of the collection checks for changes.
        payload = JSON.stringify({ collection: notice.collection, scopeUnitIds: [] });
      }
      ready
        .then(() => client.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, payload]))
        .catch((thrown: unknown) => {
          // The writer's own streams still learn of it; other instances' clients catch up on their next RESYNC.
          options.log.warn({ err: toError(thrown) }, 'replication change notice not sent');
          deliver(notice);
        });
    },
    subscribe(listener) {
      const entry: ChangeListener = (notice) => {
        listener(notice);
      };
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    async close() {
      listeners.clear();
      await ready.catch(() => undefined);
      await client.end();
    },
  };
}
