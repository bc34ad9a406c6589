import { and, desc, eq, gte, isNotNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { auditLog } from '../db/schema/audit.ts';
import { apiProblem } from '../http/api-problem.ts';
import { limitParam, sequenceParam } from '../http/query-params.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { auditActions } from './audit-actions.ts';
import type { AuditLog } from './audit-log.ts';

const idText = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/);
const auditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actorAccountId: z.string().nullable(),
  actorDeviceId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem };

/**
 * The audit log in the admin console (issue 7): `GET /admin/audit` searches who read or changed which record, when,
 * from which device — newest first, filtered by target, actor, device, action and time; a district admin sees the
 * entries of units in their subtree, the city admin every entry. Each search is itself audited (its filters, no
 * results). `GET /admin/audit/verify` walks the whole hash chain and its signatures and names the first broken entry
 * (city and IT admins).
 */
export function auditRoutes(deps: { db: Database; audit: AuditLog }): FastifyPluginAsyncZod {
  const scopeOf = (admin: Principal): SQL | undefined =>
    admin.role === 'city-admin'
      ? undefined
      : and(isNotNull(auditLog.orgUnitId), inOrgUnitSubtree(auditLog.orgUnitId, admin.orgUnitId));

  return async (app) => {
    app.get(
      '/admin/audit',
      {
        onRequest: requireRole('city-admin', 'district-admin'),
        schema: {
          tags: ['audit'],
          summary: 'Search the audit log inside the admin’s subtree (newest first)',
          querystring: z.strictObject({
            targetId: idText.optional(),
            actor: idText.optional().describe('An account id or a device id'),
            action: z.enum(auditActions).optional(),
            from: z.iso.datetime().optional(),
            to: z.iso.datetime().optional(),
            before: sequenceParam.optional(),
            limit: limitParam(500).optional(),
          }),
          response: { 200: z.object({ entries: z.array(auditEntry) }), ...problems },
        },
      },
      async (request) => {
        const admin = requirePrincipal(request);
        const q = request.query;
        const rows = await deps.db
          .select()
          .from(auditLog)
          .where(
            and(
              scopeOf(admin),
              q.targetId === undefined ? undefined : eq(auditLog.targetId, q.targetId),
              q.actor === undefined
                ? undefined
                : or(eq(auditLog.actorAccountId, q.actor), eq(auditLog.actorDeviceId, q.actor)),
              q.action === undefined ? undefined : eq(auditLog.action, q.action),
              q.from === undefined ? undefined : gte(auditLog.at, new Date(q.from)),
              q.to === undefined ? undefined : lte(auditLog.at, new Date(q.to)),
              q.before === undefined ? undefined : lt(auditLog.seq, q.before),
            ),
          )
          .orderBy(desc(auditLog.seq))
          .limit(q.limit ?? 100);
        await deps.audit.append(deps.db, {
          action: 'audit-searched',
          actorAccountId: admin.accountId,
          orgUnitId: admin.orgUnitId,
          detail: Object.fromEntries(Object.entries(q).filter(([, value]) => value !== undefined)),
        });
        return {
          entries: rows.map((row) => ({
            seq: row.seq,
            at: row.at.toISOString(),
            actorAccountId: row.actorAccountId,
            actorDeviceId: row.actorDeviceId,
            action: row.action,
            targetType: row.targetType,
            targetId: row.targetId,
            orgUnitId: row.orgUnitId,
            detail: row.detail,
          })),
        };
      },
    );

    app.get(
      '/admin/audit/verify',
      {
        onRequest: requireRole('city-admin', 'it-admin'),
        schema: {
          tags: ['audit'],
          summary: 'Verify the whole audit chain (hashes and signatures); names the first broken entry',
          response: {
            200: z.object({
              ok: z.boolean(),
              entries: z.number(),
              firstBrokenSeq: z.number().optional(),
              reason: z.string().optional(),
            }),
            ...problems,
          },
        },
      },
      async (request) => {
        const admin = requirePrincipal(request);
        const result = await deps.audit.verify(deps.db);
        await deps.audit.append(deps.db, {
          action: 'audit-verified',
          actorAccountId: admin.accountId,
          orgUnitId: admin.orgUnitId,
          detail: result.ok ? { ok: true, entries: result.entries } : { ...result },
        });
        return result;
      },
    );
  };
}
