import { deepEqual } from './deep-equal.ts';
import {
  mergeDecision,
  mergeResult,
  type GroupValue,
  type MergeDecision,
  type MergeResult,
} from './merge-decision.ts';

/** The fields of each field group, keyed by group name (the keys of a document's `stamps`). */
export type FieldGroups = Readonly<Record<string, readonly string[]>>;

/** What every mergeable document carries: per-group HLC stamps (serialized) and the audit datetimes. */
export type MergeableDocument = {
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy?: string;
  readonly stamps: Readonly<Record<string, string>>;
};

/**
 * One field group as the three versions have it. `base` is undefined when the station inserted a record that
 * already exists on the server (an insert collision); a missing stamp reads as `''`, older than every stamp.
 */
export type GroupSides = {
  readonly group: string;
  readonly base: GroupValue | undefined;
  readonly ours: GroupValue;
  readonly theirs: GroupValue;
  readonly oursStamp: string;
  readonly theirsStamp: string;
};

/** How a group was resolved: its merged value, the stamp the merged document carries for it, and why. */
export type GroupResolution = {
  readonly value: GroupValue;
  readonly stamp: string;
  readonly decisions: readonly MergeDecision[];
};

/** A domain policy for one group; it may delegate to `resolveGroup` and then apply its rules. */
export type GroupResolver = (sides: GroupSides) => GroupResolution;

/** Who changed a group relative to the base. `insert-collision`: no base, and the two sides differ. */
export type GroupChange = 'none' | 'theirs-only' | 'ours-only' | 'both' | 'insert-collision';

/** The group's fields that `doc` holds, in the document's shape (absent optional fields stay absent). */
export function pickGroup(doc: object, fields: readonly string[]): GroupValue {
  const record = doc as Readonly<Record<string, unknown>>;
  return Object.fromEntries(
    fields.flatMap((field) => (record[field] === undefined ? [] : [[field, record[field]]])),
  );
}

/** The later of two serialized HLC stamps: their plain string order is their clock order. */
export function laterStamp(a: string, b: string): string {
  return a > b ? a : b;
}

/** The side whose write is newer; on a tie the master (theirs), so that every server decides alike. */
export function newerSide(sides: Pick<GroupSides, 'oursStamp' | 'theirsStamp'>): 'ours' | 'theirs' {
  return sides.oursStamp > sides.theirsStamp ? 'ours' : 'theirs';
}

/** Classifies a group by deep equality of its values. */
export function groupChange(sides: Pick<GroupSides, 'base' | 'ours' | 'theirs'>): GroupChange {
  const { base, ours, theirs } = sides;
  if (deepEqual(ours, theirs)) return 'none';
  if (base === undefined) return 'insert-collision';
  if (deepEqual(ours, base)) return 'theirs-only';
  if (deepEqual(theirs, base)) return 'ours-only';
  return 'both';
}

/**
 * The default policy: a group changed on one side only takes that side; changed on both to equal values keeps that
 * value; changed on both differently (or colliding on insert) takes the side with the newer stamp, master on a tie.
 * Whenever the two sides differ, the value left out is recorded as discarded.
 */
export function resolveGroup(sides: GroupSides): GroupResolution {
  const { group, ours, theirs, oursStamp, theirsStamp } = sides;
  const change = groupChange(sides);
  switch (change) {
    case 'none':
      return { value: theirs, stamp: laterStamp(oursStamp, theirsStamp), decisions: [] };
    case 'theirs-only':
      return {
        value: theirs,
        stamp: theirsStamp,
        decisions: [mergeDecision({ group, rule: 'took-theirs', kept: theirs, discarded: ours })],
      };
    case 'ours-only':
      return {
        value: ours,
        stamp: oursStamp,
        decisions: [mergeDecision({ group, rule: 'took-ours', kept: ours, discarded: theirs })],
      };
    case 'both':
    case 'insert-collision': {
      const rule = change === 'both' ? 'concurrent-newer-stamp-won' : 'insert-collision';
      const oursWon = newerSide(sides) === 'ours';
      const [kept, discarded] = oursWon ? [ours, theirs] : [theirs, ours];
      return {
        value: kept,
        stamp: oursWon ? oursStamp : theirsStamp,
        decisions: [mergeDecision({ group, rule, kept, discarded })],
      };
    }
  }
}

/** The three versions of one group of a document. */
export function groupSides<T extends MergeableDocument>(
  group: string,
  fields: readonly string[],
  base: T | undefined,
  ours: T,
  theirs: T,
): GroupSides {
  return {
    group,
    base: base === undefined ? undefined : pickGroup(base, fields),
    ours: pickGroup(ours, fields),
    theirs: pickGroup(theirs, fields),
    oursStamp: ours.stamps[group] ?? '',
    theirsStamp: theirs.stamps[group] ?? '',
  };
}

/**
 * Merges a station's write into the master, field group by field group (DESIGN.md §5): base = the station's
 * assumedMasterState (undefined for an insert), ours = its newDocumentState, theirs = the current master. Each group
 * goes through its resolver in `resolvers`, else `resolveGroup`. Fields outside every group (id, synthetic, derived
 * fields) come from theirs; `stamps` carry each group's resolved stamp; `updatedAt` is the later and `createdAt` the
 * earlier of the two sides, and `updatedBy` is the author of the later side (`latestAuthor`). Pure: the inputs are
 * not modified.
 */
export function threeWayMerge<T extends MergeableDocument>(
  groups: FieldGroups,
  base: T | undefined,
  ours: T,
  theirs: T,
  resolvers: Readonly<Partial<Record<string, GroupResolver>>> = {},
): MergeResult<T> {
  const grouped = new Set(Object.values(groups).flat());
  const merged: Record<string, unknown> = Object.fromEntries(
    Object.entries(theirs).filter(([field]) => !grouped.has(field)),
  );
  const stamps: Record<string, string> = { ...theirs.stamps };
  const decisions: MergeDecision[] = [];
  for (const [group, fields] of Object.entries(groups)) {
    const resolve = resolvers[group] ?? resolveGroup;
    const resolution = resolve(groupSides(group, fields, base, ours, theirs));
    Object.assign(merged, resolution.value);
    stamps[group] = resolution.stamp;
    decisions.push(...resolution.decisions);
  }
  merged.stamps = Object.fromEntries(Object.entries(stamps).filter(([, stamp]) => stamp !== ''));
  merged.updatedAt = ours.updatedAt > theirs.updatedAt ? ours.updatedAt : theirs.updatedAt;
  merged.createdAt = ours.createdAt < theirs.createdAt ? ours.createdAt : theirs.createdAt;
  delete merged.updatedBy;
  Object.assign(merged, latestAuthor(ours, theirs));
  // The merged record has theirs' ungrouped fields and each group's resolved fields: the shape of T.
  return mergeResult(merged as T, decisions);
}

/** `updatedBy` of the side with the later `updatedAt` (theirs on a tie), as a spreadable part; empty when absent. */
export function latestAuthor(
  ours: Pick<MergeableDocument, 'updatedAt' | 'updatedBy'>,
  theirs: Pick<MergeableDocument, 'updatedAt' | 'updatedBy'>,
): { updatedBy?: string } {
  const author = ours.updatedAt > theirs.updatedAt ? ours.updatedBy : theirs.updatedBy;
  return author === undefined ? {} : { updatedBy: author };
}
