import { personFieldGroups } from '#shared/schemas/field-groups.ts';
import { mergeablePersonGroups, type MergeablePersonGroup } from '#shared/schemas/field-groups.ts';
import type { MergeTake } from '#shared/server-api/duplicates.ts';
import { hasValue, KEPT_FIELD, type PairGroup, type PersonRecord } from './pair-rows.ts';

/** Per field group, the id of the record whose value the survivor ends up with. */
export type GroupPicks = Readonly<Record<MergeablePersonGroup, string>>;

type Side = PersonRecord & { readonly id: string; readonly createdAt: string };

/** How many values a record holds in the groups a merge can take (each list item and nested value counted). */
export function filledValueCount(person: PersonRecord): number {
  const count = (value: unknown): number => {
    if (!hasValue(value)) return 0;
    if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + count(item), 0);
    if (typeof value === 'object' && value !== null)
      return Object.values(value).reduce<number>((sum, item) => sum + count(item), 0);
    return 1;
  };
  return mergeablePersonGroups.reduce(
    (sum, group) =>
      sum +
      personFieldGroups[group].reduce<number>(
        (inner, field) => (field === KEPT_FIELD ? inner : inner + count(person[field])),
        0,
      ),
    0,
  );
}

/**
 * The record the console proposes to keep: the OLDER one (registered first). The survivor always keeps its own
 * health ID, and the older ID is the one that has been printed on the resident's card and quoted to hospitals and
 * insurers the longest, so keeping it changes the fewest cards; the other record's data is not lost either way, as the
 * admin takes it group by group. Registered at the same instant: the one with more data, then record a.
 */
export function defaultSurvivor(a: Side, b: Side): string {
  const olderFirst = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (Number.isFinite(olderFirst) && olderFirst !== 0) return olderFirst < 0 ? a.id : b.id;
  return filledValueCount(b) > filledValueCount(a) ? b.id : a.id;
}

/**
 * Whose value each group keeps unless the admin picks otherwise: the survivor's own, except where the survivor has
 * nothing in a group that the other record fills (keeping an empty group would only drop the other's data).
 */
export function defaultPicks(
  groups: readonly PairGroup[],
  ids: readonly [string, string],
  survivorId: string,
): GroupPicks {
  const survivorSide = survivorId === ids[1] ? 1 : 0;
  const otherId = ids[1 - survivorSide] ?? survivorId;
  const picks = Object.fromEntries(mergeablePersonGroups.map((group) => [group, survivorId])) as Record<
    MergeablePersonGroup,
    string
  >;
  for (const group of groups)
    if (!group.filled[survivorSide] && group.filled[1 - survivorSide] === true) picks[group.group] = otherId;
  return picks;
}

/** The defaults with the admin's own picks over them (a pick names a record, so it holds whichever survives). */
export function effectivePicks(
  defaults: GroupPicks,
  chosen: Readonly<Partial<Record<MergeablePersonGroup, string>>>,
): GroupPicks {
  return { ...defaults, ...chosen };
}

/** The merge request's `take`: every group, `other` where the value picked is not the survivor's. */
export function takeOf(picks: GroupPicks, survivorId: string): Required<MergeTake> {
  return Object.fromEntries(
    mergeablePersonGroups.map((group) => [group, picks[group] === survivorId ? 'survivor' : 'other']),
  ) as Required<MergeTake>;
}

/** The groups the survivor takes from the other record, in form order. */
export function takenGroups(take: MergeTake): readonly MergeablePersonGroup[] {
  return mergeablePersonGroups.filter((group) => take[group] === 'other');
}
