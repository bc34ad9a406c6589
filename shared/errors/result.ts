import type { Issue } from './issue.ts';

/**
 * The outcome of parsing or validating untrusted input. A success may still carry soft `warnings` (for example a
 * CCCD whose birth year disagrees with the recorded date of birth); a failure carries at least one hard error.
 * Parsers return a `Result` for every input and never throw on bad data.
 */
export type Result<T, C extends string = string> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Issue<C>[] }
  | { readonly ok: false; readonly errors: readonly [Issue<C>, ...Issue<C>[]] };

export function ok<T, C extends string = string>(value: T, warnings: readonly Issue<C>[] = []): Result<T, C> {
  return { ok: true, value, warnings };
}

export function fail<C extends string>(
  first: Issue<C>,
  ...rest: Issue<C>[]
): { ok: false; errors: [Issue<C>, ...Issue<C>[]] } {
  return { ok: false, errors: [first, ...rest] };
}

/** Unwraps a result whose failure would be a bug (fixtures, shipped reference data); throws with the codes. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new Error(`unexpected invalid value: ${result.errors.map((e) => e.code).join(', ')}`);
}
