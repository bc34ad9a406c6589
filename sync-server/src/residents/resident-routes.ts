import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import type { Issue } from '#shared/errors/issue.ts';
import {
  deathCorrectionRequest,
  residentCardAnswer,
  residentLookupQuery,
  residentParams,
} from '#shared/server-api/residents.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import { residentIssueStatus, type DeathCorrection, type ResidentIssueCode } from './death-correction.ts';

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem, 404: apiProblem, 409: apiProblem };

function sendProblem(reply: FastifyReply, errors: readonly [Issue<ResidentIssueCode>, ...Issue[]]) {
  return reply.status(residentIssueStatus[errors[0].code]).send(problemOf(errors));
}

/**
 * One resident in the admin console, for city and district admins: `GET /admin/residents?healthId=` (only inside the
 * admin's subtree; audited as a look-up) and `POST /admin/residents/:id/death-correction {correction, reason}` (the
 * district corrects a recorded death; audited with the reason).
 */
export function residentRoutes(deps: { deaths: DeathCorrection }): FastifyPluginAsyncZod {
  return async (app) => {
    const admins = requireRole('city-admin', 'district-admin');
    app.get(
      '/admin/residents',
      {
        onRequest: admins,
        schema: {
          tags: ['residents'],
          summary: 'Find one resident by health ID inside the admin’s subtree',
          querystring: residentLookupQuery,
          response: { 200: residentCardAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const found = await deps.deaths.lookUp(requirePrincipal(request), request.query.healthId);
        return found.ok ? { resident: found.value } : sendProblem(reply, found.errors);
      },
    );
    app.post(
      '/admin/residents/:id/death-correction',
      {
        onRequest: admins,
        schema: {
          tags: ['residents'],
          summary: 'Correct a recorded death (alive after all, or another date of death), with the reason',
          params: residentParams,
          body: deathCorrectionRequest,
          response: { 200: residentCardAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const corrected = await deps.deaths.correct(
          requirePrincipal(request),
          request.params.id,
          request.body,
        );
        return corrected.ok ? { resident: corrected.value } : sendProblem(reply, corrected.errors);
      },
    );
  };
}
