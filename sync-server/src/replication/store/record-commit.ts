import type { Principal } from '../../auth/principal.ts';
import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type { Database, Transaction } from '../../db/database.ts';
import { withTransactionRetry } from '../../db/transaction-retry.ts';
import type { ChangeFeed, ChangeNotice } from '../feed/change-feed.ts';
import type { CollectionRegistry } from '../collection-registry.ts';
import { placementOf } from './document-placement.ts';
import {
  allocateAndUpsertDocuments,
  allocateSequence,
  insertEvictions,
  upsertDocuments,
} from './document-store.ts';
import type { EvictionReason } from './eviction-reason.ts';
import type { ReplicatedCollection, ReplicatedDocument } from '../replicated-collection.ts';

/** A document row to store with its collection's next sequence number, and the scope it leaves if it moved. */
export type PlannedWrite = {
  readonly id: string;
  readonly scopeUnitId: string;
  readonly personId: string | null;
  readonly deleted: boolean;
  readonly keyId: string;
  readonly body: Uint8Array;
  readonly leaves?: { readonly scopeUnitId: string; readonly reason: EvictionReason } | undefined;
};

/** Collection name → the rows one transaction writes to it. */
export type WritePlan = Map<string, PlannedWrite[]>;

/** How many evictions writing `plan` records: one for each write that leaves a scope. */
export function evictionsIn(plan: WritePlan): number {
  return [...plan.values()].flat().filter((write) => write.leaves !== undefined).length;
}

/** The writes of `plan` to `collection`, created empty on first use. */
export function plannedWritesOf(plan: WritePlan, collection: string): PlannedWrite[] {
  const writes = plan.get(collection) ?? [];
  plan.set(collection, writes);
  return writes;
}

/** Rows per INSERT: 8 parameters each keeps a statement far below PostgreSQL's 65 535 parameter limit. */
const CHUNK = 1000;

/**
 * Every write to the authoritative record commits here (accepted pushes, re-applied quarantined writes, duplicate
 * merges and their undo, documents the server stores itself). The invariant of DESIGN.md §5 lives in this one place:
 * within the transaction, sequence numbers are allocated per collection in name order (so two transactions touching
 * several collections never deadlock) immediately before their rows are upserted, evictions carry the sequence of the
 * write that left the scope, and the streams are told — after the commit, never before — which scopes changed.
 */
export type RecordCommit = {
  /**
   * Runs `work` in one transaction, again on a deadlock or serialization failure, and publishes the notices of what
   * it wrote once the transaction committed (none when it rolled back).
   */
  transaction<T>(work: (tx: RecordTransaction) => Promise<T>): Promise<T>;
};

/** A transaction of the record: the database transaction and the one way to write documents in it. */
export type RecordTransaction = {
  readonly tx: Transaction;
  /** Stores `plan` with new sequence numbers (see `RecordCommit`), with an eviction for each write that `leaves`. */
  write(plan: WritePlan, at: Date): Promise<void>;
};

export type RecordCommitDependencies = {
  readonly db: Database;
  /** Where committed changes are announced; none in tools that run without open streams. */
  readonly feed?: ChangeFeed | undefined;
  /**
   * Awaited right after each sequence allocation (with the rows it numbered), before the transaction commits. A fault-injection seam:
   * tests widen the window between allocation and commit to prove that no reader can skip a change committed in it.
   */
  readonly afterSequenceAllocated?: (() => Promise<void>) | undefined;
};

export function createRecordCommit(deps: RecordCommitDependencies): RecordCommit {
  return {
    async transaction(work) {
      let notices: ChangeNotice[] = [];
      const result = await withTransactionRetry(() => {
        notices = [];
        return deps.db.transaction((tx) =>
          work({
            tx,
            async write(plan, at) {
              notices.push(...(await writePlan(tx, plan, at, deps.afterSequenceAllocated)));
            },
          }),
        );
      });
      for (const notice of notices) deps.feed?.publish(notice);
      return result;
    },
  };
}

async function writePlan(
  tx: Transaction,
  plan: WritePlan,
  at: Date,
  afterSequenceAllocated: (() => Promise<void>) | undefined,
): Promise<ChangeNotice[]> {
  const notices: ChangeNotice[] = [];
  for (const [name, writes] of [...plan].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (writes.length === 0) continue;
    const rows = writes.map(({ leaves: _leaves, ...write }) => write);
    let first: number;
    if (rows.length <= CHUNK) {
      // The usual case: the sequence lock is taken by the statement that also stores the rows.
      first = await allocateAndUpsertDocuments(tx, name, rows, at);
      await afterSequenceAllocated?.();
    } else {
      first = await allocateSequence(tx, name, rows.length);
      await afterSequenceAllocated?.();
      const sequenced = rows.map((write, i) => ({ ...write, seq: first + i }));
      for (let start = 0; start < sequenced.length; start += CHUNK) {
        await upsertDocuments(tx, name, sequenced.slice(start, start + CHUNK), at);
      }
    }
    const evictions = writes.flatMap((write, i) =>
      write.leaves === undefined ? [] : [{ id: write.id, seq: first + i, ...write.leaves }],
    );
    await insertEvictions(tx, name, evictions, at);
    const scopes = new Set([...writes.map((w) => w.scopeUnitId), ...evictions.map((e) => e.scopeUnitId)]);
    notices.push({ collection: name, scopeUnitIds: [...scopes] });
  }
  return notices;
}

/**
 * The consequences every accepted live write of `collection` has, whoever wrote it: the collection's `onAccepted`
 * (duplicate detection for residents, station reports, access events…) runs inside the transaction, and the
 * documents the server writes in return are added to `plan` (normalized, placed by their own collection's scope rule,
 * encrypted).
 */
export async function planConsequences(
  tx: Transaction,
  deps: { readonly cipher: DocumentCipher; readonly registry: CollectionRegistry },
  collection: ReplicatedCollection,
  live: readonly ReplicatedDocument[],
  actor: Principal,
  at: Date,
  plan: WritePlan,
): Promise<void> {
  if (collection.onAccepted === undefined || live.length === 0) return;
  for (const write of await collection.onAccepted(tx, live, actor, at)) {
    const target = deps.registry.get(write.collection);
    if (target === undefined) throw new Error(`server write to unregistered collection ${write.collection}`);
    const doc = target.normalize ? target.normalize(write.doc) : write.doc;
    const sealed = deps.cipher.encrypt(doc);
    plannedWritesOf(plan, target.name).push({
      id: String(doc[target.primaryKey]),
      ...placementOf(target, new Map(), doc),
      deleted: false,
      keyId: sealed.keyId,
      body: sealed.body,
    });
  }
}
