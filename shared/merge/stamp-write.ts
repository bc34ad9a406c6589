import { deepEqual } from './deep-equal.ts';

/**
 * Stamps a local write (DESIGN.md §5): every field group whose fields differ between `before` (absent for an
 * insert: every group counts as changed) and `after` gets `stamp`, the writer's HLC for this write; the other groups
 * keep their stamps. `updatedAt` is set to `at` and `updatedBy` to `by`, the user name of the account that made the
 * change (Art. 9: users answer for their updates); `by` undefined means no person made it (a server rule, the
 * synthetic generator), and the previous author is then removed rather than credited with a change they did not
 * make. The merge policies compare the stamps group by group.
 */
export function stampWrite<D extends { readonly stamps: Readonly<Record<string, string>> }>(
  before: D | undefined,
  after: Omit<D, 'stamps' | 'updatedAt'> & { readonly stamps?: Readonly<Record<string, string>> },
  fieldGroups: Readonly<Record<string, readonly string[]>>,
  stamp: string,
  at: string,
  by: string | undefined,
): D {
  const stamps: Record<string, string> = { ...(before?.stamps ?? {}) };
  const previous = before as Readonly<Record<string, unknown>> | undefined;
  const next = after as Readonly<Record<string, unknown>>;
  for (const [group, fields] of Object.entries(fieldGroups)) {
    const changed =
      previous === undefined || fields.some((field) => !deepEqual(previous[field], next[field]));
    if (changed || stamps[group] === undefined) stamps[group] = stamp;
  }
  const { updatedBy: _previousAuthor, ...rest } = next;
  return { ...rest, stamps, updatedAt: at, ...(by === undefined ? {} : { updatedBy: by }) } as unknown as D;
}
