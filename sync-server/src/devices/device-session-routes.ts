import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deviceSessionAnswer, deviceSessionRequest } from '#shared/server-api/devices.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { deviceSessionOwner } from '../auth/principal.ts';
import type { SessionTokens } from '../auth/session-tokens.ts';
import type { Database } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import { deviceIssue, deviceIssueStatus } from './device-issues.ts';
import type { DeviceSignatureGuard } from './require-device-signature.ts';

/**
 * `POST /auth/device-session`: a station device on its own obtains a session, so that its replica syncs while nobody
 * is signed in (the machine key slot opens the replica without a person). The request carries no
 * account: the device's signature is the credential (enrolled, not revoked, fresh nonce, server-time window). The
 * session is owned by `deviceSessionOwner(deviceId)`, bound to the device, and serves replication only (role
 * `station-device`, its station's commune); it ends like any session (idle, absolute expiry) and with the device's
 * revocation. Issued sessions are audited. A hospital's or clinic's sending machine gets none (it only signs its interop
 * account's requests).
 */
export function deviceSessionRoutes(deps: {
  db: Database;
  audit: AuditLog;
  sessions: SessionTokens;
  signature: DeviceSignatureGuard;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/device-session',
      {
        preParsing: deps.signature.preParsing,
        schema: {
          tags: ['devices'],
          summary: 'Open a sync session for a station device on its own (signed by the device, no account)',
          body: deviceSessionRequest,
          response: {
            201: deviceSessionAnswer,
            400: apiProblem,
            401: apiProblem,
            403: apiProblem,
            404: apiProblem,
          },
        },
      },
      async (request, reply) => {
        const verified = await deps.signature.verify(request, reply);
        if (!verified.ok) {
          const issue = verified.errors[0];
          return reply.status(deviceIssueStatus[issue.code]).send(problemOf([issue]));
        }
        const { deviceId, orgUnitId } = verified.value;
        const [unit] = await deps.db
          .select({ kind: orgUnits.kind })
          .from(orgUnits)
          .where(eq(orgUnits.id, orgUnitId));
        if (unit?.kind !== 'commune-station') {
          return reply.status(403).send(problemOf([deviceIssue('device-session-station-only')]));
        }
        const session = await deps.db.transaction(async (tx) => {
          const issued = await deps.sessions.issue(tx, { accountId: deviceSessionOwner(deviceId), deviceId });
          await deps.audit.append(tx, {
            action: 'device-session-started',
            actorDeviceId: deviceId,
            targetType: 'device',
            targetId: deviceId,
            orgUnitId,
          });
          return issued;
        });
        return reply.status(201).send({
          token: session.token,
          expiresAt: session.expiresAt.toISOString(),
          deviceId,
          orgUnitId,
        });
      },
    );
  };
}
