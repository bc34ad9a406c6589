import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stationStatusReport } from '../../../shared/schemas/station-status-report.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import type { Database } from '../db/database.ts';
import type { DeviceSignatureGuard } from '../devices/require-device-signature.ts';
import type { HealthIdAllocator } from '../health-ids/health-id-allocator.ts';
import { apiProblem, problemOf } from '../http/api-problem.ts';
import { defineIssues } from '../../../shared/errors/issue.ts';
import type { StationStatusService } from './station-status-service.ts';

const issue = defineIssues({
  'station-device-required':
    'Chỉ máy trạm đã đăng ký mới gửi được báo cáo đồng bộ. Đăng ký máy với mã do tuyến huyện cấp rồi thử lại.',
});

const pool = z.object({ poolId: z.string(), firstSerial: z.number().int(), lastSerial: z.number().int() });

/**
 * `POST /sync/station/report`: a station device reports its sync health (stored for the admin console) and, in the
 * same call, gets its health-ID pools topped up when it reports running low — one signed round trip a station makes
 * after each sync. Station staff on an enrolled device only.
 */
export function stationSyncRoutes(deps: {
  db: Database;
  status: StationStatusService;
  healthIds: HealthIdAllocator;
  deviceSignature: DeviceSignatureGuard;
  clock: { now(): Date };
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preParsing', deps.deviceSignature.preParsing);
    app.addHook('preHandler', deps.deviceSignature.preHandler);
    app.post(
      '/sync/station/report',
      {
        onRequest: requireRole('station-staff'),
        schema: {
          tags: ['stations'],
          summary: 'Report a station device’s sync health; get health-ID pools topped up when low',
          body: stationStatusReport,
          response: {
            200: z.object({
              serverTime: z.iso.datetime(),
              healthIdPools: z.array(pool),
              healthIdsLow: z.boolean(),
              allocatedPoolId: z.string().nullable(),
            }),
            403: apiProblem,
            503: apiProblem,
          },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (principal.deviceId === undefined) {
          return reply.status(403).send(problemOf([issue('station-device-required')]));
        }
        const device = { deviceId: principal.deviceId, orgUnitId: principal.orgUnitId };
        const result = await deps.db.transaction(async (tx) => {
          await deps.status.record(tx, device, request.body);
          return deps.healthIds.ensureSupply(tx, {
            ...device,
            remaining: request.body.healthIdsRemaining ?? 0,
            actorAccountId: principal.accountId,
          });
        });
        if (!result.ok) return reply.status(503).send(problemOf(result.errors));
        return {
          serverTime: deps.clock.now().toISOString(),
          healthIdPools: result.value.pools.map((p) => ({
            poolId: p.poolId,
            firstSerial: p.firstSerial,
            lastSerial: p.lastSerial,
          })),
          healthIdsLow: result.value.low,
          allocatedPoolId: result.value.allocated?.poolId ?? null,
        };
      },
    );
  };
}
