import type { FastifyBaseLogger } from 'fastify';
import { toError } from '#shared/errors/to-error.ts';
import type { Principal } from '../../auth/principal.ts';
import type { ChangeFeed } from '../feed/change-feed.ts';
import { headSequence } from '../store/document-store.ts';
import { auditRead, readChanges, type ChangesPage, type PullDependencies } from './pull-changes.ts';
import type { ReplicatedCollection } from '../replicated-collection.ts';
import { scopeUnitIds, type ReplicationScope } from '../replication-scope.ts';

export type ChangeStreamsDependencies = PullDependencies & {
  readonly feed: ChangeFeed;
  readonly log: FastifyBaseLogger;
  /** Interval of keep-alive comments, so idle proxies do not cut the connection. */
  readonly heartbeatMs: number;
  /** Checked on every heartbeat: false (a revoked device, an ended session) closes the stream. */
  readonly stillAuthorized?: ((principal: Principal) => Promise<boolean>) | undefined;
  /** Bytes a client may leave unread before its stream is closed (it reconnects and pulls what it missed). */
  readonly maxBacklogBytes?: number | undefined;
};

/** What a stream writes to its client: `data` is one message's JSON (`"RESYNC"` or a `{documents, checkpoint}`). */
export type StreamOutput = {
  send(data: string): void;
  sendComment(text: string): void;
  /** Bytes written but not yet taken by the client. */
  backlog(): number;
  /** Ends the stream (the client reconnects and gets RESYNC again). */
  onError(): void;
};

export type StreamTarget = {
  readonly collection: ReplicatedCollection;
  readonly principal: Principal;
  readonly scope: ReplicationScope;
};

export type ChangeStream = { close(): void };

export type ChangeStreams = {
  open(target: StreamTarget, output: StreamOutput): Promise<ChangeStream>;
  /** Open streams, the groups they share reads in, and the pages read for them so far. */
  stats(): { readonly streams: number; readonly groups: number; readonly pagesRead: number };
};

const STREAM_PAGE = 100;
const DEFAULT_MAX_BACKLOG_BYTES = 4 * 1024 * 1024;
const UNITS_REFRESH_MS = 60_000;

type Member = {
  readonly principal: Principal;
  readonly output: StreamOutput;
  /** The last sequence number this stream has been sent (or had nothing to receive up to). */
  cursor: number;
  close(): void;
};

type Group = {
  readonly members: Set<Member>;
  /**
   * A subtree scope's org units, read when the group formed and again every `UNITS_REFRESH_MS`: the group's reads
   * name them instead of walking the subtree each time.
   */
  units: ReadonlySet<string> | undefined;
  unsubscribe(): void;
  draining: boolean;
  again: boolean;
};

/**
 * RxDB's `pull.stream$` for every client (DESIGN.md §5). Each stream first sends `RESYNC` (every connection is a
 * reconnect as far as the client knows, and it pulls what it missed from its own checkpoint), then every change of
 * its scope after its cursor, which starts at the collection's head when it opens, as `{documents, checkpoint}` pages
 * through the same scoped read as `/pull`, so the pages are contiguous and together with the RESYNC pull leave no gap.
 *
 * Streams of the same collection and scope share their reads: when the feed says the collection changed in a unit of
 * the scope (for a care scope: anywhere), one scoped query reads the page for all of them, decrypted and serialized
 * once, and each stream gets the part after its own cursor. A subtree group names its org units in that query (read
 * when it formed, re-read every minute) instead of walking the subtree on every change. Each stream's page is still audited as its own read (one
 * chained row each, all of a page in one grouped transaction) before it is sent. A stream whose client leaves more
 * than `maxBacklogBytes` unread is closed instead of holding the others back or growing without bound; its client
 * reconnects and pulls what it missed.
 */
