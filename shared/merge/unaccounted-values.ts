import type { MergeResult } from './merge-decision.ts';

/** A leaf value of ours or theirs that a merge neither kept nor recorded; `path` uses `[]` for array positions. */
export type UnaccountedValue = {
  readonly side: 'ours' | 'theirs';
  readonly path: string;
  readonly value: string | number | boolean;
};

/**
 * The "nothing is lost" check of DESIGN.md §5: every non-empty leaf value of ours and theirs must be in the merged
 * document at the same path (array positions aside), or at that path inside some decision's `kept` or `discarded`
 * (decisions hold values in the document's own shape). Returns the values that are neither; empty means nothing was
 * lost. `ignoredFields` are top-level bookkeeping fields a merge recomputes: stamps, datetimes, derived search keys.
 */
export function unaccountedValues(
  ours: object,
  theirs: object,
  result: MergeResult<object>,
  ignoredFields: readonly string[],
): UnaccountedValue[] {
  const ignored = new Set(ignoredFields);
  const accounted = new Set<string>();
  const account = (value: object): void => {
    for (const leaf of leavesOf(value, ignored)) accounted.add(leaf.key);
  };
  account(result.merged);
  for (const decision of result.decisions) {
    account(decision.kept);
    if (decision.discarded !== undefined) account(decision.discarded);
  }
  const unaccounted: UnaccountedValue[] = [];
  for (const [side, doc] of [
    ['ours', ours],
    ['theirs', theirs],
  ] as const) {
    for (const leaf of leavesOf(doc, ignored)) {
      if (!accounted.has(leaf.key)) unaccounted.push({ side, path: leaf.path, value: leaf.value });
    }
  }
  return unaccounted;
}

type Leaf = { readonly key: string; readonly path: string; readonly value: string | number | boolean };

function leavesOf(doc: object, ignored: ReadonlySet<string>): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (value !== '') leaves.push({ key: `${path}=${JSON.stringify(value)}`, path, value });
    } else if (Array.isArray(value)) {
      for (const item of value as readonly unknown[]) walk(item, `${path}[]`);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path === '' ? key : `${path}.${key}`);
    }
  };
  for (const [field, value] of Object.entries(doc)) {
    if (!ignored.has(field)) walk(value, field);
  }
  return leaves;
}
