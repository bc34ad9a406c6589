import { personFieldGroups } from '../schemas/field-groups.ts';
import { withDerivedPersonFields } from '../schemas/person-derived-fields.ts';
import type { Person } from '../schemas/person.ts';
import { deepEqual } from './deep-equal.ts';
import { mergeDecision, type GroupValue, type MergeResult } from './merge-decision.ts';
import { resolvePersonIdentifiers } from './merge-person-identifiers.ts';
import { laterStamp, resolveGroup, threeWayMerge } from './three-way-merge.ts';
import type { GroupResolution, GroupSides } from './three-way-merge.ts';

/**
 * Merges a station's write of a person into the master (DESIGN.md §5), field group by field group, with the domain
 * rules: identifiers are merged one by one and never replaced by nothing (`resolvePersonIdentifiers`), a recorded
 * death and a server-side merge into another record are sticky (`resolvePersonStatus`). The derived search fields
 * are recomputed from the merged name and identifiers (`withDerivedPersonFields`).
 */
export function mergePerson(base: Person | undefined, ours: Person, theirs: Person): MergeResult<Person> {
  const result = threeWayMerge(personFieldGroups, base, ours, theirs, {
    identifiers: resolvePersonIdentifiers,
    status: resolvePersonStatus,
  });
  return { ...result, merged: withDerivedPersonFields(result.merged) };
}

/**
 * The merge policy of the person `status` group, on top of `resolveGroup`:
 * - a person the master has merged into another record (duplicate resolution on the server) stays merged; a death
 *   the station recorded meanwhile is quarantined, so that an admin carries it over to the surviving record;
 * - otherwise, when the master, the station or the base says `deceased`, the result says `deceased` too, with that
 *   version's death date (the master's first). A wrong death record is corrected by a direct write, never a merge.
 */
export function resolvePersonStatus(sides: GroupSides): GroupResolution {
  const { group, base, ours, theirs } = sides;
  const resolved = resolveGroup(sides);
  const stamp = laterStamp(sides.oursStamp, sides.theirsStamp);
  if (theirs.status === 'merged') {
    if (deepEqual(resolved.value, theirs)) return resolved;
    const stationRecordedDeath = ours.status === 'deceased' && base?.status !== 'deceased';
    const outcome = stationRecordedDeath ? 'quarantine' : 'merged';
    return {
      value: theirs,
      stamp,
      decisions: [mergeDecision({ group, rule: 'merged-is-sticky', kept: theirs, discarded: ours, outcome })],
    };
  }
  if (resolved.value.status === 'deceased') return resolved;
  const death = [theirs, ours, base].find((version) => version?.status === 'deceased');
  if (death === undefined) return resolved;
  const overruled: GroupValue[] = deepEqual(ours, theirs) ? [theirs] : [theirs, ours];
  return {
    value: death,
    stamp,
    decisions: overruled
      .filter((version) => !deepEqual(version, death))
      .map((discarded) => mergeDecision({ group, rule: 'death-is-sticky', kept: death, discarded })),
  };
}
