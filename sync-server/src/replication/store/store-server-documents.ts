import type { Principal } from '../../auth/principal.ts';
import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type { Database } from '../../db/database.ts';
import type { ChangeFeed } from '../feed/change-feed.ts';
import type { CollectionRegistry } from '../collection-registry.ts';
import { placementOf } from './document-placement.ts';
import { lockPersonScopes } from './document-store.ts';
import type { ReplicatedDocument } from '../replicated-collection.ts';
import { createRecordCommit, planConsequences, type WritePlan } from './record-commit.ts';
import { storeUniqueKeys } from './unique-keys.ts';

const SLICE = 1000;

/**
 * Stores documents the server writes itself (the demo's synthetic commune, seeding, imports, benchmarks) through the
 * record's one commit path, like accepted pushes: validated, normalized, placed in scope, encrypted, sequenced in
 * commit order, health IDs indexed, and with the consequences every accepted write has (`onAccepted`: a stored
 * resident is checked for duplicates like a pushed one), in one transaction. No merge or quarantine: the caller
 * vouches that they are new or authoritative, and `actor` (who stores them) is who the consequences name. An invalid
 * document is a bug in the caller and throws before anything is written. Returns the number stored.
 */
export async function storeServerDocuments(
  deps: {
    readonly db: Database;
    readonly cipher: DocumentCipher;
    readonly clock: { now(): Date };
    readonly registry: CollectionRegistry;
    readonly actor: Principal;
    readonly feed?: ChangeFeed | undefined;
  },
  collectionName: string,
  docs: readonly ReplicatedDocument[],
): Promise<number> {
  const collection = deps.registry.get(collectionName);
  if (collection === undefined) throw new Error(`unknown collection ${collectionName}`);
  if (docs.length === 0) return 0;
  const checked = docs.map((doc) => {
    const validated = collection.validate(doc);
    if (!validated.ok) {
      throw new Error(
        `server document ${String(doc[collection.primaryKey])} is invalid: ${validated.errors[0].code}`,
      );
    }
    return collection.normalize ? collection.normalize(validated.value) : validated.value;
  });
  const commit = createRecordCommit({ db: deps.db, feed: deps.feed });
  await commit.transaction(async (record) => {
    const { tx } = record;
    const rule = collection.scope;
    const persons = deps.registry.personCollection;
    const personScopes =
      rule.kind === 'person-record' && persons !== undefined
        ? await lockPersonScopes(tx, persons.name, [...new Set(checked.map((doc) => rule.personIdOf(doc)))])
        : new Map<string, string>();
    const at = deps.clock.now();
    const plan: WritePlan = new Map([
      [
        collection.name,
        checked.map((doc) => {
          const sealed = deps.cipher.encrypt(doc);
          return {
            id: String(doc[collection.primaryKey]),
            ...placementOf(collection, personScopes, doc),
            deleted: false,
            keyId: sealed.keyId,
            body: sealed.body,
          };
        }),
      ],
    ]);
    // In slices, so that no statement of the index or of the consequences outgrows PostgreSQL's parameter limit.
    for (let start = 0; start < checked.length; start += SLICE) {
      const slice = checked.slice(start, start + SLICE);
      await storeUniqueKeys(
        tx,
        collection,
        slice.map((doc) => ({ id: String(doc[collection.primaryKey]), doc })),
      );
      await planConsequences(tx, deps, collection, slice, deps.actor, at, plan);
    }
    await record.write(plan, at);
  });
  return checked.length;
}
