import { and, eq, sql } from 'drizzle-orm';
import { nameSearchKey } from '#shared/text/search-keys.ts';
import type { DbExecutor, Transaction } from '../db/database.ts';
import { personIdentityKeys } from '../db/schema/duplicates.ts';
import { documents } from '../db/schema/replication.ts';
import { documentUniqueKeys } from '../db/schema/unique-keys.ts';
import type { BlindIndex } from '../duplicates/identity-keys.ts';
import type { HealthIdKey } from '../health-ids/health-id-key.ts';
import type { PatientFacts } from './qd130-visit.ts';

/** How a hồ sơ's patient was found: the step that decided, and the residents it found (none, one, or several). */
export type PatientMatch = {
  readonly by: 'personal-id' | 'bhxh-number' | 'health-id' | 'name-birth-sex' | 'none';
  readonly personIds: readonly string[];
};

/**
 * Finds the resident a hồ sơ is about, in the order of how sure each identifier is (Art. 8.2d): the CCCD/CMND
 * (blind index), the BHXH number inside each BHYT card, the health ID the hospital sends in MA_BN, then the folded
 * name with date of birth and sex among the residents of the address's commune (`communeStationId`). The first step
 * that finds anyone decides: one resident is a match; several are for a person to choose (the review queue).
 */
export async function matchPatient(
  tx: Transaction,
  deps: { readonly blind: BlindIndex; readonly healthIdKey: HealthIdKey; readonly personCollection: string },
  patient: PatientFacts,
  communeStationId: string | undefined,
): Promise<PatientMatch> {
  if (patient.personalId !== undefined) {
    const found = await personIdsByIdentifier(tx, deps, { kind: 'personal-id', value: patient.personalId });
    if (found.length > 0) return { by: 'personal-id', personIds: found };
  }
  // A card renewed during the stay is sent twice: each card's BHXH number, the residents of all of them.
  const byCard = new Set<string>();
  for (const card of patient.bhytCards) {
    for (const id of await personIdsByIdentifier(tx, deps, { kind: 'bhyt-card', value: card.code }))
      byCard.add(id);
  }
  if (byCard.size > 0) return { by: 'bhxh-number', personIds: [...byCard].sort() };
  if (patient.healthId !== undefined) {
    const found = await personIdsByIdentifier(tx, deps, { kind: 'health-id', value: patient.healthId });
    if (found.length > 0) return { by: 'health-id', personIds: found };
  }
  if (communeStationId !== undefined) {
    const name = nameSearchKey(patient.fullName);
    const rows = await tx
      .selectDistinct({ personId: personIdentityKeys.personId })
      .from(personIdentityKeys)
      .innerJoin(
        documents,
        and(eq(documents.collection, deps.personCollection), eq(documents.id, personIdentityKeys.personId)),
      )
      .where(
        and(
          eq(personIdentityKeys.kind, 'name-birth-sex'),
          eq(
            personIdentityKeys.keyHash,
            deps.blind('name-birth-sex', `${name}|${patient.dateOfBirth}|${patient.sex}`),
          ),
          eq(documents.scopeUnitId, communeStationId),
          sql`not ${documents.deleted}`,
        ),
      );
    if (rows.length > 0) return { by: 'name-birth-sex', personIds: rows.map((row) => row.personId).sort() };
  }
  return { by: 'none', personIds: [] };
}

/** The residents holding one identifier exactly: a CCCD/CMND, the BHXH number of a BHYT card, or a health ID. */
export async function personIdsByIdentifier(
  tx: DbExecutor,
  deps: { readonly blind: BlindIndex; readonly healthIdKey: HealthIdKey; readonly personCollection: string },
  identifier: { readonly kind: 'personal-id' | 'bhyt-card' | 'health-id'; readonly value: string },
): Promise<string[]> {
  if (identifier.kind === 'health-id') {
    const rows = await tx
      .select({ id: documentUniqueKeys.documentId })
      .from(documentUniqueKeys)
      .where(
        and(
          eq(documentUniqueKeys.collection, deps.personCollection),
          eq(documentUniqueKeys.keyHash, deps.healthIdKey(identifier.value)),
        ),
      );
    return rows.map((row) => row.id);
  }
  const [kind, value] =
    identifier.kind === 'personal-id'
      ? (['personal-id', identifier.value] as const)
      : (['bhxh-number', identifier.value.toUpperCase().slice(5)] as const);
  const rows = await tx
    .selectDistinct({ personId: personIdentityKeys.personId })
    .from(personIdentityKeys)
    .where(and(eq(personIdentityKeys.kind, kind), eq(personIdentityKeys.keyHash, deps.blind(kind, value))));
  return rows.map((row) => row.personId).sort();
}
