import { personFieldGroups } from '../schemas/field-groups.ts';
import { withDerivedPersonFields } from '../schemas/person-derived-fields.ts';
import type { Person } from '../schemas/person.ts';
import { deepEqual } from './deep-equal.ts';
import { mergeDecision, type MergeResult } from './merge-decision.ts';
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
 * - a death the master holds is kept; a station edit that would undo it is kept in the quarantine for an admin;
 * - a death the station newly recorded is kept over a concurrent status change on the server;
 * - a death the base had but the master no longer has was corrected by an admin on the server: the master's
 *   status stands, whatever the station (which had not seen the correction) wrote meanwhile.
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
  if (theirs.status === 'deceased') {
    // The station would undo a death the master holds: keep the death; an un-death is quarantined for an admin.
    const stationUndidDeath = base?.status === 'deceased';
    return {
      value: theirs,
      stamp,
      decisions: [
        mergeDecision({
          group,
          rule: 'death-is-sticky',
          kept: theirs,
          discarded: ours,
          outcome: stationUndidDeath ? 'quarantine' : 'merged',
        }),
      ],
    };
  }
  if (ours.status === 'deceased' && base?.status !== 'deceased') {
    return {
      value: ours,
      stamp,
      decisions: [mergeDecision({ group, rule: 'death-is-sticky', kept: ours, discarded: theirs })],
    };
  }
  if (base?.status === 'deceased' && !deepEqual(resolved.value, theirs)) {
    // The master corrected a wrong death record (an admin's direct write); a concurrent station edit does not win.
    return {
      value: theirs,
      stamp,
      decisions: [mergeDecision({ group, rule: 'took-theirs', kept: theirs, discarded: ours })],
    };
  }
  return resolved;
}
