import type { FastifyBaseLogger } from 'fastify';
import { toError } from '#shared/errors/to-error.ts';
import type { Principal } from '../../auth/principal.ts';
import type { ChangeFeed } from '../feed/change-feed.ts';
import { headSequence } from '../store/document-store.ts';
import { pullChanges, type PullDependencies, type PullResult } from './pull-changes.ts';
import type { ReplicatedCollection } from '../replicated-collection.ts';
import { scopeUnitIds, type ReplicationScope } from '../replication-scope.ts';

/** One message of the stream: RxDB's `RESYNC` or a batch of documents with its checkpoint. */
export type StreamMessage = 'RESYNC' | PullResult;

export type ChangeStreamDependencies = PullDependencies & {
  readonly feed: ChangeFeed;
  readonly log: FastifyBaseLogger;
  /** Interval of keep-alive comments, so idle proxies do not cut the connection. */
  readonly heartbeatMs: number;
  /** Checked on every heartbeat: false (a revoked device, an ended session) closes the stream. */
  readonly stillAuthorized?: ((principal: Principal) => Promise<boolean>) | undefined;
};

export type ChangeStream = { close(): void };

const STREAM_PAGE = 100;

/**
 * RxDB's `pull.stream$` for one client (DESIGN.md §5): first `RESYNC` (every connection is a reconnect as far as the
 * client knows, and it pulls what it missed from its own checkpoint), then, whenever the feed says its collection
 * changed in a unit of the scope (for a care scope: anywhere), every change after the stream's cursor as `{documents, checkpoint}` pages, read
 * through the same scoped pull as `/pull`. The cursor starts at the collection's head when the stream opens, so the
 * pages are contiguous and, together with the RESYNC pull, leave no gap. `onError` ends the stream (the client
 * reconnects and gets RESYNC again).
 */
export async function openChangeStream(
  deps: ChangeStreamDependencies,
  target: { collection: ReplicatedCollection; principal: Principal; scope: ReplicationScope },
  io: { send(message: StreamMessage): void; sendComment(text: string): void; onError(): void },
): Promise<ChangeStream> {
  // A care scope's persons live anywhere: its stream drains on every change of the collection (the pull filters).
  const units = target.scope.kind === 'subtree' ? await scopeUnitIds(deps.db, target.scope) : undefined;
  let cursor = await headSequence(deps.db, target.collection.name);
  let closed = false;
  let draining = false;
  let again = false;
  // Read through functions: the flags change in other callbacks while a drain awaits.
  const changedMeanwhile = () => again && !closed;
  const isClosed = () => closed;

  async function drain(): Promise<void> {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    try {
      do {
        again = false;
        for (;;) {
          const page = await pullChanges(deps, { ...target, checkpoint: cursor, limit: STREAM_PAGE });
          if (isClosed()) return;
          if (page.documents.length === 0) break;
          cursor = page.checkpoint.seq;
          io.send(page);
          if (page.documents.length < STREAM_PAGE) break;
        }
      } while (changedMeanwhile());
    } finally {
      draining = false;
    }
  }

  const unsubscribe = deps.feed.subscribe((notice) => {
    if (closed || notice.collection !== target.collection.name) return;
    const concernsScope =
      units === undefined ||
      notice.scopeUnitIds.length === 0 ||
      notice.scopeUnitIds.some((unitId) => units.has(unitId));
    if (!concernsScope) return;
    drain().catch((thrown: unknown) => {
      deps.log.warn({ err: toError(thrown) }, 'replication stream failed; closing it');
      close();
      io.onError();
    });
  });
  const heartbeat = setInterval(() => {
    void (async () => {
      if (isClosed()) return;
      if (deps.stillAuthorized !== undefined && !(await deps.stillAuthorized(target.principal))) {
        deps.log.info(
          { accountId: target.principal.accountId },
          'replication stream ended: no longer authorized',
        );
        close();
        io.onError();
        return;
      }
      if (!isClosed()) io.sendComment('keep-alive');
    })().catch((thrown: unknown) => {
      deps.log.warn({ err: toError(thrown) }, 'replication stream re-check failed; closing it');
      close();
      io.onError();
    });
  }, deps.heartbeatMs);
  heartbeat.unref();

  function close(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
  }

  io.send('RESYNC');
  return { close };
}
