import { deepEqual } from '#shared/merge/deep-equal.ts';
import { mergeEncounter } from '#shared/merge/merge-encounter.ts';
import { mergeImmunization } from '#shared/merge/merge-immunization.ts';
import { mergePerson } from '#shared/merge/merge-person.ts';
import { collections } from '#shared/schemas/collections.ts';
import { withDerivedPersonFields } from '#shared/schemas/person-derived-fields.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { DuplicateDetector } from '../duplicates/duplicate-detector.ts';
import { createHealthIdKey, type HealthIdKey } from '../health-ids/health-id-key.ts';
import { healthIdOriginRefusals } from '../health-ids/health-id-origin.ts';
import { scopeUnitIds } from '../replication/replication-scope.ts';
import { encounterTombstone, immunizationTombstone, personTombstone } from './eviction-tombstones.ts';
import {
  defineReplicatedCollection,
  type ReplicatedCollection,
} from '../replication/replicated-collection.ts';

/**
 * The replicated collections of HSSK Hà Nội (DESIGN.md §4–5), built on the shared kernel: the RxDB schemas and zod
 * validators of `shared/schemas/collections.ts` and the merge policies of `shared/merge`.
 *
 * - persons: scope = the managing unit (`orgUnitId`); derived search fields recomputed on every write; never deleted
 *   (status `moved_out`/`deceased`/`merged` say what happened); no two residents share a health ID. The duplicate-merge tool must set a merged-away
 *   record's `orgUnitId` to the survivor's unit, so the redirect lives where the survivor lives.
 * - encounters: a record of its person; a signed encounter never changes or disappears (corrections amend it).
 * - immunizations: a record of its person; append-only, only `entered-in-error` may be marked; never deleted.
 */
export function domainReplicatedCollections(
  options: {
    /** Checks every accepted resident write for potential duplicates, inside the push's transaction. */
    duplicates?: DuplicateDetector | undefined;
    /** Hashes a resident's health ID for the uniqueness check (default: without a configured key). */
    healthIdKey?: HealthIdKey | undefined;
  } = {},
): readonly ReplicatedCollection[] {
  const { duplicates } = options;
  const healthIdKey = options.healthIdKey ?? createHealthIdKey(undefined);
  const persons = defineReplicatedCollection<Person>({
    name: collections.persons.name,
    primaryKey: 'id',
    clientFields: Object.keys(collections.persons.schema.properties),
    schemaVersion: collections.persons.schema.version,
    validate: collections.persons.validate,
    normalize: withDerivedPersonFields,
    merge: mergePerson,
    scope: {
      kind: 'person',
      unitOf: (person) => person.orgUnitId,
      leaveReason: (person) => (person.status === 'merged' ? 'merged-away' : 'moved'),
    },
    deletion: 'refused',
    // Health IDs are unique (Art. 3.3): a resident written with another resident's ID is quarantined.
    uniqueKey: { keyOf: (person) => healthIdKey(person.healthId), reason: 'health-id-taken' },
    // A health ID newly given must be the writer's to give: from a block the server allocated to its unit(s).
    async checkWrites(tx, writes, pusher) {
      const given = writes.filter((w) => w.master === undefined || w.master.healthId !== w.doc.healthId);
      if (given.length === 0) return new Map();
      const units =
        pusher.scope.kind === 'subtree' ? await scopeUnitIds(tx, pusher.scope) : new Set<string>();
      const refusals = await healthIdOriginRefusals(
        tx,
        given.map((w) => ({ healthId: w.doc.healthId, synthetic: w.doc.synthetic })),
        (unitId) => units.has(unitId),
      );
      return new Map(
        given.flatMap((w) => {
          const refusal = refusals.get(w.doc.healthId);
          return refusal === undefined ? [] : [[w.id, refusal] as const];
        }),
      );
    },
    ...(duplicates === undefined
      ? {}
      : {
          onAccepted: async (tx, accepted, _pusher, at) => {
            await duplicates.check(tx, accepted, at);
            return [];
          },
        }),
    evictionTombstone: personTombstone,
  });
  const encounters = defineReplicatedCollection({
    name: collections.encounters.name,
    primaryKey: 'id',
    clientFields: Object.keys(collections.encounters.schema.properties),
    schemaVersion: collections.encounters.schema.version,
    validate: collections.encounters.validate,
    merge: mergeEncounter,
    scope: {
      kind: 'person-record',
      personIdOf: (encounter) => encounter.personId,
      recordedUnitOf: (encounter) => encounter.orgUnitId,
    },
    deletion: 'allowed',
    refuseUpdate: (master, next) =>
      !master.deleted && master.doc.status === 'signed' && (next.deleted || !deepEqual(master.doc, next.doc))
        ? 'signed-record-changed'
        : undefined,
    evictionTombstone: encounterTombstone,
  });
  const immunizations = defineReplicatedCollection({
    name: collections.immunizations.name,
    primaryKey: 'id',
    clientFields: Object.keys(collections.immunizations.schema.properties),
    schemaVersion: collections.immunizations.schema.version,
    validate: collections.immunizations.validate,
    merge: mergeImmunization,
    scope: {
      kind: 'person-record',
      personIdOf: (immunization) => immunization.personId,
      recordedUnitOf: (immunization) => immunization.orgUnitId,
    },
    deletion: 'refused',
    // The shared policy with the master as base: what it would quarantine in a merge is what a plain update breaks.
    refuseUpdate: (master, next) =>
      !master.deleted && mergeImmunization(master.doc, next.doc, master.doc).needsQuarantine
        ? 'append-only-record-changed'
        : undefined,
    evictionTombstone: immunizationTombstone,
  });
  return [persons, encounters, immunizations];
}
