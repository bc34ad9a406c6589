import type { z } from 'zod';
import { SyncRequestError } from './sync-request-error.ts';

/**
 * The server's answer checked against its wire schema (`#shared/sync/replication-wire.ts`, the one the server's route
 * validates with); an answer of another shape is `sync-answer-unreadable`, never a cast.
 */
export function parseAnswer<S extends z.ZodType>(schema: S, answer: unknown): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new SyncRequestError('sync-answer-unreadable', 200);
  return parsed.data;
}
