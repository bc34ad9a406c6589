/** One field of a record across versions, for a side-by-side view. */
export type VersionRow = {
  /** The field's path: `name.given`, `phones[0]`. */
  readonly path: string;
  /** The field's value in each version as text; undefined where the version lacks the field (or the version). */
  readonly values: readonly (string | undefined)[];
  /** True when not every version holds the same value. */
  readonly differs: boolean;
};

/** Replication bookkeeping, not part of what a person wrote. */
const HIDDEN = new Set(['_meta', '_rev', '_attachments']);

function flatten(value: unknown, path: string, into: Map<string, string>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) into.set(path, '[]');
    value.forEach((item, index) => {
      flatten(item, `${path}[${String(index)}]`, into);
    });
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([key]) => !(path === '' && HIDDEN.has(key)));
    if (entries.length === 0 && path !== '') into.set(path, '{}');
    for (const [key, item] of entries) flatten(item, path === '' ? key : `${path}.${key}`, into);
    return;
  }
  if (path !== '') into.set(path, typeof value === 'string' ? value : JSON.stringify(value));
}

/** Every leaf field of a document as `path → text` (top-level replication bookkeeping left out). */
export function flattenDocument(document: unknown): ReadonlyMap<string, string> {
  const into = new Map<string, string>();
  flatten(document, '', into);
  return into;
}

/**
 * The fields of several versions of one record (a refused write beside the current record; base, station, server
 * and merged), one row per field in the order fields first appear, marking the rows whose values differ.
 */
export function versionRows(versions: readonly unknown[]): readonly VersionRow[] {
  const flat = versions.map((version) =>
    version === null || version === undefined ? undefined : flattenDocument(version),
  );
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const fields of flat)
    for (const path of fields?.keys() ?? [])
      if (!seen.has(path)) {
        seen.add(path);
        paths.push(path);
      }
  return paths.map((path) => {
    const values = flat.map((fields) => fields?.get(path));
    return { path, values, differs: new Set(values).size > 1 };
  });
}
