import { deepEqual } from './deep-equal.ts';

/**
 * Stamps a local write (DESIGN.md §5): every field group whose fields differ between `before` (absent for an
 * insert: every group counts as changed) and `after` gets `stamp`, the writer's HLC for this write; the other groups
 * keep their stamps. `updatedAt` is set to `at`. The merge policies compare these stamps group by group.
 */
export function stampWrite<D extends { readonly stamps: Readonly<Record<string, string>> }>(
  before: D | undefined,
  after: Omit<D, 'stamps' | 'updatedAt'> & { readonly stamps?: Readonly<Record<string, string>> },
  fieldGroups: Readonly<Record<string, readonly string[]>>,
  stamp: string,
  at: string,
): D {
  const stamps: Record<string, string> = { ...(before?.stamps ?? {}) };
  const previous = before as Readonly<Record<string, unknown>> | undefined;
  const next = after as Readonly<Record<string, unknown>>;
  for (const [group, fields] of Object.entries(fieldGroups)) {
    const changed =
      previous === undefined || fields.some((field) => !deepEqual(previous[field], next[field]));
    if (changed || stamps[group] === undefined) stamps[group] = stamp;
  }
  return { ...after, stamps, updatedAt: at } as unknown as D;
}
