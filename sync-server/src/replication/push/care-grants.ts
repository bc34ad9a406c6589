import type { Transaction } from '../../db/database.ts';
import { careRelationships } from '../../db/schema/replication.ts';
import type { CollectionRegistry } from '../collection-registry.ts';
import { lockDocumentsOfPerson } from '../store/document-store.ts';
import { plannedWritesOf, type WritePlan } from '../store/record-commit.ts';

export type CareGrant = {
  readonly unitId: string;
  readonly personId: string;
  readonly grantedBy: string;
  readonly documents: number;
};

/**
 * Starts the care relationships of a unit (`unitId`, a hospital) that the server has evidence for — an admin's
 * approval of the unit's refused record (`grantedBy` names it) — one per person among `acceptedRecords` the unit did
 * not care for yet. A unit's own push never starts one. Each new relationship re-sequences the person's stored
 * documents in every person collection (same body, a new sequence number, added to `plan` unless the push writes
 * them anyway), so the unit's next pull delivers the person's whole history even though it lies behind the unit's
 * checkpoint. Other replicas receive the same versions again, which RxDB treats as no change.
 */
export async function planCareGrants(
  tx: Transaction,
  registry: CollectionRegistry,
  request: {
    readonly unitId: string;
    readonly grantedBy: string;
    /** Person id → id of the accepted record that names it. */
    readonly acceptedRecords: ReadonlyMap<string, string>;
    readonly at: Date;
  },
  plan: WritePlan,
): Promise<CareGrant[]> {
  if (request.acceptedRecords.size === 0) return [];
  const started = await tx
    .insert(careRelationships)
    .values(
      [...request.acceptedRecords].map(([personId, recordId]) => ({
        unitId: request.unitId,
        personId,
        grantedAt: request.at,
        grantedBy: `${request.grantedBy} (${recordId})`,
      })),
    )
    .onConflictDoNothing()
    .returning({ personId: careRelationships.personId, grantedBy: careRelationships.grantedBy });
  const collections = [
    ...(registry.personCollection === undefined ? [] : [registry.personCollection]),
    ...registry.personRecordCollections,
  ];
  const grants: CareGrant[] = [];
  for (const { personId, grantedBy } of started.sort((a, b) => (a.personId < b.personId ? -1 : 1))) {
    let count = 0;
    for (const collection of collections) {
      const writes = plannedWritesOf(plan, collection.name);
      const planned = new Set(writes.map((w) => w.id));
      for (const row of await lockDocumentsOfPerson(tx, collection.name, personId)) {
        if (planned.has(row.id)) continue;
        writes.push({
          id: row.id,
          scopeUnitId: row.scopeUnitId,
          personId: row.personId,
          deleted: row.deleted,
          keyId: row.keyId,
          body: row.body,
        });
        count++;
      }
    }
    grants.push({ unitId: request.unitId, personId, grantedBy, documents: count });
  }
  return grants;
}
