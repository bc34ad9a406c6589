import { z } from 'zod';

/** `GET /admin/sign-in-attacks`: failed sign-ins in the admin's scope, by source and by account targeted. */

export const signInAttacksQuery = z.strictObject({
  /** How many days back to look (default 7, at most 90). */
  days: z.coerce.number().int().min(1).max(90).default(7),
});

/** Sources are `ip:…` or `device:…`. */
export const signInAttacksAnswer = z.object({
  since: z.iso.datetime(),
  sources: z.array(
    z.object({
      source: z.string(),
      failures: z.number().int(),
      /** Distinct accounts of the admin's scope it failed against. */
      accounts: z.number().int(),
      /** Failures under names that are no account (city-wide admins only). */
      unknownNames: z.number().int(),
      firstAt: z.iso.datetime(),
      lastAt: z.iso.datetime(),
    }),
  ),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      userName: z.string(),
      orgUnitId: z.string(),
      failures: z.number().int(),
      sources: z.number().int(),
      lastAt: z.iso.datetime(),
    }),
  ),
});
export type SignInAttacksView = z.infer<typeof signInAttacksAnswer>;
