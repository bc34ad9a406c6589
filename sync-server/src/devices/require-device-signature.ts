import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Issue } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { decodeBase64 } from '#shared/sync/base64.ts';
import { canonicalRequest, deviceSignatureHeaders } from '#shared/sync/device-signature.ts';
import { encodeUtf8 } from '#shared/sync/utf8.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { authIssue } from '../auth/auth-guards.ts';
import { DEVICE_ROLE, deviceSessionOwner, type Principal } from '../auth/principal.ts';
import { createEd25519Verifier } from '../crypto/ed25519-verifier.ts';
import type { Database } from '../db/database.ts';
import { devices } from '../db/schema/devices.ts';
import { numberColumn, rowsOf } from '../db/sql-rows.ts';
import { problemOf } from '#shared/errors/api-problem.ts';
import { deviceIssue, deviceIssueStatus, type DeviceIssueCode } from './device-issues.ts';
import { claimedDeviceId, parseDeviceSignatureHeaders } from './device-signature-headers.ts';
import { createRawBodyCapture, type RawBodyCapture } from './raw-body-capture.ts';

/** Accepted distance between a request's timestamp and the server's clock, either way. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** `devices.last_seen_at` is refreshed at most this often, so a busy station does not write on every request. */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

/** The enrolled, unrevoked device whose signature a request carried. */
export type VerifiedDevice = { readonly deviceId: string; readonly orgUnitId: string };

/**
 * The two hooks a signed sync route needs: `preParsing` keeps the exact body bytes, `preHandler` verifies the
 * device signature. Install both on the encapsulated scope of the sync routes (whose `onRequest` session guard,
 * e.g. `requireSession()`, has already answered anonymous requests and pending password changes):
 *
 *     scope.addHook('preParsing', guard.preParsing);
 *     scope.addHook('preHandler', guard.preHandler);
 *
 * (or pass them as the route's `preParsing` / `preHandler` options). `verify` is the signature check alone, for the
 * one anonymous signed route (`POST /auth/device-session`): it answers the device or the rejection's issue, audited.
 */
export type DeviceSignatureGuard = {
  readonly preParsing: RawBodyCapture['preParsing'];
  readonly preHandler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
  readonly verify: (
    request: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<Result<VerifiedDevice, DeviceIssueCode>>;
};

/**
 * Verifies signed sync requests (DESIGN.md §6). A request passes when it names an enrolled device that is not
 * revoked, carries a timestamp within `maxSkewMs` of the SERVER's clock (station clocks can be days off; a
 * `device-clock-skew` rejection and the `x-hssk-server-time` header on every answer let the station correct its
 * offset and retry), a nonce the device has not used inside the window, and a valid Ed25519 signature over method,
 * path with query, body digest, timestamp and nonce; and, behind a session, when the device belongs to the
 * session's own station (and to the session's device, if it has one). On success `request.principal.deviceId` is
 * set; every rejection is audited with its reason code.
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
  const ed25519 = createEd25519Verifier();

  async function refuse(
    request: FastifyRequest,
    principal: Principal | null,
    issue: Issue<DeviceIssueCode>,
  ): Promise<Result<never, DeviceIssueCode>> {
    const deviceId = claimedDeviceId(request.headers);
    await audit.append(db, {
      action: 'device-signature-rejected',
      actorAccountId: principal?.accountId,
      actorDeviceId: deviceId,
      targetType: deviceId === undefined ? undefined : 'device',
      targetId: deviceId,
      orgUnitId: principal?.orgUnitId,
      detail: { reason: issue.code, method: request.method, route: request.routeOptions.url ?? '' },
    });
    request.log.info({ reason: issue.code, deviceId }, 'device signature rejected');
    return fail(issue);
  }

  async function verify(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal | null,
  ): Promise<Result<VerifiedDevice, DeviceIssueCode>> {
    const now = clock.now();
    void reply.header(deviceSignatureHeaders.serverTime, String(now.getTime()));
    const claim = parseDeviceSignatureHeaders(request.headers);
    if (!claim.ok) return refuse(request, principal, claim.errors[0]);
    const { deviceId, timestamp, nonce, signature } = claim.value;
    if (Math.abs(timestamp - now.getTime()) > maxSkewMs) {
      return refuse(
        request,
        principal,
        deviceIssue('device-clock-skew', {
          maxSkewSeconds: Math.round(maxSkewMs / 1000),
          serverTime: now.toISOString(),
        }),
      );
    }
    const [device] = await db
      .select({ orgUnitId: devices.orgUnitId, publicKey: devices.publicKey, revokedAt: devices.revokedAt })
      .from(devices)
      .where(eq(devices.id, deviceId));
    if (device === undefined) return refuse(request, principal, deviceIssue('device-unknown'));
    // The shared format (`canonicalRequest`), checked natively: SHA-512 and Ed25519 from OpenSSL.
    const message = canonicalRequest({
      method: request.method,
      path: request.url,
      bodyDigest: createHash('sha512').update(rawBodies.bodyOf(request)).digest('base64'),
      timestamp,
      nonce,
    });
    const publicKey = decodeBase64(device.publicKey) ?? new Uint8Array(0);
    const valid = ed25519.verify(encodeUtf8(message), signature, publicKey);
    // Only a holder of the device key learns that the device is revoked or belongs to another station.
    if (!valid) return refuse(request, principal, deviceIssue('device-signature-invalid'));
    if (device.revokedAt !== null) return refuse(request, principal, deviceIssue('device-revoked'));
    if (principal !== null && device.orgUnitId !== principal.orgUnitId) {
      return refuse(request, principal, deviceIssue('device-not-of-station'));
    }
    if (
      principal !== null &&
      principal.role === DEVICE_ROLE &&
      principal.accountId !== deviceSessionOwner(deviceId)
    ) {
      return refuse(request, principal, deviceIssue('device-session-mismatch'));
    }
    if (principal?.deviceId !== undefined && principal.deviceId !== deviceId) {
      return refuse(request, principal, deviceIssue('device-session-mismatch'));
    }
    // The nonce, and the device's last-seen time when it is older than the resolution, in one round trip.
    const [claimed] = rowsOf(
      await db.execute(sql`
        with fresh as (
          insert into device_nonces (device_id, nonce, seen_at) values (${deviceId}, ${nonce}, ${now.toISOString()}::timestamptz)
          on conflict do nothing
          returning 1
        ), seen as (
          update devices set last_seen_at = ${now.toISOString()}::timestamptz
           where id = ${deviceId} and exists (select 1 from fresh)
             and (last_seen_at is null or last_seen_at < ${new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS).toISOString()}::timestamptz)
        )
        select count(*)::int as fresh from fresh`),
    );
    if (numberColumn(claimed?.['fresh'] ?? 0) === 0)
      return refuse(request, principal, deviceIssue('device-replay'));
    return ok({ deviceId, orgUnitId: device.orgUnitId });
  }

  return {
    preParsing: rawBodies.preParsing,
    verify: (request, reply) => verify(request, reply, null),
    async preHandler(request, reply) {
      const principal = request.principal;
      // The sync routes' session guard normally answers this first; the check keeps the guard safe on its own.
      if (!principal) {
        void reply.header(deviceSignatureHeaders.serverTime, String(clock.now().getTime()));
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer')
          .send(problemOf([authIssue('auth-required')]));
      }
      const verified = await verify(request, reply, principal);
      if (!verified.ok) {
        const issue = verified.errors[0];
        return reply.status(deviceIssueStatus[issue.code]).send(problemOf([issue]));
      }
      request.principal = { ...principal, deviceId: verified.value.deviceId };
      return undefined;
    },
  };
}
