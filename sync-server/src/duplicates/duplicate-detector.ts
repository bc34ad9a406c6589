import { eq, inArray, sql } from 'drizzle-orm';
import type { Person } from '#shared/schemas/person.ts';
import type { DbExecutor } from '../db/database.ts';
import { duplicateCandidates, personIdentityKeys } from '../db/schema/duplicates.ts';
import { identityKeysOf, type BlindIndex } from './identity-keys.ts';

/** Identity keys looked up per query. */
const KEYS_PER_LOOKUP = 200;

/** Checks written residents for potential duplicates, inside the transaction that writes them. */
export type DuplicateDetector = {
  check(tx: DbExecutor, persons: readonly Person[], at: Date): Promise<void>;
};

/**
 * Finds potential duplicates after every accepted registration or identity change (Art. 8.2d, 13.5): each written
 * resident's blind-indexed identity replaces their previous one, and every other resident sharing a CCCD, a BHXH
 * number, or a folded name with date of birth and sex — in any commune — is queued as a candidate pair with the kinds
 * they share. A pair already decided (not a duplicate, merged) is not reopened; an open pair's reasons follow the
 * records. Runs inside the accepting transaction, so a pair is queued exactly when the write commits.
 */
export function createDuplicateDetector(deps: { blind: BlindIndex }): DuplicateDetector {
  return {
    async check(tx, persons, at) {
      // One round of queries per push, whatever its size: replace the residents' keys, find everyone sharing any of
      // them, and queue each pair once with every kind of identity it shares.
      const written = new Map(persons.map((person) => [person.id, person]));
      if (written.size === 0) return;
      const ids = [...written.keys()];
      const keys = [...written.values()].flatMap((person) =>
        identityKeysOf(person, deps.blind).map((key) => ({ ...key, personId: person.id })),
      );
      await tx.delete(personIdentityKeys).where(inArray(personIdentityKeys.personId, ids));
      if (keys.length === 0) return;
      await tx.insert(personIdentityKeys).values(keys).onConflictDoNothing();
      const distinct = [...new Map(keys.map((key) => [`${key.kind}|${key.keyHash}`, key])).values()];
      // A row-value IN list is planned as a chain of ORs: in slices, so that a large write (a page of stored
      // residents) stays within the planner's stack depth, which embedded PGlite keeps small.
      const holders: { personId: string; kind: string; keyHash: string }[] = [];
      for (let start = 0; start < distinct.length; start += KEYS_PER_LOOKUP) {
        const slice = distinct.slice(start, start + KEYS_PER_LOOKUP);
        holders.push(
          ...(await tx
            .select({
              personId: personIdentityKeys.personId,
              kind: personIdentityKeys.kind,
              keyHash: personIdentityKeys.keyHash,
            })
            .from(personIdentityKeys)
            .where(
              sql`(${personIdentityKeys.kind}, ${personIdentityKeys.keyHash}) in (${sql.join(
                slice.map((key) => sql`(${key.kind}, ${key.keyHash})`),
                sql`, `,
              )})`,
            )),
        );
      }
      const holdersOf = new Map<string, string[]>();
      for (const row of holders) {
        const key = `${row.kind}|${row.keyHash}`;
        holdersOf.set(key, [...(holdersOf.get(key) ?? []), row.personId]);
      }
      const pairs = new Map<string, { personA: string; personB: string; reasons: Set<string> }>();
      for (const key of keys) {
        for (const other of holdersOf.get(`${key.kind}|${key.keyHash}`) ?? []) {
          if (other === key.personId) continue;
          const [personA, personB] = key.personId < other ? [key.personId, other] : [other, key.personId];
          const pair = pairs.get(`${personA}|${personB}`) ?? { personA, personB, reasons: new Set<string>() };
          pair.reasons.add(key.kind);
          pairs.set(`${personA}|${personB}`, pair);
        }
      }
      if (pairs.size === 0) return;
      await tx
        .insert(duplicateCandidates)
        .values(
          [...pairs.values()].map((pair) => ({
            personA: pair.personA,
            personB: pair.personB,
            reasons: [...pair.reasons].sort(),
            state: 'open',
            createdAt: at,
          })),
        )
        .onConflictDoUpdate({
          target: [duplicateCandidates.personA, duplicateCandidates.personB],
          set: { reasons: sql`excluded.reasons` },
          setWhere: eq(duplicateCandidates.state, 'open'),
        });
    },
  };
}
