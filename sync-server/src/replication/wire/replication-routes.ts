import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toError } from '#shared/errors/to-error.ts';
import { startEventStream } from '../../http/event-stream-writer.ts';
import { deviceOutcomesAnswer, deviceOutcomesQuery } from '#shared/sync/device-outcomes-wire.ts';
import { SCHEMA_VERSION_HEADER } from '#shared/sync/schema-version-header.ts';
import type { AuditLog } from '../../audit/audit-log.ts';
import { authGuard, requirePrincipal } from '../../auth/auth-guards.ts';
import { DEVICE_ROLE, type Principal } from '../../auth/principal.ts';
import type { PrincipalRecheck } from '../../auth/principal-recheck.ts';
import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type { Database } from '../../db/database.ts';
import type { SyncRequestGuard } from './sync-request-guard.ts';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import type { ChangeFeed } from '../feed/change-feed.ts';
import { createChangeStreams, type ChangeStream } from '../pull/change-streams.ts';
import type { CollectionRegistry } from '../collection-registry.ts';
import { createDeviceOutcomes } from '../push/device-outcomes.ts';
import { pageRunLines } from '../pull/page-run.ts';
import { pullChanges } from '../pull/pull-changes.ts';
import { countAfter } from '../pull/pull-page.ts';
import { pushBatch } from '../push/push-batch.ts';
import { createRecordCommit } from '../store/record-commit.ts';
import type { ReplicatedCollection } from '../replicated-collection.ts';
import { replicationIssue, replicationIssueStatus } from './replication-issues.ts';
import { schemaVersionIssue } from './schema-version-check.ts';
import { replicatingRoles, replicationScopeOf, type ReplicationScope } from '../replication-scope.ts';
import {
  collectionParams,
  countQuery,
  countResponse,
  DEFAULT_PULL_LIMIT,
  DEFAULT_RUN_PAGES,
  PAGE_RUN_CONTENT_TYPE,
  pageRunQuery,
  pullQuery,
  pullResponse,
  pushBody,
  pushResponse,
  streamQuery,
  versionsResponse,
} from '#shared/sync/replication-wire.ts';

export type ReplicationRouteDependencies = {
  readonly db: Database;
  readonly cipher: DocumentCipher;
  readonly audit: AuditLog;
  readonly clock: { now(): Date };
  readonly registry: CollectionRegistry;
  readonly feed: ChangeFeed;
  /** Verifies station device signatures on every replication request; tests without devices leave it out. */
  readonly deviceSignature?: SyncRequestGuard | undefined;
  readonly streamHeartbeatMs?: number | undefined;
  /**
   * Re-checks an open stream's session and device on every heartbeat; a stream whose session ended or whose device
   * was revoked is closed (the client's reconnect then gets the clear 401/403). Tests without sessions leave it out.
   */
  readonly recheckPrincipal?: PrincipalRecheck | undefined;
  /** See `RecordCommitDependencies.afterSequenceAllocated`; tests only. */
  readonly afterPushSequenceAllocated?: (() => Promise<void>) | undefined;
};

const problems = {
  400: apiProblem,
  401: apiProblem,
  403: apiProblem,
  404: apiProblem,
  409: apiProblem,
  413: apiProblem,
  426: apiProblem,
};

type Target = { collection: ReplicatedCollection; principal: Principal; scope: ReplicationScope };

/**
 * RxDB replication over HTTP (DESIGN.md §5), one route triple per registered collection:
 * `GET /sync/:collection/pull?checkpoint&limit`, `POST /sync/:collection/push`, `GET /sync/:collection/stream` (SSE),
 * `GET /sync/:collection/pages?checkpoint&limit&pages` (a page run: many pulls in one streamed answer, for a first sync),
 * and `GET /sync/:collection/count?checkpoint` for a first sync's progress; `GET /sync/versions`, each collection's
 * schema version (a station app checks it before it pushes); and `GET /sync/outcomes`, what became of the signing
 * device's own refused and merged writes (the station's sync panel).
 * Signed-in station staff (with a verified device) and district/city admins replicate the subtree of their org unit,
 * hospitals (`interop`) the residents they treated (`replication-scope.ts`); every other role is refused.
 */
