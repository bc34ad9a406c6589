import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { CollectionRegistry } from './collection-registry.ts';
import { placementOf } from './document-placement.ts';
import { allocateSequence, lockPersonScopes, upsertDocuments, type DocumentWrite } from './document-store.ts';
import type { ReplicatedDocument } from './replicated-collection.ts';
import { storeUniqueKeys } from './unique-keys.ts';

/** Rows per INSERT: 8 parameters each keeps a statement far below PostgreSQL's 65 535 parameter limit. */
const CHUNK = 1000;

/**
 * Stores documents the server writes itself (the demo's synthetic commune, seeding, benchmarks) through the same
 * validation, normalization, scope placement, encryption and commit-ordered sequence as accepted pushes, in one
 * transaction, without merge or quarantine: the caller vouches that they are new or authoritative. An invalid
 * document is a bug in the caller and throws before anything is written. Returns the number stored.
 */
export async function storeServerDocuments(
  deps: {
    readonly db: Database;
    readonly cipher: DocumentCipher;
    readonly clock: { now(): Date };
    readonly registry: CollectionRegistry;
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
  const scopes = await deps.db.transaction(async (tx) => {
    const rule = collection.scope;
    const persons = deps.registry.personCollection;
    const personScopes =
      rule.kind === 'person-record' && persons !== undefined
        ? await lockPersonScopes(tx, persons.name, [...new Set(checked.map((doc) => rule.personIdOf(doc)))])
        : new Map<string, string>();
    const first = await allocateSequence(tx, collection.name, checked.length);
    const at = deps.clock.now();
    const writes: DocumentWrite[] = checked.map((doc, index) => {
      const sealed = deps.cipher.encrypt(doc);
      return {
        id: String(doc[collection.primaryKey]),
        seq: first + index,
        ...placementOf(collection, personScopes, doc),
        deleted: false,
        keyId: sealed.keyId,
        body: sealed.body,
      };
    });
    for (let start = 0; start < writes.length; start += CHUNK) {
      await upsertDocuments(tx, collection.name, writes.slice(start, start + CHUNK), at);
      await storeUniqueKeys(
        tx,
        collection,
        checked.slice(start, start + CHUNK).map((doc) => ({ id: String(doc[collection.primaryKey]), doc })),
      );
    }
    return [...new Set(writes.map((write) => write.scopeUnitId))];
  });
  deps.feed?.publish({ collection: collection.name, scopeUnitIds: scopes });
  return checked.length;
}
