import type { ReplicatedCollection } from './replicated-collection.ts';

/**
 * The collections a server replicates, by name. Built once at start-up from definitions; the person collection (the
 * one whose scope rule is `person`) is the anchor that `person-record` collections follow.
 */
export type CollectionRegistry = {
  readonly names: readonly string[];
  get(name: string): ReplicatedCollection | undefined;
  /** The collection of residents, when one is registered. */
  readonly personCollection: ReplicatedCollection | undefined;
  /** Collections whose documents are records of a resident and follow the resident's scope. */
  readonly personRecordCollections: readonly ReplicatedCollection[];
};

const COLLECTION_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** Builds the registry; duplicate or malformed names, or two person collections, are configuration bugs and throw. */
export function createCollectionRegistry(collections: readonly ReplicatedCollection[]): CollectionRegistry {
  const byName = new Map<string, ReplicatedCollection>();
  for (const collection of collections) {
    if (!COLLECTION_NAME.test(collection.name)) throw new Error(`invalid collection name ${collection.name}`);
    if (byName.has(collection.name)) throw new Error(`collection ${collection.name} registered twice`);
    byName.set(collection.name, collection);
  }
  const persons = collections.filter((c) => c.scope.kind === 'person');
  if (persons.length > 1) throw new Error('only one collection may have the person scope rule');
  const personRecordCollections = collections.filter((c) => c.scope.kind === 'person-record');
  if (personRecordCollections.length > 0 && persons.length === 0) {
    throw new Error('person-record collections need a person collection');
  }
  return {
    names: [...byName.keys()],
    get: (name) => byName.get(name),
    personCollection: persons[0],
    personRecordCollections,
  };
}
