import { personFieldGroups } from '#shared/schemas/field-groups.ts';
import { mergeablePersonGroups, type MergeablePersonGroup } from '#shared/schemas/field-groups.ts';

/** A resident's record as the review reads it: field name → value, as the server sent it. */
export type PersonRecord = Readonly<Record<string, unknown>>;

/** One field of the two records side by side. */
export type PairFieldRow = {
  readonly group: MergeablePersonGroup;
  readonly field: string;
  /** The field's value in record a, then record b (undefined where the record lacks it). */
  readonly values: readonly [unknown, unknown];
  readonly differs: boolean;
};

/** One field group of the two records: the unit an admin picks whose value survives. */
export type PairGroup = {
  readonly group: MergeablePersonGroup;
  /** The group's fields that either record fills, in the order of `personFieldGroups`. */
  readonly fields: readonly PairFieldRow[];
  readonly differs: boolean;
  /** Whether record a, then record b, fills any field of the group that a merge can take. */
  readonly filled: readonly [boolean, boolean];
};

/** The health ID stays the survivor's whatever the admin picks: it is printed on the resident's card. */
export const KEPT_FIELD = 'healthId';

/** True when `value` holds something a person wrote: not absent, blank, an empty list or an object of those. */
export function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(hasValue);
  if (typeof value === 'object') return Object.values(value).some(hasValue);
  return true;
}

/** JSON with object keys sorted, so that two values compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** Whether two values of a field mean the same (an absent value and an empty one are the same: nothing). */
export function sameValue(x: unknown, y: unknown): boolean {
  if (!hasValue(x) && !hasValue(y)) return true;
  return canonical(x) === canonical(y);
}

/**
 * The two records of a pair, field group by field group (the groups a merge chooses between), marking the fields
 * and groups whose values differ. Fields that neither record fills are left out; the health ID is always shown.
 */
export function pairGroups(a: PersonRecord, b: PersonRecord): readonly PairGroup[] {
  return mergeablePersonGroups.map((group): PairGroup => {
    const fields: PairFieldRow[] = personFieldGroups[group]
      .filter((field) => field === KEPT_FIELD || hasValue(a[field]) || hasValue(b[field]))
      .map((field) => ({
        group,
        field,
        values: [a[field], b[field]],
        differs: !sameValue(a[field], b[field]),
      }));
    const takeable = fields.filter((row) => row.field !== KEPT_FIELD);
    return {
      group,
      fields,
      differs: takeable.some((row) => row.differs),
      filled: [
        takeable.some((row) => hasValue(row.values[0])),
        takeable.some((row) => hasValue(row.values[1])),
      ],
    };
  });
}
