import { immunizationFieldGroups, type ImmunizationFieldGroup } from '../schemas/field-groups.ts';
import type { Immunization, ImmunizationStatus } from '../schemas/immunization.ts';
import { deepEqual } from './deep-equal.ts';
import { mergeDecision, mergeResult, type MergeDecision, type MergeResult } from './merge-decision.ts';
import { groupSides, laterStamp, pickGroup, threeWayMerge } from './three-way-merge.ts';
import type { GroupSides } from './three-way-merge.ts';

const ENTERED_IN_ERROR = 'entered-in-error' satisfies ImmunizationStatus;
const STATUS_FIELD = 'status';
const STATUS_GROUP = 'record' satisfies ImmunizationFieldGroup;
const CONTENT_FIELDS = Object.values(immunizationFieldGroups)
  .flat()
  .filter((field) => field !== STATUS_FIELD);

/**
 * Merges a station's write of an immunization into the master (DESIGN.md §5). Immunizations are append-only: the
 * only change a station may make to an existing record is marking it entered-in-error, which is applied on top of
 * the master. Any other change (or an insert that collides with a different record) leaves the master as it is and
 * quarantines the station's version; a correction is a new record that `amends` the old one.
 */
export function mergeImmunization(
  base: Immunization | undefined,
  ours: Immunization,
  theirs: Immunization,
): MergeResult<Immunization> {
  const differing = Object.entries(immunizationFieldGroups)
    .map(([group, fields]) => groupSides(group, fields, base, ours, theirs))
    .filter((sides) => !deepEqual(sides.ours, sides.theirs));
  if (differing.length === 0) return threeWayMerge(immunizationFieldGroups, base, ours, theirs);
  const content = (doc: Immunization) => pickGroup(doc, CONTENT_FIELDS);
  const contentAgrees = deepEqual(content(ours), content(theirs));
  const stationChangedContent = base === undefined || !deepEqual(content(ours), content(base));
  if (stationChangedContent && !contentAgrees) {
    return keepMaster(theirs, differing, base === undefined ? 'insert-collision' : 'append-only-record');
  }
  const stationMarkedInError = ours.status === ENTERED_IN_ERROR && base?.status !== ENTERED_IN_ERROR;
  if (stationMarkedInError && theirs.status !== ENTERED_IN_ERROR)
    return markInError(ours, theirs, contentAgrees);
  const stationChangedStatus = base !== undefined && ours.status !== base.status;
  if (stationChangedStatus && ours.status !== theirs.status)
    return keepMaster(theirs, differing, 'append-only-record');
  return keepMaster(theirs, differing, undefined);
}

/**
 * The master stands whole. With a `rule`, the station's differing groups are quarantined under it; without one the
 * station's version was merely stale and its differing values are recorded as discarded.
 */
function keepMaster(
  theirs: Immunization,
  differing: readonly GroupSides[],
  rule: 'append-only-record' | 'insert-collision' | undefined,
): MergeResult<Immunization> {
  const decisions: MergeDecision[] = differing.map((sides) =>
    mergeDecision({
      group: sides.group,
      rule: rule ?? 'took-theirs',
      kept: sides.theirs,
      discarded: sides.ours,
      outcome: rule === undefined ? 'merged' : 'quarantine',
    }),
  );
  return mergeResult(theirs, decisions);
}

/** The master with the station's entered-in-error mark, stamped with the later of the two record stamps. */
function markInError(
  ours: Immunization,
  theirs: Immunization,
  contentAgrees: boolean,
): MergeResult<Immunization> {
  // The mark is the station's change: credited to whoever made it there.
  const { updatedBy: _theirAuthor, ...master } = theirs;
  const merged: Immunization = {
    ...master,
    ...(ours.updatedBy === undefined ? {} : { updatedBy: ours.updatedBy }),
    status: ENTERED_IN_ERROR,
    stamps: {
      ...theirs.stamps,
      [STATUS_GROUP]: laterStamp(ours.stamps[STATUS_GROUP], theirs.stamps[STATUS_GROUP]),
    },
    updatedAt: ours.updatedAt > theirs.updatedAt ? ours.updatedAt : theirs.updatedAt,
  };
  const decisions = [
    mergeDecision({
      group: STATUS_GROUP,
      field: STATUS_FIELD,
      rule: 'entered-in-error-applied',
      kept: { [STATUS_FIELD]: ENTERED_IN_ERROR },
      discarded: { [STATUS_FIELD]: theirs.status },
    }),
  ];
  if (!contentAgrees) {
    const kept = pickGroup(theirs, CONTENT_FIELDS);
    decisions.push(
      mergeDecision({
        group: STATUS_GROUP,
        rule: 'took-theirs',
        kept,
        discarded: pickGroup(ours, CONTENT_FIELDS),
      }),
    );
  }
  return mergeResult(merged, decisions);
}
