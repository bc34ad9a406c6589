import type { Encounter } from '../schemas/encounter.ts';
import { encounterFieldGroups } from '../schemas/field-groups.ts';
import { deepEqual } from './deep-equal.ts';
import { mergeDecision, mergeResult, type MergeDecision, type MergeResult } from './merge-decision.ts';
import { groupSides, laterStamp, resolveGroup, threeWayMerge } from './three-way-merge.ts';
import type { GroupResolution, GroupSides } from './three-way-merge.ts';

/**
 * Merges a station's write of an encounter into the master (DESIGN.md §5). A signed master never changes: the
 * station's differing version is quarantined (a correction is a new record that `amends` it). A station's signature
 * is applied only to content it saw: when the master's clinical content changed meanwhile to something else, the
 * master's draft stays and the signed version is quarantined. Two drafts merge group by group.
 */
export function mergeEncounter(
  base: Encounter | undefined,
  ours: Encounter,
  theirs: Encounter,
): MergeResult<Encounter> {
  const differing = Object.entries(encounterFieldGroups)
    .map(([group, fields]) => groupSides(group, fields, base, ours, theirs))
    .filter((sides) => !deepEqual(sides.ours, sides.theirs));
  if (differing.length === 0) return threeWayMerge(encounterFieldGroups, base, ours, theirs);
  if (theirs.status === 'signed') return keepMaster(theirs, differing, 'signed-record-immutable');
  if (ours.status === 'signed') {
    const clinical = groupSides('clinical', encounterFieldGroups.clinical, base, ours, theirs);
    const masterChangedClinical = clinical.base === undefined || !deepEqual(clinical.theirs, clinical.base);
    if (masterChangedClinical && !deepEqual(clinical.theirs, clinical.ours)) {
      return keepMaster(theirs, differing, 'signature-over-changed-content');
    }
    return threeWayMerge(encounterFieldGroups, base, ours, theirs, { signature: applyStationSignature });
  }
  return threeWayMerge(encounterFieldGroups, base, ours, theirs);
}

/** The master stands whole; each group the station changed is quarantined under `rule`, a stale one is just left. */
function keepMaster(
  theirs: Encounter,
  differing: readonly GroupSides[],
  rule: 'signed-record-immutable' | 'signature-over-changed-content',
): MergeResult<Encounter> {
  const decisions: MergeDecision[] = differing.map((sides) => {
    const stationChanged = sides.base === undefined || !deepEqual(sides.ours, sides.base);
    return mergeDecision({
      group: sides.group,
      rule: stationChanged ? rule : 'took-theirs',
      kept: sides.theirs,
      discarded: sides.ours,
      outcome: stationChanged ? 'quarantine' : 'merged',
    });
  });
  return mergeResult(theirs, decisions);
}

/** The station signed content the master agrees with: its signature wins over a concurrent draft-side change. */
function applyStationSignature(sides: GroupSides): GroupResolution {
  const resolved = resolveGroup(sides);
  if (deepEqual(resolved.value, sides.ours)) return resolved;
  return {
    value: sides.ours,
    stamp: laterStamp(sides.oursStamp, sides.theirsStamp),
    decisions: [
      mergeDecision({ group: sides.group, rule: 'took-ours', kept: sides.ours, discarded: sides.theirs }),
    ],
  };
}
