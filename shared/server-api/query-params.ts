import { z } from 'zod';

/**
 * Query-string parameters the admin lists share: a keyset cursor (`before`, a sequence or id number) and a page size
 * (`limit`, 1…max). Query strings arrive as text; these parse them to numbers and refuse anything else.
 */
export const sequenceParam = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);

export function limitParam(max: number) {
  return z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));
}