export function replicationRoutes(deps: ReplicationRouteDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    const deviceSignature = deps.deviceSignature;
    if (deviceSignature !== undefined) {
      // The guard decides who must sign (DESIGN.md §6): station sync is always device-bound, admins never.
      app.addHook('preParsing', deviceSignature.preParsing);
      app.addHook('preHandler', deviceSignature.preHandler);
    }
    const guard = authGuard({ roles: [...replicatingRoles] });
    const outcomes = createDeviceOutcomes(deps);
    const commit = createRecordCommit({
      db: deps.db,
      feed: deps.feed,
      afterSequenceAllocated: deps.afterPushSequenceAllocated,
    });
    const streams = createChangeStreams({
      ...deps,
      log: app.log,
      heartbeatMs: deps.streamHeartbeatMs ?? 25_000,
      stillAuthorized: deps.recheckPrincipal,
    });
    // Open streams are hijacked responses the server's close would wait for forever: end them first.
    const openStreams = new Set<() => void>();
    app.addHook('preClose', async () => {
      for (const end of [...openStreams]) end();
    });

    /** The collection and scope of a request, or the problem answer already sent. */
    async function targetOf(
      request: FastifyRequest,
      reply: FastifyReply,
      collectionName: string,
    ): Promise<Target | undefined> {
      const principal = requirePrincipal(request);
      const collection = deps.registry.get(collectionName);
      if (collection === undefined) {
        const issue = replicationIssue('collection-unknown');
        await reply.status(replicationIssueStatus[issue.code]).send(problemOf([issue]));
        return undefined;
      }
      const outOfStep = schemaVersionIssue(collection, principal, request.headers[SCHEMA_VERSION_HEADER]);
      if (outOfStep !== undefined) {
        await reply.status(replicationIssueStatus[outOfStep.code]).send(problemOf([outOfStep]));
        return undefined;
      }
      const scope = replicationScopeOf(principal);
      if (!scope.ok) {
        await reply.status(replicationIssueStatus[scope.errors[0].code]).send(problemOf(scope.errors));
        return undefined;
      }
      return { collection, principal, scope: scope.value };
    }

    app.get(
      '/sync/:collection/pull',
      {
        onRequest: guard,
        schema: {
          tags: ['replication'],
          summary: 'Pull the changes after a checkpoint (RxDB pull handler)',
          params: collectionParams,
          querystring: pullQuery,
          response: { 200: pullResponse, ...problems },
        },
      },
      async (request, reply) => {
        const target = await targetOf(request, reply, request.params.collection);
        if (target === undefined) return reply;
        return pullChanges(deps, {
          ...target,
          checkpoint: request.query.checkpoint ?? 0,
          limit: request.query.limit ?? DEFAULT_PULL_LIMIT,
        });
      },
    );

    app.get(
      '/sync/:collection/pages',
      {
        onRequest: guard,
        schema: {
          tags: ['replication'],
          summary:
            'A page run: many pull pages after a checkpoint in one streamed answer (NDJSON, one pull answer per line)',
          params: collectionParams,
          querystring: pageRunQuery,
          // 200 is NDJSON (each line a pull answer), errors the API problem shape; no response schema, so nothing
          // re-serialises the stream.
        },
      },
      async (request, reply) => {
        const target = await targetOf(request, reply, request.params.collection);
        if (target === undefined) return reply;
        const lines = pageRunLines(deps, {
          ...target,
          checkpoint: request.query.checkpoint ?? 0,
          limit: request.query.limit ?? DEFAULT_PULL_LIMIT,
          pages: request.query.pages ?? DEFAULT_RUN_PAGES,
        });
        // Bytes, not objects: the stream asks for the next page only once less than a page waits to be sent.
        const body = Readable.from(lines, { objectMode: false, highWaterMark: 64 * 1024 });
        body.on('error', (error) => {
          // The answer is already streaming: it is cut short, and the client asks again from its last whole page. A
          // client that left (a dropped link, a run it no longer needs) is routine; anything else is worth a look.
          const gone = (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE';
          if (gone) request.log.info('page run left by its client');
          else request.log.warn({ err: toError(error) }, 'page run cut short');
        });
        return reply.type(PAGE_RUN_CONTENT_TYPE).send(body);
      },
    );

    app.get(
      '/sync/:collection/count',
      {
        onRequest: guard,
        schema: {
          tags: ['replication'],
          summary:
            'How many documents in scope a replica has yet to pull after a checkpoint (first-sync progress)',
          params: collectionParams,
          querystring: countQuery,
          response: { 200: countResponse, ...problems },
        },
      },
      async (request, reply) => {
        const target = await targetOf(request, reply, request.params.collection);
        if (target === undefined) return reply;
        const documents = await countAfter(deps.db, {
          collection: target.collection.name,
          scope: target.scope,
          checkpoint: request.query.checkpoint ?? 0,
        });
        return { documents };
      },
    );

    app.get(
      '/sync/versions',
      {
        onRequest: guard,
        schema: {
          tags: ['replication'],
          summary:
            'The schema version of every replicated collection: a station app pushes a collection only when it stores the same version',
          response: { 200: versionsResponse, ...problems },
        },
      },
      async () => ({
        collections: Object.fromEntries(
          deps.registry.names.flatMap((name) => {
            const collection = deps.registry.get(name);
            return collection === undefined ? [] : [[name, collection.schemaVersion]];
          }),
        ),
      }),
    );

    app.get(
      '/sync/outcomes',
      {
        onRequest: authGuard({ roles: ['station-staff', DEVICE_ROLE] }),
        schema: {
          tags: ['replication'],
          summary:
            'What became of this device’s writes the server refused (quarantine) or merged, newest first',
          querystring: deviceOutcomesQuery,
          response: { 200: deviceOutcomesAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const deviceId = requirePrincipal(request).deviceId;
        if (deviceId === undefined) {
          const issue = replicationIssue('replication-device-required');
          return reply.status(replicationIssueStatus[issue.code]).send(problemOf([issue]));
        }
        return { outcomes: [...(await outcomes.list(deviceId, request.query.limit ?? 50))] };
      },
    );

    app.post(
      '/sync/:collection/push',
      {
        onRequest: guard,
        schema: {
          tags: ['replication'],
          summary: 'Push changed documents; answers the master states to adopt (RxDB push handler)',
          params: collectionParams,
          body: pushBody,
          response: { 200: pushResponse, ...problems },
        },
      },
      async (request, reply) => {
        const target = await targetOf(request, reply, request.params.collection);
        if (target === undefined) return reply;
        const outcome = await pushBatch({ ...deps, commit }, { ...target, rows: request.body });
        return outcome.conflicts;
      },
    );

    app.get(
      '/sync/:collection/stream',
      {
        onRequest: guard,
        schema: {
          tags: ['replication'],
          summary:
            'Server-sent events: "RESYNC" on connect, then {documents, checkpoint} for each change (RxDB pull.stream$)',
          params: collectionParams,
          querystring: streamQuery,
          response: { ...problems },
        },
      },
      async (request, reply) => {
        const target = await targetOf(request, reply, request.params.collection);
        if (target === undefined) return reply;
        void reply.hijack();
        const raw = reply.raw;
        const events = startEventStream(raw, request.headers['accept-encoding'], {
          'content-type': 'text/event-stream; charset=utf-8',
          // A hijacked answer skips the app's onSend hook: the same headers as every other /sync answer.
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        let stream: ChangeStream;
        try {
          stream = await streams.open(target, {
            send: (data) => {
              events.write(`data: ${data}\n\n`);
            },
            sendComment: (text) => {
              events.write(`: ${text}\n\n`);
            },
            backlog: () => events.backlog(),
            onError: () => {
              events.end();
            },
          });
        } catch (thrown) {
          // The response is already an event stream: end it; the client reconnects and gets RESYNC.
          request.log.warn({ err: toError(thrown) }, 'replication stream could not start');
          events.end();
          return reply;
        }
        const end = () => {
          stream.close();
          openStreams.delete(end);
          if (!raw.writableEnded) events.end();
        };
        openStreams.add(end);
        // The response's 'close' fires when the client goes away (the request's fires once its body was read).
        raw.on('close', end);
        if (raw.destroyed) end();
        return reply;
      },
    );
  };
}
