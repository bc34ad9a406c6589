import { mergeResult } from '#shared/merge/merge-decision.ts';
import type { CollectionDefinition } from '#shared/schemas/collections.ts';
import { defineReplicatedCollection, type ReplicatedCollection } from './replicated-collection.ts';

/** The time stamp of an eviction tombstone: long before any real document. */
export const EVICTED_AT = '2000-01-01T00:00:00.000Z';

/**
 * A collection only the server writes, scoped to the unit each document names: a client's write is quarantined and
 * the stored document stands; a document leaving a unit's scope is replaced there by `tombstone`.
 */
export function serverWrittenCollection<T extends { readonly id: string; readonly orgUnitId: string }>(
  definition: CollectionDefinition<T>,
  tombstone: (id: string) => T,
): ReplicatedCollection {
  return defineReplicatedCollection<T>({
    name: definition.name,
    primaryKey: 'id',
    clientFields: Object.keys(definition.schema.properties),
    schemaVersion: definition.schema.version,
    validate: definition.validate,
    merge: (_base, _ours, theirs) => mergeResult(theirs, []),
    scope: { kind: 'unit', unitOf: (doc) => doc.orgUnitId },
    deletion: 'refused',
    writableBy: () => false,
    evictionTombstone: tombstone,
  });
}
