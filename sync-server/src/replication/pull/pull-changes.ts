import type { AuditLog } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type { Database } from '../../db/database.ts';
import {
  decryptDocument,
  evictionDocument,
  toClientDocument,
  type ClientDocument,
} from '../store/client-document.ts';
import { pullPage } from './pull-page.ts';
import type { ReplicatedCollection } from '../replicated-collection.ts';
import type { ReplicationScope } from '../replication-scope.ts';

export type PullDependencies = {
  readonly db: Database;
  readonly cipher: DocumentCipher;
  readonly audit: AuditLog;
};

/**
 * RxDB's pull answer: documents in sequence order and the checkpoint to continue from. The checkpoint is an object
 * because RxDB stacks checkpoints with `Object.assign` (a bare number would be stored as `{}`).
 */
export type PullResult = {
  readonly documents: ClientDocument[];
  readonly checkpoint: { readonly seq: number };
};

/** A page of changes as read from the store, before it is handed to anyone. */
export type ChangesPage = PullResult & {
  /** What each of `documents` is, in the same order: its sequence number, id, and whether it is an eviction. */
  readonly refs: readonly PageRef[];
};
export type PageRef = { readonly seq: number; readonly id: string; readonly evicted: boolean };

/**
 * The changes after `checkpoint` that a replica of `scope` may see, as RxDB documents: stored versions in the
 * client's shape (deleted ones as `_deleted: true`), evictions as tombstones. With no change the checkpoint is
 * returned unchanged, as RxDB expects. Not audited: whoever hands the page out audits it (`auditRead`).
 */
export async function readChanges(
  deps: Pick<PullDependencies, 'db' | 'cipher'>,
  request: {
    readonly collection: ReplicatedCollection;
    readonly scope: ReplicationScope;
    readonly checkpoint: number;
    readonly limit: number;
    /** A subtree scope's org units, when the caller already holds them. */
    readonly unitIds?: readonly string[] | undefined;
  },
): Promise<ChangesPage> {
  const { collection, checkpoint, limit } = request;
  const entries = await pullPage(deps.db, {
    collection: collection.name,
    scope: request.scope,
    checkpoint,
    limit,
    unitIds: request.unitIds,
  });
  const last = entries[entries.length - 1];
  if (last === undefined) return { documents: [], refs: [], checkpoint: { seq: checkpoint } };
  const documents = entries.map((entry) =>
    entry.kind === 'eviction'
      ? evictionDocument(collection, entry.id)
      : toClientDocument(collection, {
          doc: decryptDocument(deps.cipher, entry.keyId, entry.body),
          deleted: entry.deleted,
        }),
  );
  const refs = entries.map((entry) => ({ seq: entry.seq, id: entry.id, evicted: entry.kind === 'eviction' }));
  return { documents, refs, checkpoint: { seq: last.seq } };
}

/**
 * Audits that `principal` is handed `documents` (Art. 22: reads of records): the ids, split into documents and
 * evictions, and the sequence range. Grouped with the other reads of the moment (one transaction), and on record
 * when it resolves.
 */
export async function auditRead(
  deps: Pick<PullDependencies, 'db' | 'audit'>,
  read: {
    readonly principal: Principal;
    readonly collection: ReplicatedCollection;
    readonly fromSeq: number;
    readonly toSeq: number;
    readonly refs: readonly PageRef[];
  },
): Promise<void> {
  const { principal, collection } = read;
  await deps.audit.appendGrouped(deps.db, {
    action: 'pull',
    actorAccountId: principal.accountId,
    actorDeviceId: principal.deviceId,
    orgUnitId: principal.orgUnitId,
    targetType: 'collection',
    targetId: collection.name,
    detail: {
      fromSeq: read.fromSeq,
      toSeq: read.toSeq,
      documentIds: read.refs.filter((ref) => !ref.evicted).map((ref) => ref.id),
      evictedIds: read.refs.filter((ref) => ref.evicted).map((ref) => ref.id),
    },
  });
}

/** Who pulls which collection in which scope, from where and how much. */
export type PullRequest = {
  readonly collection: ReplicatedCollection;
  readonly principal: Principal;
  readonly scope: ReplicationScope;
  readonly checkpoint: number;
  readonly limit: number;
};

/**
 * `readChanges`, audited: every page that hands out documents is on record, with the ids it contained, before it is
 * answered.
 */
export async function pullChanges(deps: PullDependencies, request: PullRequest): Promise<PullResult> {
  const page = await readChanges(deps, request);
  if (page.documents.length > 0) {
    await auditRead(deps, {
      principal: request.principal,
      collection: request.collection,
      fromSeq: request.checkpoint,
      toSeq: page.checkpoint.seq,
      refs: page.refs,
    });
  }
  return { documents: page.documents, checkpoint: page.checkpoint };
}
