import { and, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { auditLog } from '../db/schema/audit.ts';
import { apiProblem } from '#shared/errors/api-problem.ts';
import {
  auditAnswer,
  auditSearchQuery,
  auditVerification,
  auditVerificationAnswer,
  auditVerifyRequest,
} from '#shared/server-api/audit.ts';
import { normalizeLoginName } from '#shared/accounts/user-name.ts';
import { auditActionGroups, type AuditActionGroup } from '#shared/server-api/audit-actions.ts';
import { accounts } from '../db/schema/accounts.ts';
import { documentUniqueKeys } from '../db/schema/unique-keys.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { chainedFieldsOf, type AuditLog } from './audit-log.ts';
import type { AuditVerifications } from './audit-verifications.ts';

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem };

/**
 * The audit log in the admin console: `GET /admin/audit` searches who read or changed which record, when,
 * from which device — newest first, filtered by target (or a resident's health ID, found through its blind index),
 * actor (or a user name: that account's acts and those a station credited to it), action or kind of act (read,
 * print, export, merge, sync) and time; a district admin sees the
 * entries of units in their subtree, the city admin every entry. Each search is itself audited (its filters, no
 * results). City and IT admins verify the hash chain and its signatures: `GET /admin/audit/verification` answers the
 * last verification (the console's page load, which never walks the chain), `POST /admin/audit/verify` checks the
 * entries appended since it (`{full: true}`: all) and names the first broken entry.
 */
export function auditRoutes(deps: {
  db: Database;
  audit: AuditLog;
  verifications: AuditVerifications;
  /** The blind-index hash of a health ID, as replication keeps it (`document_unique_keys`; see `HealthIdKey`). */
  healthIdKey: (healthId: string) => string;
}): FastifyPluginAsyncZod {
  /** The resident holding `healthId` (none when no record has it). */
  const residentsWith = async (healthId: string): Promise<string[]> =>
    (
      await deps.db
        .select({ id: documentUniqueKeys.documentId })
        .from(documentUniqueKeys)
        .where(
          and(
            eq(documentUniqueKeys.collection, 'persons'),
            eq(documentUniqueKeys.keyHash, deps.healthIdKey(healthId)),
          ),
        )
    ).map((row) => row.id);
  /** The acts of the account named `userName`, and those stations credited to that name. */
  const actedBy = async (userName: string): Promise<SQL | undefined> => {
    const loginKey = normalizeLoginName(userName);
    const ids = (
      await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.loginKey, loginKey))
    ).map((row) => row.id);
    const credited = sql`lower(${auditLog.detail}->>'userName') = ${loginKey.toLowerCase()}`;
    return ids.length === 0 ? credited : or(inArray(auditLog.actorAccountId, ids), credited);
  };

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
          querystring: auditSearchQuery,
          response: { 200: auditAnswer, ...problems },
        },
      },
      async (request) => {
        const admin = requirePrincipal(request);
        const q = request.query;
        // A search shows every entry committed so far, including those still waiting for their place in the chain.
        await deps.audit.chainPending(deps.db);
        const residents = q.healthId === undefined ? undefined : await residentsWith(q.healthId);
        const rows = await deps.db
          .select()
          .from(auditLog)
          .where(
            and(
              scopeOf(admin),
              q.targetId === undefined ? undefined : eq(auditLog.targetId, q.targetId),
              residents === undefined
                ? undefined
                : residents.length === 0
                  ? sql`false`
                  : inArray(auditLog.targetId, residents),
              q.userName === undefined ? undefined : await actedBy(q.userName),
              q.actionGroup === undefined
                ? undefined
                : inArray(auditLog.action, [...auditActionGroups[q.actionGroup as AuditActionGroup]]),
              q.actor === undefined
                ? undefined
                : or(eq(auditLog.actorAccountId, q.actor), eq(auditLog.actorDeviceId, q.actor)),
              q.action === undefined ? undefined : eq(auditLog.action, q.action),
              q.from === undefined ? undefined : gte(auditLog.at, new Date(q.from)),
              q.to === undefined ? undefined : lte(auditLog.at, new Date(q.to)),
              q.before === undefined ? isNotNull(auditLog.seq) : lt(auditLog.seq, q.before),
            ),
          )
          .orderBy(desc(auditLog.seq))
          .limit(q.limit ?? 100);
        await deps.audit.append(deps.db, {
          action: 'audit-searched',
          actorAccountId: admin.accountId,
          orgUnitId: admin.orgUnitId,
          // The health ID searched for is recorded as the record it found, never as the number itself.
          detail: {
            ...Object.fromEntries(
              Object.entries(q).filter(([key, value]) => value !== undefined && key !== 'healthId'),
            ),
            ...(residents === undefined ? {} : { healthIdOf: residents }),
          },
        });
        return {
          entries: rows.map((row) => {
            const { prevHash: _prevHash, ...entry } = chainedFieldsOf(row);
            return entry;
          }),
        };
      },
    );

    const verifiers = requireRole('city-admin', 'it-admin');

    app.get(
      '/admin/audit/verification',
      {
        onRequest: verifiers,
        schema: {
          tags: ['audit'],
          summary: 'The last verification of the audit chain (walks nothing)',
          response: { 200: auditVerificationAnswer, ...problems },
        },
      },
      async () => ({ latest: await deps.verifications.latest() }),
    );

    app.post(
      '/admin/audit/verify',
      {
        onRequest: verifiers,
        schema: {
          tags: ['audit'],
          summary:
            'Verify the audit chain (hashes and signatures, on a worker thread): the entries appended since the last verification that held, or all of them with full; names the first broken entry',
          body: auditVerifyRequest,
          response: { 200: auditVerification, ...problems },
        },
      },
      async (request) =>
        deps.verifications.run(requirePrincipal(request), { full: request.body?.full === true }),
    );
  };
}
