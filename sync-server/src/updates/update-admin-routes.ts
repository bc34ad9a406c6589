import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Issue } from '#shared/errors/issue.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import {
  artifactAnswer,
  artifactParams,
  channelParams,
  minimumVersionAnswer,
  minimumVersionRequest,
  publishReleaseRequest,
  releaseChangeRequest,
  releaseListQuery,
  releaseParams,
  releasesAnswer,
  releaseView,
} from '#shared/server-api/updates.ts';
import { updateIssueStatus } from './update-issues.ts';
import type { ReleaseActor, UpdateService } from './update-service.ts';

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem, 404: apiProblem, 409: apiProblem };

function actorOf(request: FastifyRequest): ReleaseActor {
  const principal = requirePrincipal(request);
  return { accountId: principal.accountId, orgUnitId: principal.orgUnitId };
}

function sendProblem(reply: FastifyReply, errors: readonly [Issue, ...Issue[]]) {
  const code = errors[0].code as keyof typeof updateIssueStatus;
  return reply
    .status(Object.hasOwn(updateIssueStatus, code) ? updateIssueStatus[code] : 400)
    .send(problemOf(errors));
}

function isByteStream(body: unknown): body is AsyncIterable<Uint8Array> {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}

/**
 * The release admin API, for city and IT admins only; every change is audited.
 * Upload artifacts (`PUT /admin/updates/:channel/artifacts/:file`, raw bytes), publish a signed release, pause,
 * resume, widen or narrow its rollout (`PATCH /admin/updates/releases/:id`), and set the minimum station version the
 * replication endpoints accept. A rollback is publishing the good build again under a higher version.
 */
export function updateAdminRoutes(deps: { service: UpdateService }): FastifyPluginAsyncZod {
  return async (app) => {
    const guard = requireRole('city-admin', 'it-admin');
    // Artifacts arrive as raw bytes and are streamed to the artifact store (which enforces its own size limit).
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => {
      done(null, payload);
    });

    app.put(
      '/admin/updates/:channel/artifacts/:file',
      {
        onRequest: guard,
        schema: {
          tags: ['updates'],
          summary: 'Upload an installer file (application/octet-stream); the same bytes again is a no-op',
          params: artifactParams,
          response: {
            200: artifactAnswer,
            201: artifactAnswer,
            413: apiProblem,
            415: apiProblem,
            ...problems,
          },
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        if (!isByteStream(body)) {
          return reply.status(415).send(
            problemOf([
              {
                code: 'media-type-unsupported',
                message: 'Gửi tệp cài đặt dạng application/octet-stream.',
              },
            ]),
          );
        }
        const result = await deps.service.uploadArtifact(actorOf(request), {
          channel: request.params.channel,
          name: request.params.file,
          source: body,
        });
        if (!result.ok) return sendProblem(reply, result.errors);
        return reply
          .status(result.value.created ? 201 : 200)
          .send({ sha512: result.value.sha512, size: result.value.size });
      },
    );

    app.post(
      '/admin/updates/:channel/releases',
      {
        onRequest: guard,
        schema: {
          tags: ['updates'],
          summary: 'Publish a release signed by the city’s release key, with its initial rollout',
          params: channelParams,
          body: publishReleaseRequest,
          response: { 201: releaseView, ...problems },
        },
      },
      async (request, reply) => {
        const result = await deps.service.publish(actorOf(request), {
          channel: request.params.channel,
          ...request.body,
        });
        if (!result.ok) return sendProblem(reply, result.errors);
        return reply.status(201).send(result.value);
      },
    );

    app.get(
      '/admin/updates/releases',
      {
        onRequest: guard,
        schema: {
          tags: ['updates'],
          summary: 'Published releases, newest version first',
          querystring: releaseListQuery,
          response: { 200: releasesAnswer, ...problems },
        },
      },
      async (request) => ({ releases: await deps.service.list(request.query.channel) }),
    );

    app.patch(
      '/admin/updates/releases/:id',
      {
        onRequest: guard,
        schema: {
          tags: ['updates'],
          summary: 'Pause, resume, widen or narrow a release’s rollout',
          params: releaseParams,
          body: releaseChangeRequest,
          response: { 200: releaseView, ...problems },
        },
      },
      async (request, reply) => {
        const { state, stagingPercentage: percentage, stagingOrgUnits: units } = request.body;
        const result = await deps.service.change(actorOf(request), request.params.id, {
          ...(state === undefined ? {} : { state }),
          ...(percentage === undefined ? {} : { stagingPercentage: percentage }),
          ...(units === undefined ? {} : { stagingOrgUnits: units }),
        });
        if (!result.ok) return sendProblem(reply, result.errors);
        return result.value;
      },
    );

    app.get(
      '/admin/updates/:channel/minimum-version',
      {
        onRequest: guard,
        schema: {
          tags: ['updates'],
          summary: 'The oldest station version the replication endpoints accept on this channel',
          params: channelParams,
          response: { 200: minimumVersionAnswer, ...problems },
        },
      },
      async (request) => ({
        channel: request.params.channel,
        minimumVersion: (await deps.service.minimumVersion(request.params.channel)) ?? null,
      }),
    );

    app.put(
      '/admin/updates/:channel/minimum-version',
      {
        onRequest: guard,
        schema: {
          tags: ['updates'],
          summary: 'Set the oldest station version the replication endpoints accept on this channel',
          params: channelParams,
          body: minimumVersionRequest,
          response: { 200: minimumVersionAnswer, ...problems },
        },
      },
      async (request) => {
        await deps.service.setMinimumVersion(actorOf(request), request.params.channel, request.body.version);
        return { channel: request.params.channel, minimumVersion: request.body.version };
      },
    );
  };
}
