import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import {
  intakeReviewAnswer,
  intakeReviewDecision,
  intakeReviewParams,
  intakeReviewResolved,
} from '#shared/server-api/interop.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import { intakeReviewIssueStatus, type IntakeReview } from './intake-review.ts';

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem, 404: apiProblem, 409: apiProblem };

/**
 * The review queue of hospital visits in the admin console, for city and district admins: `GET /admin/intake/review`
 * and `POST /admin/intake/review/:facilityCode/:visitKey` (attach to a candidate, or create a resident in a commune).
 */
export function intakeReviewRoutes(deps: { readonly review: IntakeReview }): FastifyPluginAsyncZod {
  return async (app) => {
    const admins = requireRole('city-admin', 'district-admin');
    app.get(
      '/admin/intake/review',
      {
        onRequest: admins,
        schema: {
          tags: ['interop'],
          summary: 'Hospital visits waiting for a person to decide who the patient is, oldest first',
          response: { 200: intakeReviewAnswer, ...problems },
        },
      },
      async (request) => ({ items: [...(await deps.review.list(requirePrincipal(request)))] }),
    );
    app.post(
      '/admin/intake/review/:facilityCode/:visitKey',
      {
        onRequest: admins,
        schema: {
          tags: ['interop'],
          summary: 'Attach a kept hospital visit to a candidate resident, or create a resident for it',
          params: intakeReviewParams,
          body: intakeReviewDecision,
          response: { 200: intakeReviewResolved, ...problems },
        },
      },
      async (request, reply) => {
        const resolved = await deps.review.resolve(requirePrincipal(request), request.params, request.body);
        if (!resolved.ok) {
          return reply
            .status(intakeReviewIssueStatus[resolved.errors[0].code])
            .send(problemOf(resolved.errors));
        }
        return { visitKey: request.params.visitKey, ...resolved.value };
      },
    );
  };
}
