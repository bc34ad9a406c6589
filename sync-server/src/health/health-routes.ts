import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
          response: { 200: z.object({ status: z.literal('ok') }) },
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
            200: z.object({ status: z.literal('ready'), database: z.enum(['postgres', 'pglite']) }),
            503: z.object({ status: z.literal('unavailable'), database: z.enum(['postgres', 'pglite']) }),
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
