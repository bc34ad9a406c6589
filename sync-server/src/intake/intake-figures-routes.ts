import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import { defineIssues } from '#shared/errors/issue.ts';
import {
  intakeFiguresAnswer,
  intakeFiguresQuery,
  intakeRefusalsAnswer,
  intakeRefusalsParams,
} from '#shared/server-api/interop.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import type { Database } from '../db/database.ts';
import type { DeviceBoundRequests } from '../devices/device-bound-requests.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import type { IntakeFigures } from './intake-figures.ts';

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem, 404: apiProblem };
const issue = defineIssues({
  'intake-facility-unknown':
    'Không có bệnh viện hay phòng khám nào mang mã cơ sở {facilityCode}. Kiểm tra lại mã.',
});

/**
 * The same-day check (Art. 20) in the console and for hospitals: `GET /admin/intake/figures` (city and district
 * admins, report viewers: figures only), `GET /admin/intake/figures/:facilityCode/refused` (the admins: one facility's
 * refused hồ sơ with every fault), and `GET /interop/qd130/figures` (a hospital's interop account: its own figures).
 */
export function intakeFiguresRoutes(deps: {
  readonly figures: IntakeFigures;
  readonly db: Database;
  /** A hospital that has enrolled a sending machine reads its figures with a signed request too. */
  readonly deviceBound?: DeviceBoundRequests | undefined;
}): FastifyPluginAsyncZod {
  return async (app) => {
    if (deps.deviceBound !== undefined) {
      app.addHook('preParsing', deps.deviceBound.preParsing);
      app.addHook('preHandler', deps.deviceBound.preHandler);
    }
    app.get(
      '/admin/intake/figures',
      {
        onRequest: requireRole('city-admin', 'district-admin', 'report-viewer'),
        schema: {
          tags: ['interop'],
          summary: 'Hồ sơ received from hospitals per day and facility, late ones, silent facilities',
          querystring: intakeFiguresQuery,
          response: { 200: intakeFiguresAnswer, ...problems },
        },
      },
      async (request) => deps.figures.figures(request.query),
    );
    app.get(
      '/admin/intake/figures/:facilityCode/refused',
      {
        onRequest: requireRole('city-admin', 'district-admin'),
        schema: {
          tags: ['interop'],
          summary: 'One facility’s refused hồ sơ in a period, newest first, with every fault',
          params: intakeRefusalsParams,
          querystring: intakeFiguresQuery,
          response: { 200: intakeRefusalsAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const found = await deps.figures.refusals(request.params.facilityCode, request.query);
        if (found === undefined) {
          return reply.status(404).send(problemOf([issue('intake-facility-unknown', request.params)]));
        }
        return { facilityCode: request.params.facilityCode, ...found };
      },
    );
    app.get(
      '/interop/qd130/figures',
      {
        onRequest: requireRole('interop'),
        schema: {
          tags: ['interop'],
          summary: 'The sending hospital’s own figures: hồ sơ received per day and what became of them',
          querystring: intakeFiguresQuery,
          response: { 200: intakeFiguresAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const [unit] = await deps.db
          .select({ facilityCode: orgUnits.facilityCode })
          .from(orgUnits)
          .where(eq(orgUnits.id, requirePrincipal(request).orgUnitId));
        if (unit?.facilityCode == null) {
          return reply.status(404).send(problemOf([issue('intake-facility-unknown', { facilityCode: '' })]));
        }
        return deps.figures.figures(request.query, unit.facilityCode);
      },
    );
  };
}
