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

/**
 * The changes after `checkpoint` that the principal's scope may see, as RxDB documents: stored versions in the
 * client's shape (deleted ones as `_deleted: true`), evictions as tombstones. With no change the checkpoint is
 * returned unchanged, as RxDB expects. Every page that hands out documents is audited (Art. 22: reads of records),
 * with the ids it contained.
 */
export async function pullChanges(
  deps: PullDependencies,
  request: {
    readonly collection: ReplicatedCollection;
    readonly principal: Principal;
    readonly scope: ReplicationScope;
    readonly checkpoint: number;
    readonly limit: number;
  },
): Promise<PullResult> {
  const { collection, principal, checkpoint, limit } = request;
  const entries = await pullPage(deps.db, {
    collection: collection.name,
    scope: request.scope,
    checkpoint,
    limit,
  });
  const last = entries[entries.length - 1];
  if (last === undefined) return { documents: [], checkpoint: { seq: checkpoint } };
  const documents = entries.map((entry) =>
    entry.kind === 'eviction'
      ? evictionDocument(collection, entry.id)
      : toClientDocument(collection, {
          doc: decryptDocument(deps.cipher, entry.keyId, entry.body),
          deleted: entry.deleted,
        }),
  );
  await deps.audit.append(deps.db, {
    action: 'pull',
    actorAccountId: principal.accountId,
    actorDeviceId: principal.deviceId,
    orgUnitId: principal.orgUnitId,
    targetType: 'collection',
    targetId: collection.name,
    detail: {
      fromSeq: checkpoint,
      toSeq: last.seq,
      documentIds: entries.filter((e) => e.kind === 'document').map((e) => e.id),
      evictedIds: entries.filter((e) => e.kind === 'eviction').map((e) => e.id),
    },
  });
  return { documents, checkpoint: { seq: last.seq } };
}
