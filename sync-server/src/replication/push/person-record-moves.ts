import type { Transaction } from '../../db/database.ts';
import type { CollectionRegistry } from '../collection-registry.ts';
import type {
  ReplicatedCollection,
  ReplicatedDocument,
  VersionedDocument,
} from '../replicated-collection.ts';
import type { DocumentPlacement } from '../store/document-placement.ts';
import { lockRecordsOutsideScopes, type StoredDocument } from '../store/document-store.ts';
import type { EvictionReason } from '../store/eviction-reason.ts';
import { plannedWritesOf, type WritePlan } from '../store/record-commit.ts';

/** A resident written to a new scope, and how many of their records moved with them. */
export type PersonMove = {
  readonly personId: string;
  readonly fromUnitId: string | null;
  readonly toUnitId: string;
  readonly reason: EvictionReason;
  readonly records: number;
};

/**
 * When persons were written to a new scope (moved, merged away, or arrived after records recorded for them), their
 * records in every person-record collection move too: new sequence numbers in the new scope, evictions for the old.
 */
export async function planPersonRecordMoves(
  tx: Transaction,
  registry: CollectionRegistry,
  collection: ReplicatedCollection,
  stored: ReadonlyMap<string, StoredDocument>,
  accepted: ReadonlyMap<string, VersionedDocument<ReplicatedDocument> & DocumentPlacement>,
  plan: WritePlan,
): Promise<PersonMove[]> {
  const rule = collection.scope;
  if (rule.kind !== 'person') return [];
  // The persons written to a scope they were not in before; their records found in one query.
  const targets = new Map<string, string>();
  for (const [personId, write] of accepted) {
    const before = stored.get(personId);
    if (before === undefined || before.scopeUnitId !== write.scopeUnitId)
      targets.set(personId, write.scopeUnitId);
  }
  const found = await lockRecordsOutsideScopes(
    tx,
    registry.personRecordCollections.map((c) => c.name),
    targets,
  );
  const moves: PersonMove[] = [];
  for (const [personId, toUnitId] of targets) {
    const write = accepted.get(personId);
    if (write === undefined) continue;
    const before = stored.get(personId);
    const reason = before === undefined ? 'moved' : rule.leaveReason(write.doc);
    const rows = found.filter((row) => row.personId === personId);
    for (const row of rows) {
      plannedWritesOf(plan, row.collection).push({
        id: row.id,
        scopeUnitId: toUnitId,
        personId: row.personId,
        deleted: row.deleted,
        keyId: row.keyId,
        body: row.body,
        leaves: { scopeUnitId: row.scopeUnitId, reason },
      });
    }
    if (before !== undefined || rows.length > 0) {
      moves.push({
        personId,
        fromUnitId: before?.scopeUnitId ?? null,
        toUnitId,
        reason,
        records: rows.length,
      });
    }
  }
  return moves;
}
