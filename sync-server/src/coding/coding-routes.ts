import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import {
  codeDiagnosisAnswer,
  codeDiagnosisRequest,
  codingParams,
  codingQueueAnswer,
  codingQueueQuery,
} from '#shared/server-api/coding-queue.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import { codingIssueStatus, type CodingQueue } from './coding-queue.ts';

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem, 404: apiProblem };

/**
 * The district's coding queue in the admin console, for city and district admins: `GET /admin/coding-queue` (uncoded
 * diagnoses of the subtree, newest first) and `POST /admin/coding-queue/:encounterId/code {name, icd10}`.
 */
export function codingRoutes(deps: { queue: CodingQueue }): FastifyPluginAsyncZod {
  return async (app) => {
    const admins = requireRole('city-admin', 'district-admin');
    app.get(
      '/admin/coding-queue',
      {
        onRequest: admins,
        schema: {
          tags: ['coding'],
          summary: 'Diagnoses written without an ICD-10 code in the admin’s subtree, newest first',
          querystring: codingQueueQuery,
          response: { 200: codingQueueAnswer, ...problems },
        },
      },
      async (request) => deps.queue.list(requirePrincipal(request), request.query.limit ?? 100),
    );
    app.post(
      '/admin/coding-queue/:encounterId/code',
      {
        onRequest: admins,
        schema: {
          tags: ['coding'],
          summary: 'Give an uncoded diagnosis its ICD-10 code (the code valid on the visit’s date)',
          params: codingParams,
          body: codeDiagnosisRequest,
          response: { 200: codeDiagnosisAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const coded = await deps.queue.code(
          requirePrincipal(request),
          request.params.encounterId,
          request.body,
        );
        if (!coded.ok)
          return reply.status(codingIssueStatus[coded.errors[0].code]).send(problemOf(coded.errors));
        return { coded: coded.value };
      },
    );
  };
}
