import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  mergeDetail,
  mergeListQuery,
  mergesAnswer,
  quarantineDetail,
  quarantineDismissRequest,
  quarantineListAnswer,
  quarantineListQuery,
  quarantineSummary,
  reviewEntryParams,
} from '#shared/server-api/review.ts';
import type { Issue } from '#shared/errors/issue.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import type { MergeReview } from './merge-review.ts';
import type { QuarantineReview } from './quarantine-review.ts';
import { reviewIssueStatus, type ReviewIssueCode } from './review-issues.ts';

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem, 404: apiProblem, 409: apiProblem };

function sendProblem(reply: FastifyReply, errors: readonly [Issue<ReviewIssueCode>, ...Issue[]]) {
  return reply.status(reviewIssueStatus[errors[0].code]).send(problemOf(errors));
}

/**
 * The review routes of the admin console, for city and district admins inside their subtree:
 * `GET /admin/quarantine?state=open|resolved`, `GET /admin/quarantine/:id` (the write beside the current record),
 * `POST /admin/quarantine/:id/dismiss {note}`, `POST /admin/quarantine/:id/reapply`, `GET /admin/merges`,
 * `GET /admin/merges/:id` (base, station, server and merged versions with the decisions). Opening and resolving are
 * audited.
 */
export function reviewRoutes(deps: {
  quarantine: QuarantineReview;
  merges: MergeReview;
}): FastifyPluginAsyncZod {
  return async (app) => {
    const admins = requireRole('city-admin', 'district-admin');

    app.get(
      '/admin/quarantine',
      {
        onRequest: admins,
        schema: {
          tags: ['review'],
          summary: 'Writes the server refused, inside the admin’s subtree (newest first)',
          querystring: quarantineListQuery,
          response: { 200: quarantineListAnswer, ...problems },
        },
      },
      async (request) => ({
        entries: [
          ...(await deps.quarantine.list(requirePrincipal(request), {
            state: request.query.state ?? 'open',
            beforeId: request.query.before,
            limit: request.query.limit ?? 50,
          })),
        ],
      }),
    );

    app.get(
      '/admin/quarantine/:id',
      {
        onRequest: admins,
        schema: {
          tags: ['review'],
          summary: 'One refused write as the station sent it, beside the current record (audited)',
          params: reviewEntryParams,
          response: { 200: quarantineDetail, ...problems },
        },
      },
      async (request, reply) => {
        const opened = await deps.quarantine.open(requirePrincipal(request), request.params.id);
        return opened.ok ? opened.value : sendProblem(reply, opened.errors);
      },
    );

    app.post(
      '/admin/quarantine/:id/dismiss',
      {
        onRequest: admins,
        schema: {
          tags: ['review'],
          summary: 'Close a refused write without applying it, with a note (audited)',
          params: reviewEntryParams,
          body: quarantineDismissRequest,
          response: { 200: quarantineSummary, ...problems },
        },
      },
      async (request, reply) => {
        const done = await deps.quarantine.dismiss(
          requirePrincipal(request),
          request.params.id,
          request.body.note,
        );
        return done.ok ? done.value : sendProblem(reply, done.errors);
      },
    );

    app.post(
      '/admin/quarantine/:id/reapply',
      {
        onRequest: admins,
        schema: {
          tags: ['review'],
          summary: 'Apply a refused write to the current record, merged like any push (audited)',
          params: reviewEntryParams,
          response: { 200: quarantineSummary, ...problems },
        },
      },
      async (request, reply) => {
        const done = await deps.quarantine.reapply(requirePrincipal(request), request.params.id);
        return done.ok ? done.value : sendProblem(reply, done.errors);
      },
    );

    app.get(
      '/admin/merges',
      {
        onRequest: admins,
        schema: {
          tags: ['review'],
          summary: 'Merges the server made, for records inside the admin’s subtree (newest first)',
          querystring: mergeListQuery,
          response: { 200: mergesAnswer, ...problems },
        },
      },
      async (request) => ({
        merges: [
          ...(await deps.merges.list(requirePrincipal(request), {
            beforeId: request.query.before,
            limit: request.query.limit ?? 50,
          })),
        ],
      }),
    );

    app.get(
      '/admin/merges/:id',
      {
        onRequest: admins,
        schema: {
          tags: ['review'],
          summary: 'One merge: base, station, server and merged versions with every decision (audited)',
          params: reviewEntryParams,
          response: { 200: mergeDetail, ...problems },
        },
      },
      async (request, reply) => {
        const opened = await deps.merges.open(requirePrincipal(request), request.params.id);
        if (!opened.ok) return sendProblem(reply, opened.errors);
        const { merge } = opened.value;
        return { ...opened.value, merge: { ...merge, decisions: [...merge.decisions] } };
      },
    );
  };
}
