import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { safeString } from '#shared/schemas/safe-string.ts';
import type { Issue } from '#shared/errors/issue.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import { appVersion } from '#shared/releases/app-version.ts';
import {
  artifactName,
  releaseFile,
  releasePlatforms,
  updateChannel,
} from '#shared/releases/release-manifest.ts';
import { updateIssueStatus } from './update-issues.ts';
import { releaseStates } from './release-view.ts';
import type { ReleaseActor, UpdateService } from './update-service.ts';

const orgUnitId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/);
const stagingPercentage = z.number().int().min(0).max(100);
const stagingOrgUnits = z.array(orgUnitId).max(200);

const releaseView = z.object({
  id: z.string(),
  channel: z.string(),
  platform: z.enum(releasePlatforms),
  version: z.string(),
  releaseDate: z.string(),
  files: z.array(releaseFile),
  state: z.enum(releaseStates),
  stagingPercentage: z.number(),
  stagingOrgUnits: z.array(z.string()),
  signingKeyId: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string(),
  updatedAt: z.string(),
});

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
 * The release admin API (issue 6 §3), for city and IT admins only; every change is audited.
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
          params: z.object({ channel: updateChannel, file: artifactName }),
          response: {
            200: z.object({ sha512: z.string(), size: z.number() }),
            201: z.object({ sha512: z.string(), size: z.number() }),
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
          params: z.object({ channel: updateChannel }),
          body: z.strictObject({
            manifest: safeString().min(2).max(100_000),
            signature: safeString().max(200),
            stagingPercentage,
            stagingOrgUnits: stagingOrgUnits.default([]),
          }),
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
          querystring: z.strictObject({ channel: updateChannel.optional() }),
          response: { 200: z.object({ releases: z.array(releaseView) }), ...problems },
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
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({
            state: z.enum(releaseStates).optional(),
            stagingPercentage: stagingPercentage.optional(),
            stagingOrgUnits: stagingOrgUnits.optional(),
          }),
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

    const minimum = z.object({ channel: z.string(), minimumVersion: z.string().nullable() });
    app.get(
      '/admin/updates/:channel/minimum-version',
      {
        onRequest: guard,
        schema: {
          tags: ['updates'],
          summary: 'The oldest station version the replication endpoints accept on this channel',
          params: z.object({ channel: updateChannel }),
          response: { 200: minimum, ...problems },
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
          params: z.object({ channel: updateChannel }),
          body: z.strictObject({ version: appVersion }),
          response: { 200: minimum, ...problems },
        },
      },
      async (request) => {
        await deps.service.setMinimumVersion(actorOf(request), request.params.channel, request.body.version);
        return { channel: request.params.channel, minimumVersion: request.body.version };
      },
    );
  };
}
