import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Issue } from '../../../shared/errors/issue.ts';
import { decodeBase64 } from '../../../shared/sync/base64.ts';
import { deviceSignatureHeaders, verifyRequestSignature } from '../../../shared/sync/device-signature.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { authIssue } from '../auth/auth-guards.ts';
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { deviceNonces, devices } from '../db/schema/devices.ts';
import { problemOf } from '../http/api-problem.ts';
import { deviceIssue, deviceIssueStatus, type DeviceIssueCode } from './device-issues.ts';
import { claimedDeviceId, parseDeviceSignatureHeaders } from './device-signature-headers.ts';
import { createRawBodyCapture, type RawBodyCapture } from './raw-body-capture.ts';

/** Accepted distance between a request's timestamp and the server's clock, either way. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** `devices.last_seen_at` is refreshed at most this often, so a busy station does not write on every request. */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

/**
 * The two hooks a signed sync route needs: `preParsing` keeps the exact body bytes, `preHandler` verifies the
 * device signature. Install both on the encapsulated scope of the sync routes (whose `onRequest` session guard,
 * e.g. `requireSession()`, has already answered anonymous requests and pending password changes):
 *
 *     scope.addHook('preParsing', guard.preParsing);
 *     scope.addHook('preHandler', guard.preHandler);
 *
 * (or pass them as the route's `preParsing` / `preHandler` options).
 */
export type DeviceSignatureGuard = {
  readonly preParsing: RawBodyCapture['preParsing'];
  readonly preHandler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
};

/**
 * Verifies signed sync requests (DESIGN.md §6). A request passes when it comes from a signed-in account, names an
 * enrolled device of that account's own station that is not revoked, carries a timestamp within `maxSkewMs` of the
 * SERVER's clock (station clocks can be days off; a `device-clock-skew` rejection and the `x-hssk-server-time` header
 * on every answer let the station correct its offset and retry), a nonce the device has not used inside the window,
 * and a valid Ed25519 signature over method, path with query, body digest, timestamp and nonce. On success
 * `request.principal.deviceId` is set; every rejection of a signed-in account is audited with its reason code.
 */
export function requireDeviceSignature(options: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
  maxSkewMs?: number;
}): DeviceSignatureGuard {
  const { db, audit, clock } = options;
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  const rawBodies = createRawBodyCapture();

  async function reject(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    issue: Issue<DeviceIssueCode>,
  ): Promise<FastifyReply> {
    const deviceId = claimedDeviceId(request.headers);
    await audit.append(db, {
      action: 'device-signature-rejected',
      actorAccountId: principal.accountId,
      actorDeviceId: deviceId,
      targetType: deviceId === undefined ? undefined : 'device',
      targetId: deviceId,
      orgUnitId: principal.orgUnitId,
      detail: { reason: issue.code, method: request.method, route: request.routeOptions.url ?? '' },
    });
    request.log.info({ reason: issue.code, deviceId }, 'device signature rejected');
    return reply.status(deviceIssueStatus[issue.code]).send(problemOf([issue]));
  }

  return {
    preParsing: rawBodies.preParsing,
    async preHandler(request, reply) {
      const now = clock.now();
      void reply.header(deviceSignatureHeaders.serverTime, String(now.getTime()));
      const principal = request.principal;
      // The sync routes' session guard normally answers this first; the check keeps the guard safe on its own.
      if (!principal) {
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer')
          .send(problemOf([authIssue('auth-required')]));
      }
      const claim = parseDeviceSignatureHeaders(request.headers);
      if (!claim.ok) return reject(request, reply, principal, claim.errors[0]);
      const { deviceId, timestamp, nonce, signature } = claim.value;
      if (Math.abs(timestamp - now.getTime()) > maxSkewMs) {
        return reject(
          request,
          reply,
          principal,
          deviceIssue('device-clock-skew', {
            maxSkewSeconds: Math.round(maxSkewMs / 1000),
            serverTime: now.toISOString(),
          }),
        );
      }
      const [device] = await db
        .select({
          orgUnitId: devices.orgUnitId,
          publicKey: devices.publicKey,
          revokedAt: devices.revokedAt,
        })
        .from(devices)
        .where(eq(devices.id, deviceId));
      if (device === undefined) return reject(request, reply, principal, deviceIssue('device-unknown'));
      const valid = verifyRequestSignature({
        publicKey: decodeBase64(device.publicKey) ?? new Uint8Array(0),
        signature,
        method: request.method,
        path: request.url,
        body: rawBodies.bodyOf(request),
        timestamp,
        nonce,
      });
      // Only a holder of the device key learns that the device is revoked or belongs to another station.
      if (!valid) return reject(request, reply, principal, deviceIssue('device-signature-invalid'));
      if (device.revokedAt !== null) return reject(request, reply, principal, deviceIssue('device-revoked'));
      if (device.orgUnitId !== principal.orgUnitId) {
        return reject(request, reply, principal, deviceIssue('device-not-of-station'));
      }
      if (principal.deviceId !== undefined && principal.deviceId !== deviceId) {
        return reject(request, reply, principal, deviceIssue('device-session-mismatch'));
      }
      const fresh = await db
        .insert(deviceNonces)
        .values({ deviceId, nonce, seenAt: now })
        .onConflictDoNothing()
        .returning({ nonce: deviceNonces.nonce });
      if (fresh.length === 0) return reject(request, reply, principal, deviceIssue('device-replay'));
      await db
        .update(devices)
        .set({ lastSeenAt: now })
        .where(
          and(
            eq(devices.id, deviceId),
            or(
              isNull(devices.lastSeenAt),
              lt(devices.lastSeenAt, new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS)),
            ),
          ),
        );
      request.principal = { ...principal, deviceId };
      return undefined;
    },
  };
}
