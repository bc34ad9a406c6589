/**
 * Reads the sync server's one error body, `{ error: { code, message } }` (see the server's `api-problem.ts`), from a
 * parsed JSON answer; undefined when the answer is not shaped like one. Clients match on `code` and show `message`.
 */
export function apiProblemOf(body: unknown): { readonly code: string; readonly message: string } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error: unknown = body.error;
  if (typeof error !== 'object' || error === null || !('code' in error) || !('message' in error))
    return undefined;
  return typeof error.code === 'string' && typeof error.message === 'string'
    ? { code: error.code, message: error.message }
    : undefined;
}
