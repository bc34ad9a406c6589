import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Person } from '../../../shared/schemas/person.ts';
import type { DbExecutor } from '../db/database.ts';
import { duplicateCandidates, personIdentityKeys } from '../db/schema/duplicates.ts';
import { identityKeysOf, type BlindIndex } from './identity-keys.ts';

/**
 * Finds potential duplicates after every accepted registration or identity change (issue 7, Art. 8.2d, 13.5): each
 * written resident's blind-indexed identity replaces their previous one, and every other resident sharing a CCCD, a
 * BHXH number, or a folded name with date of birth and sex — in any commune — is queued as a candidate pair with the
 * kinds they share. A pair already decided (not a duplicate, merged) is not reopened; an open pair's reasons follow
 * the records. Runs inside the accepting transaction, so a pair is queued exactly when the write commits.
 */
export type DuplicateDetector = {
  check(tx: DbExecutor, persons: readonly Person[], at: Date): Promise<void>;
};

export function createDuplicateDetector(deps: { blind: BlindIndex }): DuplicateDetector {
  return {
    async check(tx, persons, at) {
      for (const person of persons) {
        const keys = identityKeysOf(person, deps.blind);
        await tx.delete(personIdentityKeys).where(eq(personIdentityKeys.personId, person.id));
        if (keys.length === 0) continue;
        await tx
          .insert(personIdentityKeys)
          .values(keys.map((key) => ({ ...key, personId: person.id })))
          .onConflictDoNothing();
        const shared = await tx
          .select({ personId: personIdentityKeys.personId, kind: personIdentityKeys.kind })
          .from(personIdentityKeys)
          .where(
            and(
              ne(personIdentityKeys.personId, person.id),
              or(
                ...keys.map((key) =>
                  and(eq(personIdentityKeys.kind, key.kind), eq(personIdentityKeys.keyHash, key.keyHash)),
                ),
              ),
            ),
          );
        const reasonsByOther = new Map<string, Set<string>>();
        for (const row of shared) {
          const reasons = reasonsByOther.get(row.personId) ?? new Set();
          reasons.add(row.kind);
          reasonsByOther.set(row.personId, reasons);
        }
        for (const [other, reasons] of reasonsByOther) {
          const [personA, personB] = person.id < other ? [person.id, other] : [other, person.id];
          await tx
            .insert(duplicateCandidates)
            .values({ personA, personB, reasons: [...reasons].sort(), state: 'open', createdAt: at })
            .onConflictDoUpdate({
              target: [duplicateCandidates.personA, duplicateCandidates.personB],
              set: { reasons: sql`excluded.reasons` },
              setWhere: eq(duplicateCandidates.state, 'open'),
            });
        }
      }
    },
  };
}

/** The ids of the open candidate pairs that involve any of `personIds` (for tests and the merge). */
export async function openCandidatesOf(tx: DbExecutor, personIds: readonly string[]): Promise<number[]> {
  if (personIds.length === 0) return [];
  const rows = await tx
    .select({ id: duplicateCandidates.id })
    .from(duplicateCandidates)
    .where(
      and(
        eq(duplicateCandidates.state, 'open'),
        or(inArray(duplicateCandidates.personA, personIds), inArray(duplicateCandidates.personB, personIds)),
      ),
    );
  return rows.map((row) => row.id);
}