export function createChangeStreams(deps: ChangeStreamsDependencies): ChangeStreams {
  const groups = new Map<string, Group>();
  const maxBacklog = deps.maxBacklogBytes ?? DEFAULT_MAX_BACKLOG_BYTES;
  let pagesRead = 0;

  const keyOf = (target: StreamTarget) =>
    `${target.collection.name}\u0000${target.scope.kind === 'subtree' ? `s:${target.scope.rootUnitId}` : `c:${target.scope.unitId}`}`;

  async function groupFor(key: string, target: StreamTarget): Promise<Group> {
    const existing = groups.get(key);
    if (existing !== undefined) return existing;
    // A care scope's persons live anywhere: its streams drain on every change of the collection (the read filters).
    const units = target.scope.kind === 'subtree' ? await scopeUnitIds(deps.db, target.scope) : undefined;
    const raced = groups.get(key);
    if (raced !== undefined) return raced;
    const group: Group = {
      members: new Set(),
      units,
      unsubscribe: () => undefined,
      draining: false,
      again: false,
    };
    const scope = target.scope;
    // Org units change only by administration (seeded at start, edited in the database): a minute's staleness at most.
    const refresh =
      scope.kind === 'subtree'
        ? setInterval(() => {
            scopeUnitIds(deps.db, scope).then(
              (fresh) => {
                group.units = fresh;
              },
              (thrown: unknown) => {
                deps.log.warn({ err: toError(thrown) }, 'replication streams could not re-read their scope');
              },
            );
          }, UNITS_REFRESH_MS)
        : undefined;
    refresh?.unref();
    const unsubscribe = deps.feed.subscribe((notice) => {
      if (notice.collection !== target.collection.name) return;
      const current = group.units;
      const concernsScope =
        current === undefined ||
        notice.scopeUnitIds.length === 0 ||
        notice.scopeUnitIds.some((unitId) => current.has(unitId));
      if (concernsScope) void drain(group, target);
    });
    group.unsubscribe = () => {
      unsubscribe();
      clearInterval(refresh);
    };
    groups.set(key, group);
    return group;
  }

  /** Reads and hands out pages until every member is at the head; one drain at a time per group. */
  async function drain(group: Group, target: StreamTarget): Promise<void> {
    if (group.draining) {
      group.again = true;
      return;
    }
    group.draining = true;
    try {
      do {
        group.again = false;
        for (;;) {
          if (group.members.size === 0) return;
          const from = Math.min(...[...group.members].map((member) => member.cursor));
          let page: ChangesPage;
          try {
            page = await readChanges(deps, {
              ...target,
              checkpoint: from,
              limit: STREAM_PAGE,
              unitIds: group.units === undefined ? undefined : [...group.units],
            });
            pagesRead++;
          } catch (thrown) {
            deps.log.warn({ err: toError(thrown) }, 'replication streams could not read; closing them');
            for (const member of [...group.members]) fail(member);
            return;
          }
          if (page.documents.length === 0) break;
          await Promise.all([...group.members].map((member) => handOut(member, target, page)));
          if (page.documents.length < STREAM_PAGE) break;
        }
      } while (changedMeanwhile(group));
    } finally {
      group.draining = false;
    }
  }

  /** Sends a member the part of `page` after its cursor, audited first; a member already past the page waits. */
  async function handOut(member: Member, target: StreamTarget, page: ChangesPage): Promise<void> {
    const first = page.refs.findIndex((ref) => ref.seq > member.cursor);
    if (first < 0) return;
    const fromSeq = member.cursor;
    member.cursor = page.checkpoint.seq;
    const documents = first === 0 ? page.documents : page.documents.slice(first);
    try {
      await auditRead(deps, {
        principal: member.principal,
        collection: target.collection,
        fromSeq,
        toSeq: page.checkpoint.seq,
        refs: first === 0 ? page.refs : page.refs.slice(first),
      });
    } catch (thrown) {
      deps.log.warn({ err: toError(thrown) }, 'replication stream read could not be audited; closing it');
      fail(member);
      return;
    }
    if (!isOpen(member)) return;
    if (member.output.backlog() > maxBacklog) {
      deps.log.info(
        { accountId: member.principal.accountId },
        'replication stream too far behind; closing it',
      );
      fail(member);
      return;
    }
    member.output.send(serialized(page, first, documents));
  }

  // One serialization per distinct part of a page: most members of a group get the whole page.
  const cache = new WeakMap<ChangesPage, Map<number, string>>();
  function serialized(page: ChangesPage, first: number, documents: ChangesPage['documents']): string {
    let parts = cache.get(page);
    if (parts === undefined) {
      parts = new Map();
      cache.set(page, parts);
    }
    let text = parts.get(first);
    if (text === undefined) {
      text = JSON.stringify({ documents, checkpoint: page.checkpoint });
      parts.set(first, text);
    }
    return text;
  }

  // Read through a function: the flag changes in feed callbacks while a drain awaits.
  const changedMeanwhile = (group: Group) => group.again;
  const members = new Set<Member>();
  const isOpen = (member: Member) => members.has(member);
  function fail(member: Member): void {
    if (!isOpen(member)) return;
    member.close();
    member.output.onError();
  }

  return {
    async open(target, output) {
      const key = keyOf(target);
      const group = await groupFor(key, target);
      const member: Member = {
        principal: target.principal,
        output,
        cursor: await headSequence(deps.db, target.collection.name),
        close: () => {
          if (!members.delete(member)) return;
          group.members.delete(member);
          clearInterval(heartbeat);
          if (group.members.size === 0 && groups.get(key) === group) {
            groups.delete(key);
            group.unsubscribe();
          }
        },
      };
      const heartbeat = setInterval(() => {
        void (async () => {
          if (!isOpen(member)) return;
          if (deps.stillAuthorized !== undefined && !(await deps.stillAuthorized(member.principal))) {
            deps.log.info(
              { accountId: member.principal.accountId },
              'replication stream ended: no longer authorized',
            );
            fail(member);
            return;
          }
          if (isOpen(member)) output.sendComment('keep-alive');
        })().catch((thrown: unknown) => {
          deps.log.warn({ err: toError(thrown) }, 'replication stream re-check failed; closing it');
          fail(member);
        });
      }, deps.heartbeatMs);
      heartbeat.unref();
      members.add(member);
      group.members.add(member);
      output.send('"RESYNC"');
      return {
        close: () => {
          member.close();
        },
      };
    },
    stats: () => ({ streams: members.size, groups: groups.size, pagesRead }),
  };
}
