import type { ReplicatedCollection, ReplicatedDocument } from '../replicated-collection.ts';

/** Where a stored document lives: the scope unit whose replicas hold it, and the person it belongs to (if any). */
export type DocumentPlacement = { readonly scopeUnitId: string; readonly personId: string | null };

/**
 * Where a document is stored (DESIGN.md §5 scope): a person under the unit it names; a person's record under that
 * person's current scope (`personScopes`, locked by the caller), or, while the person is not on the server yet,
 * under the unit that recorded it (it joins the person's scope when the person arrives); a unit document under its
 * unit.
 */
export function placementOf(
  collection: ReplicatedCollection,
  personScopes: ReadonlyMap<string, string>,
  doc: ReplicatedDocument,
): DocumentPlacement {
  const rule = collection.scope;
  switch (rule.kind) {
    case 'person':
      return { scopeUnitId: rule.unitOf(doc), personId: String(doc[collection.primaryKey]) };
    case 'person-record': {
      const personId = rule.personIdOf(doc);
      return { scopeUnitId: personScopes.get(personId) ?? rule.recordedUnitOf(doc), personId };
    }
    case 'unit':
      return { scopeUnitId: rule.unitOf(doc), personId: null };
  }
}
