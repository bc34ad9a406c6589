import { z } from 'zod';

/** Liveness (`GET /health/live`) and readiness (`GET /health/ready`), for load balancers and monitoring. */

const databaseDriver = z.enum(['postgres', 'pglite']);
export const livenessAnswer = z.object({ status: z.literal('ok') });
export const readinessAnswer = z.object({ status: z.literal('ready'), database: databaseDriver });
export const unavailableAnswer = z.object({ status: z.literal('unavailable'), database: databaseDriver });
