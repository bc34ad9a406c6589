import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { problemOf } from '#shared/errors/api-problem.ts';
import { deviceSignatureHeaders } from '#shared/sync/device-signature.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { DEVICE_ROLE } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { devices } from '../db/schema/devices.ts';
import { deviceIssue, deviceIssueStatus } from './device-issues.ts';
import type { DeviceSignatureGuard } from './require-device-signature.ts';

/** The hooks a route scope installs (the shape of the replication engine's `SyncRequestGuard`). */
export type DeviceBoundRequests = Pick<DeviceSignatureGuard, 'preParsing' | 'preHandler'>;

const sendsSignature = (request: FastifyRequest): boolean =>
  request.headers[deviceSignatureHeaders.device] !== undefined;

/**
 * Who must sign a request with an enrolled device (DESIGN.md §6), for the record's routes (replication, the
 * hospitals' intake and figures):
 * - station staff and station devices, always, with a device of their own station;
 * - a hospital's or clinic's interop account once its facility has enrolled a sending machine (any unrevoked device
 *   of its unit): from then on an unsigned request is refused (`sending-device-required`, audited), so a leaked
 *   password alone no longer sends or reads anything. A request that carries a signature is verified whatever the
 *   facility has enrolled;
 * - district and city admins and report viewers by their session alone.
 * Install both hooks on the routes' encapsulated scope, after the session guard (`onRequest`) has run.
 */
export function deviceBoundRequests(deps: {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly clock: { now(): Date };
  readonly signature: DeviceSignatureGuard;
}): DeviceBoundRequests {
  const { db, audit, clock, signature } = deps;

  async function hasSendingDevice(orgUnitId: string): Promise<boolean> {
    const [device] = await db
      .select({ id: devices.id })
      .from(devices)
      .where(and(eq(devices.orgUnitId, orgUnitId), isNull(devices.revokedAt)))
      .limit(1);
    return device !== undefined;
  }

  return {
    preParsing: signature.preParsing,
    async preHandler(request, reply) {
      const principal = request.principal;
      if (principal === null) return undefined;
      if (principal.role === 'station-staff' || principal.role === DEVICE_ROLE)
        return signature.preHandler(request, reply);
      if (principal.role !== 'interop') return undefined;
      if (sendsSignature(request)) return signature.preHandler(request, reply);
      if (!(await hasSendingDevice(principal.orgUnitId))) return undefined;
      await audit.append(db, {
        action: 'device-signature-rejected',
        actorAccountId: principal.accountId,
        orgUnitId: principal.orgUnitId,
        detail: {
          reason: 'sending-device-required',
          method: request.method,
          route: request.routeOptions.url ?? '',
        },
      });
      void reply.header(deviceSignatureHeaders.serverTime, String(clock.now().getTime()));
      return reply
        .status(deviceIssueStatus['sending-device-required'])
        .send(problemOf([deviceIssue('sending-device-required')]));
    },
  };
}
