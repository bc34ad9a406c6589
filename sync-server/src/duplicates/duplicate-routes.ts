import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  duplicateCandidate,
  duplicateDetail,
  duplicateListQuery,
  duplicateMergeOutcome,
  duplicateMergeRequest,
  duplicateParams,
  duplicatesAnswer,
  notDuplicateRequest,
} from '#shared/server-api/duplicates.ts';
import type { Issue } from '#shared/errors/issue.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import { duplicateIssueStatus, type DuplicateIssueCode } from './duplicate-issues.ts';
import { createDuplicateMerge, type DuplicateMerge, type DuplicateMergeCore } from './duplicate-merge.ts';
import { createDuplicateReview, type DuplicateReview } from './duplicate-review.ts';

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem, 404: apiProblem, 409: apiProblem };

function sendProblem(reply: FastifyReply, errors: readonly [Issue<DuplicateIssueCode>, ...Issue[]]) {
  return reply.status(duplicateIssueStatus[errors[0].code]).send(problemOf(errors));
}

/**
 * The duplicate review of the admin console (Art. 8.2d, 13.5), for city and district admins: pairs where either
 * resident is managed inside the admin's subtree, shown whole and decided only where both are (see `DuplicateReview`). `GET /admin/duplicates?state=open|resolved`,
 * `GET /admin/duplicates/:id` (both records side by side), `POST /admin/duplicates/:id/not-duplicate {note}`,
 * `POST /admin/duplicates/:id/merge {survivorId, take}` and, for city admins, `POST /admin/duplicates/:id/undo`.
 * Every read and decision is audited.
 */
export function duplicateRoutes(deps: {
  review: DuplicateReview;
  merge: DuplicateMerge;
}): FastifyPluginAsyncZod {
  return async (app) => {
    const admins = requireRole('city-admin', 'district-admin');

    app.get(
      '/admin/duplicates',
      {
        onRequest: admins,
        schema: {
          tags: ['duplicates'],
          summary:
            'Potential duplicate residents where either is managed in the admin’s subtree (newest first)',
          querystring: duplicateListQuery,
          response: { 200: duplicatesAnswer, ...problems },
        },
      },
      async (request) => ({
        candidates: [
          ...(await deps.review.list(requirePrincipal(request), {
            state: request.query.state ?? 'open',
            beforeId: request.query.before,
            limit: request.query.limit ?? 50,
          })),
        ],
      }),
    );

    app.get(
      '/admin/duplicates/:id',
      {
        onRequest: admins,
        schema: {
          tags: ['duplicates'],
          summary: 'One candidate pair with both records whole, side by side (audited)',
          params: duplicateParams,
          response: { 200: duplicateDetail, ...problems },
        },
      },
      async (request, reply) => {
        const opened = await deps.review.open(requirePrincipal(request), request.params.id);
        if (!opened.ok) return sendProblem(reply, opened.errors);
        const [a, b] = opened.value.persons;
        const persons: [typeof a, typeof b] = [a, b];
        return { ...opened.value, persons };
      },
    );

    app.post(
      '/admin/duplicates/:id/not-duplicate',
      {
        onRequest: admins,
        schema: {
          tags: ['duplicates'],
          summary: 'Decide that the pair are two different people, with a note (audited)',
          params: duplicateParams,
          body: notDuplicateRequest,
          response: { 200: duplicateCandidate, ...problems },
        },
      },
      async (request, reply) => {
        const done = await deps.review.markNotDuplicate(
          requirePrincipal(request),
          request.params.id,
          request.body.note,
        );
        return done.ok ? done.value : sendProblem(reply, done.errors);
      },
    );

    app.post(
      '/admin/duplicates/:id/merge',
      {
        onRequest: admins,
        schema: {
          tags: ['duplicates'],
          summary:
            'Merge the pair into the survivor, taking the chosen field groups from the other record; the other becomes a redirect and its exams and doses move to the survivor (audited)',
          params: duplicateParams,
          body: duplicateMergeRequest,
          response: { 200: duplicateMergeOutcome, ...problems },
        },
      },
      async (request, reply) => {
        const done = await deps.merge.merge(
          requirePrincipal(request),
          request.params.id,
          request.body.survivorId,
          request.body.take ?? {},
        );
        return done.ok
          ? { ...done.value, takenGroups: [...done.value.takenGroups] }
          : sendProblem(reply, done.errors);
      },
    );

    app.post(
      '/admin/duplicates/:id/undo',
      {
        onRequest: requireRole('city-admin'),
        schema: {
          tags: ['duplicates'],
          summary:
            'Undo a merge (city admins): the groups taken, the redirect and its records come back (audited)',
          params: duplicateParams,
          response: { 200: duplicateMergeOutcome, ...problems },
        },
      },
      async (request, reply) => {
        const done = await deps.merge.undo(requirePrincipal(request), request.params.id);
        return done.ok
          ? { ...done.value, takenGroups: [...done.value.takenGroups] }
          : sendProblem(reply, done.errors);
      },
    );
  };
}

/** The duplicate routes over the replication core (the review and the merge share the scope check). */
export function duplicateRoutesOf(core: DuplicateMergeCore): FastifyPluginAsyncZod {
  const review = createDuplicateReview(core);
  return duplicateRoutes({
    review,
    merge: createDuplicateMerge({
      ...core,
      mayDecide: (admin, id) => review.mayDecide(admin, id),
    }),
  });
}
