import { apiProblemOf } from '#shared/errors/api-problem.ts';

/** What the server refused, by its stable code and Vietnamese message, for the simulator to print. */
export class SenderError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The refusal an answer carries (its problem body, or the HTTP status when it has none). */
export async function senderErrorOf(response: Response): Promise<SenderError> {
  const body: unknown = await response.json().catch(() => undefined);
  const known = apiProblemOf(body);
  return new SenderError(
    known?.code ?? `http-${String(response.status)}`,
    known?.message ?? response.statusText,
  );
}
