import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import type { Database } from '../db/database.ts';
import { apiProblem } from '#shared/errors/api-problem.ts';
import { rolesAllowedTo } from './account-roles.ts';
import { signInAttacks } from './sign-in-attacks.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export const signInAttacksQuery = z.strictObject({
  /** How many days back to look (default 7, at most 90). */
  days: z.coerce.number().int().min(1).max(90).default(7),
});

export const signInAttacksAnswer = z.object({
  since: z.iso.datetime(),
  sources: z.array(
    z.object({
      source: z.string(),
      failures: z.number().int(),
      accounts: z.number().int(),
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

/** `GET /admin/sign-in-attacks`: failed sign-ins by source and by account, for the admins who list accounts. */
export function signInAttackRoutes(deps: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/sign-in-attacks',
      {
        onRequest: requireRole(...rolesAllowedTo('list')),
        schema: {
          tags: ['admin'],
          summary: 'Sources with many failed sign-ins and the accounts they targeted, in your subtree',
          querystring: signInAttacksQuery,
          response: { 200: signInAttacksAnswer, 400: apiProblem, 401: apiProblem, 403: apiProblem },
        },
      },
      async (request) => {
        const since = new Date(deps.clock.now().getTime() - request.query.days * DAY_MS);
        return signInAttacks(deps, requirePrincipal(request), since);
      },
    );
  };
}
