import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  stationHistoryAnswer,
  stationHistoryParams,
  stationHistoryQuery,
  stationsAnswer,
  stationsHistoryAnswer,
  stationsHistoryQuery,
  stationsQuery,
} from '#shared/server-api/stations.ts';
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
          querystring: stationsQuery,
          response: { 200: stationsAnswer, 403: apiProblem },
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
        // Aggregates per area and hour, no station named: report viewers see these too.
        onRequest: requireRole('city-admin', 'district-admin', 'it-admin', 'report-viewer'),
        schema: {
          tags: ['stations'],
          summary: 'Sync activity and lag per area (health centre) and hour, for the console’s chart',
          querystring: stationsHistoryQuery,
          response: { 200: stationsHistoryAnswer, 403: apiProblem },
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
          params: stationHistoryParams,
          querystring: stationHistoryQuery,
          response: { 200: stationHistoryAnswer, 403: apiProblem },
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
