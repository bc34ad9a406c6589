import { toError } from '#shared/errors/to-error.ts';

/** PostgreSQL deadlock_detected and serialization_failure: the transaction did nothing and may simply run again. */
const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40P01', '40001']);

function sqlStateOf(error: unknown): string | undefined {
  for (
    let current = error, depth = 0;
    depth < 5 && typeof current === 'object' && current !== null;
    depth++
  ) {
    if ('code' in current && typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) {
      return current.code;
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/**
 * Runs a transaction, running it again (up to `attempts` times in all) when PostgreSQL aborted it as a deadlock
 * victim or a serialization failure. The lock order of the push keeps deadlocks out by design; this is the safety
 * net that turns a rare one into a short wait instead of a failed sync round.
 */
export async function withTransactionRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (thrown) {
      const error = toError(thrown);
      const state = sqlStateOf(thrown);
      if (attempt >= attempts || state === undefined || !RETRYABLE_SQLSTATES.has(state)) throw error;
    }
  }
}
