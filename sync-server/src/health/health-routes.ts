import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { livenessAnswer, readinessAnswer, unavailableAnswer } from '#shared/server-api/health.ts';
import type { DatabaseHandle } from '../db/database.ts';

/** Liveness (the process answers) and readiness (the database answers) for load balancers and monitoring. */
export function healthRoutes(database: DatabaseHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health/live',
      {
        schema: {
          tags: ['ops'],
          summary: 'Liveness',
          response: { 200: livenessAnswer },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/health/ready',
      {
        schema: {
          tags: ['ops'],
          summary: 'Readiness: the database answers',
          response: {
            200: readinessAnswer,
            503: unavailableAnswer,
          },
        },
      },
      async (_request, reply) =>
        (await database.ping())
          ? { status: 'ready' as const, database: database.driver }
          : reply.status(503).send({ status: 'unavailable' as const, database: database.driver }),
    );
  };
}
