import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stationStatusReport } from '../../../shared/schemas/station-status-report.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import type { Database } from '../db/database.ts';
import { apiProblem, problemOf } from '../http/api-problem.ts';
import { defineIssues } from '../../../shared/errors/issue.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { and, eq } from 'drizzle-orm';
import type { StationStatusService } from './station-status-service.ts';

const issue = defineIssues({
  'org-unit-out-of-scope':
    'Đơn vị này không thuộc phạm vi quản lý của tài khoản. Chọn đơn vị trong phạm vi của bạn.',
});

const stationRow = z.object({
  deviceId: z.string(),
  deviceLabel: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  reportedAt: z.string().nullable(),
  report: stationStatusReport.nullable(),
  stale: z.boolean(),
  healthIdsLow: z.boolean(),
  hasRecordErrors: z.boolean(),
  clockWrong: z.boolean(),
});

/**
 * `GET /admin/stations`: every station device in the admin's subtree (or a unit inside it) with its latest sync
 * report and the flags that need attention — not synced for 24 h, health IDs running low, records failing, wrong
 * clock. City, district and IT admins; a unit outside the admin's subtree answers 403 like an unknown one.
 */
export function stationRoutes(deps: { db: Database; status: StationStatusService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/stations',
      {
        onRequest: requireRole('city-admin', 'district-admin', 'it-admin'),
        schema: {
          tags: ['stations'],
          summary: 'Sync health of the station devices in the admin’s scope',
          querystring: z.strictObject({
            orgUnitId: z
              .string()
              .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/)
              .optional(),
          }),
          response: { 200: z.object({ stations: z.array(stationRow) }), 403: apiProblem },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const root = request.query.orgUnitId ?? principal.orgUnitId;
        const scopeRoot = principal.role === 'it-admin' ? null : principal.orgUnitId;
        if (scopeRoot !== null && root !== scopeRoot) {
          const [inside] = await deps.db
            .select({ id: orgUnits.id })
            .from(orgUnits)
            .where(and(eq(orgUnits.id, root), inOrgUnitSubtree(orgUnits.id, scopeRoot)));
          if (!inside) return reply.status(403).send(problemOf([issue('org-unit-out-of-scope')]));
        }
        return { stations: [...(await deps.status.list(deps.db, root))] };
      },
    );
  };
}
