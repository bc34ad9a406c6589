import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stationStatusReport } from '#shared/schemas/station-status-report.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import { defineIssues } from '#shared/errors/issue.ts';
import { CITY_HEALTH_DEPARTMENT_ID } from '#shared/org-units/hanoi-org-units.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { and, eq } from 'drizzle-orm';
import type { StationStatusService } from './station-status-service.ts';

const issue = defineIssues({
  'org-unit-out-of-scope':
    'Đơn vị này không thuộc phạm vi quản lý của tài khoản. Chọn đơn vị trong phạm vi của bạn.',
});

const orgUnitIdParam = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/);
/** Up to a month back, by the hour. */
const hoursParam = z.coerce.number().int().min(1).max(744);
const areaHour = z.object({
  hour: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  reports: z.number(),
  stations: z.number(),
  pendingChanges: z.number(),
  maxLagSeconds: z.number(),
});
const historyPoint = z.object({
  reportedAt: z.string(),
  pendingChanges: z.number(),
  oldestPendingAgeSeconds: z.number().nullable(),
  lastSyncAt: z.string().nullable(),
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
  lastBackupAt: z.string().nullable(),
});

/**
 * `GET /admin/stations`: every station device in the admin's subtree (or a unit inside it) with its latest sync
 * report and the flags that need attention — not synced for 24 h, health IDs running low, records failing, wrong
 * clock. City, district and IT admins; a unit outside the admin's subtree answers 403 like an unknown one.
 */
export function stationRoutes(deps: { db: Database; status: StationStatusService }): FastifyPluginAsyncZod {
  /**
   * The unit whose subtree a request looks at: the one asked for (default the admin's own) when it lies inside the
   * admin's subtree, else undefined. IT admins may look at any unit; report viewers at any unit's aggregates,
   * the whole city by default.
   */
  async function rootOf(asked: string | undefined, principal: Principal): Promise<string | undefined> {
    // Report viewers see city-wide aggregates (only the history route admits them); IT admins may look anywhere.
    const cityWide = principal.role === 'it-admin' || principal.role === 'report-viewer';
    const root =
      asked ?? (principal.role === 'report-viewer' ? CITY_HEALTH_DEPARTMENT_ID : principal.orgUnitId);
    if (cityWide || root === principal.orgUnitId) return root;
    const [inside] = await deps.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, root), inOrgUnitSubtree(orgUnits.id, principal.orgUnitId)));
    return inside === undefined ? undefined : root;
  }
  const monitors = requireRole('city-admin', 'district-admin', 'it-admin');

  return async (app) => {
    app.get(
      '/admin/stations',
      {
        onRequest: monitors,
        schema: {
          tags: ['stations'],
          summary: 'Sync health of the station devices in the admin’s scope',
          querystring: z.strictObject({ orgUnitId: orgUnitIdParam.optional() }),
          response: { 200: z.object({ stations: z.array(stationRow) }), 403: apiProblem },
        },
      },
      async (request, reply) => {
        const root = await rootOf(request.query.orgUnitId, requirePrincipal(request));
        if (root === undefined) return reply.status(403).send(problemOf([issue('org-unit-out-of-scope')]));
        return { stations: [...(await deps.status.list(deps.db, root))] };
      },
    );

    app.get(
      '/admin/stations/history',
      {
        // Aggregates per area and hour, no station named: report viewers see these too (issue 7).
        onRequest: requireRole('city-admin', 'district-admin', 'it-admin', 'report-viewer'),
        schema: {
          tags: ['stations'],
          summary: 'Sync activity and lag per area (health centre) and hour, for the console’s chart',
          querystring: z.strictObject({ orgUnitId: orgUnitIdParam.optional(), hours: hoursParam.optional() }),
          response: { 200: z.object({ buckets: z.array(areaHour) }), 403: apiProblem },
        },
      },
      async (request, reply) => {
        const root = await rootOf(request.query.orgUnitId, requirePrincipal(request));
        if (root === undefined) return reply.status(403).send(problemOf([issue('org-unit-out-of-scope')]));
        return { buckets: [...(await deps.status.areaHistory(deps.db, root, request.query.hours ?? 24))] };
      },
    );

    app.get(
      '/admin/stations/:deviceId/history',
      {
        onRequest: monitors,
        schema: {
          tags: ['stations'],
          summary: 'One station device’s sampled reports (drill-down); empty outside the admin’s scope',
          params: z.strictObject({ deviceId: orgUnitIdParam }),
          querystring: z.strictObject({ hours: hoursParam.optional() }),
          response: { 200: z.object({ points: z.array(historyPoint) }), 403: apiProblem },
        },
      },
      async (request, reply) => {
        const root = await rootOf(undefined, requirePrincipal(request));
        if (root === undefined) return reply.status(403).send(problemOf([issue('org-unit-out-of-scope')]));
        return {
          points: [
            ...(await deps.status.deviceHistory(
              deps.db,
              root,
              request.params.deviceId,
              request.query.hours ?? 24,
            )),
          ],
        };
      },
    );
  };
}
