import type { Transaction } from '../../db/database.ts';
import type { CollectionRegistry } from '../collection-registry.ts';
import type {
  ReplicatedCollection,
  ReplicatedDocument,
  VersionedDocument,
} from '../replicated-collection.ts';
import type { DocumentPlacement } from '../store/document-placement.ts';
import { lockRecordsOutsideScope, type StoredDocument } from '../store/document-store.ts';
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
  const moves: PersonMove[] = [];
  for (const [personId, write] of accepted) {
    const before = stored.get(personId);
    if (before !== undefined && before.scopeUnitId === write.scopeUnitId) continue;
    const reason = before === undefined ? 'moved' : rule.leaveReason(write.doc);
    let records = 0;
    for (const recordCollection of registry.personRecordCollections) {
      const rows = await lockRecordsOutsideScope(tx, recordCollection.name, personId, write.scopeUnitId);
      const writes = plannedWritesOf(plan, recordCollection.name);
      for (const row of rows) {
        writes.push({
          id: row.id,
          scopeUnitId: write.scopeUnitId,
          personId: row.personId,
          deleted: row.deleted,
          keyId: row.keyId,
          body: row.body,
          leaves: { scopeUnitId: row.scopeUnitId, reason },
        });
      }
      records += rows.length;
    }
    if (before !== undefined || records > 0) {
      moves.push({
        personId,
        fromUnitId: before?.scopeUnitId ?? null,
        toUnitId: write.scopeUnitId,
        reason,
        records,
      });
    }
  }
  return moves;
}
