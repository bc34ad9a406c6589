import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signInAttacksAnswer, signInAttacksQuery } from '#shared/server-api/sign-in-attacks.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import type { Database } from '../db/database.ts';
import { apiProblem } from '#shared/errors/api-problem.ts';
import { rolesAllowedTo } from './account-roles.ts';
import { signInAttacks } from './sign-in-attacks.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

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
