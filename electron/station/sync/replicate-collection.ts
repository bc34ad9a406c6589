import { defer, map, retry, timer } from 'rxjs';
import type {
  RxCollection,
  RxReplicationPullStreamItem,
  RxReplicationWriteToMasterRow,
  WithDeleted,
} from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { countResponse, pushResponse, streamMessage } from '#shared/sync/replication-wire.ts';
import { createPageRuns, defaultPageRunTuning } from './page-runs.ts';
import { parseAnswer } from './parse-answer.ts';
import type { SyncHttpClient } from './sync-http-client.ts';

/** The server's checkpoint: its commit-ordered sequence number (an object, as RxDB stores checkpoints). */
export type ServerCheckpoint = { readonly seq: number };

export type CollectionReplicationOptions = {
  /** The collection's name on the server (`persons`, `health-id-pools`, …). */
  readonly remoteName: string;
  /** Keys the stored checkpoints: the server URL and the station's unit, so another server starts from zero. */
  readonly replicationIdentifier: string;
  readonly live: boolean;
  /** Documents per push, and per pulled page before the link's rate is known (default 200). */
  readonly batchSize?: number;
  /** One pull request per page instead of page runs (benchmarks of the way before page runs). */
  readonly singlePages?: boolean | undefined;
  /** First retry delay after a failed round; doubles up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  /** Called after every pull the server answered, with the number of documents it brought (0 included). */
  readonly onPulled?: (documents: number) => void;
  /**
   * Called once per start, before the first pull, with how many documents the server holds for this replica after
   * its stored checkpoint (the "expected" of a first sync's progress); not called when the server cannot say.
   */
  readonly onExpected?: (documents: number) => void;
};

/**
 * RxDB replication of one collection against the sync server (DESIGN.md §5): pull by server sequence through page
 * runs (many pages in one compressed, streamed answer, read ahead while RxDB writes: `page-runs.ts`), push rows as
 * RxDB builds them (the server merges concurrent edits and answers the merged master, which the default conflict
 * handler adopts: the server already resolved), and, live, the server-sent stream, reconnected with exponential
 * backoff; the server sends `RESYNC` on every connect so nothing between two connections is missed. RxDB persists a
 * checkpoint only after the documents it covers are written locally, so a crash mid-sync repeats, never skips.
 */
export function replicateCollection<T>(
  collection: RxCollection<T>,
  client: SyncHttpClient,
  options: CollectionReplicationOptions,
): RxReplicationState<T, ServerCheckpoint> {
  const base = `/sync/${encodeURIComponent(options.remoteName)}`;
  const batchSize = options.batchSize ?? 200;
  const retryMs = options.retryMs ?? 2_000;
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  const stream$ = defer(() =>
    client
      .events(`${base}/stream`)
      .pipe(
        map(
          (message) =>
            parseAnswer(streamMessage, message) as RxReplicationPullStreamItem<T, ServerCheckpoint>,
        ),
      ),
  ).pipe(
    retry({
      delay: (_error, attempt) => timer(Math.min(maxRetryMs, retryMs * 2 ** (attempt - 1))),
      resetOnSuccess: true,
    }),
  );

  const runs = createPageRuns(client, base, {
    tuning: {
      ...defaultPageRunTuning,
      initialLimit: Math.min(
        defaultPageRunTuning.maxLimit,
        Math.max(defaultPageRunTuning.minLimit, batchSize),
      ),
    },
    singlePages: options.singlePages,
  });
  let counted = false;
  const replication = replicateRxCollection<T, ServerCheckpoint>({
    collection,
    replicationIdentifier: options.replicationIdentifier,
    live: options.live,
    retryTime: retryMs,
    autoStart: true,
    waitForLeadership: false,
    pull: {
      // RxDB ends a pull round on a page smaller than this: the smallest page a run asks for.
      batchSize: defaultPageRunTuning.minLimit,
      async handler(checkpoint) {
        const after = String(checkpoint?.seq ?? 0);
        if (!counted) {
          counted = true;
          await client
            .getJson(`${base}/count?checkpoint=${after}`)
            .then((answer) => {
              options.onExpected?.(parseAnswer(countResponse, answer).documents);
            })
            .catch(() => {
              counted = false; // Progress without "expected" this time; asked again on the next pull.
            });
        }
        const answer = await runs.next(Number(after));
        options.onPulled?.(answer.documents.length);
        // The wire checks the page's shape; RxDB's schema validation checks each document as it is stored.
        return { documents: answer.documents as WithDeleted<T>[], checkpoint: answer.checkpoint };
      },
      ...(options.live ? { stream$ } : {}),
    },
    push: {
      batchSize,
      async handler(rows: RxReplicationWriteToMasterRow<T>[]) {
        return parseAnswer(pushResponse, await client.postJson(`${base}/push`, rows)) as WithDeleted<T>[];
      },
    },
  });
  // A cancelled replication lets go of its open page run (and its connection).
  replication.canceled$.subscribe((canceled) => {
    if (canceled) runs.close();
  });
  return replication;
}
