/**
 * The rows of a raw `db.execute` result. node-postgres and PGlite both answer `{ rows }`, with driver-specific value
 * types (int8 as string or number, bytea as Buffer or Uint8Array): callers convert each column they read.
 */
export function rowsOf(result: unknown): readonly Readonly<Record<string, unknown>>[] {
  if (typeof result !== 'object' || result === null || !('rows' in result) || !Array.isArray(result.rows)) {
    throw new Error('unexpected result shape from db.execute');
  }
  return result.rows as Readonly<Record<string, unknown>>[];
}

/** An int8/numeric column as a JS number (the sequences stay far below 2^53). */
export function numberColumn(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new Error(`expected a number column, got ${typeof value}`);
}

/** A bytea column as a Uint8Array (node-postgres gives a Buffer, which is one). */
export function bytesColumn(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new Error(`expected a bytea column, got ${typeof value}`);
}
