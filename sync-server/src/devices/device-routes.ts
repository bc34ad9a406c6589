import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  deviceAnswer,
  deviceListQuery,
  deviceParams,
  devicesAnswer,
  enrolAnswer,
  enrolmentCodeAnswer,
  enrolmentCodeRequest,
  enrolRequest,
  type DeviceView,
} from '#shared/server-api/devices.ts';
import type { Issue } from '#shared/errors/issue.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import { deviceIssueStatus, type DeviceIssueCode } from './device-issues.ts';
import { deviceAdminRoles, type DeviceRegistry, type DeviceView as StoredDevice } from './device-registry.ts';

function viewOf(device: StoredDevice): DeviceView {
  return {
    id: device.id,
    orgUnitId: device.orgUnitId,
    label: device.label,
    enrolledAt: device.enrolledAt.toISOString(),
    revokedAt: device.revokedAt?.toISOString() ?? null,
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
  };
}

function sendProblem(
  reply: FastifyReply,
  errors: readonly [Issue<DeviceIssueCode>, ...Issue<DeviceIssueCode>[]],
) {
  return reply.status(deviceIssueStatus[errors[0].code]).send(problemOf(errors));
}

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem, 404: apiProblem };

/**
 * Device administration (city and district admins, inside their org-unit subtree) and anonymous enrolment with a
 * one-time code. The role guard runs on `onRequest`, before the body is parsed; the registry checks scope in SQL.
 */
export function deviceRoutes(deps: { registry: DeviceRegistry }): FastifyPluginAsyncZod {
  const { registry } = deps;
  const adminOnly = requireRole(...deviceAdminRoles);
  return async (app) => {
    app.post(
      '/admin/devices/enrolment-codes',
      {
        onRequest: adminOnly,
        schema: {
          tags: ['devices'],
          summary: 'Issue a one-time enrolment code for a commune station (shown once, valid 72 hours)',
          body: enrolmentCodeRequest,
          response: {
            201: enrolmentCodeAnswer,
            ...problems,
          },
        },
      },
      async (request, reply) => {
        const issued = await registry.issueEnrolmentCode(requirePrincipal(request), request.body.orgUnitId);
        if (!issued.ok) return sendProblem(reply, issued.errors);
        return reply
          .status(201)
          .header('cache-control', 'no-store')
          .send({ code: issued.value.code, expiresAt: issued.value.expiresAt.toISOString() });
      },
    );

    app.get(
      '/admin/devices',
      {
        onRequest: adminOnly,
        schema: {
          tags: ['devices'],
          summary: "List the devices of an org unit's subtree (default: the admin's own unit)",
          querystring: deviceListQuery,
          response: { 200: devicesAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const listed = await registry.list(requirePrincipal(request), {
          orgUnitId: request.query.orgUnitId,
          limit: request.query.limit,
        });
        if (!listed.ok) return sendProblem(reply, listed.errors);
        return reply.send({ devices: listed.value.map(viewOf) });
      },
    );

    app.post(
      '/admin/devices/:deviceId/revoke',
      {
        onRequest: adminOnly,
        schema: {
          tags: ['devices'],
          summary: 'Revoke a device: it can no longer sync and must re-enrol with a new code',
          params: deviceParams,
          response: { 200: deviceAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const revoked = await registry.revoke(requirePrincipal(request), request.params.deviceId);
        if (!revoked.ok) return sendProblem(reply, revoked.errors);
        return reply.send({ device: viewOf(revoked.value) });
      },
    );

    app.post(
      '/devices/enrol',
      {
        schema: {
          tags: ['devices'],
          summary:
            'Enrol a station device with a one-time code and register its Ed25519 public key (anonymous)',
          body: enrolRequest,
          response: {
            201: enrolAnswer,
            400: apiProblem,
          },
        },
      },
      async (request, reply) => {
        const enrolled = await registry.enrol(request.body);
        if (!enrolled.ok) {
          request.log.info({ reason: enrolled.errors[0].code }, 'device enrolment refused');
          return sendProblem(reply, enrolled.errors);
        }
        return reply.status(201).send(enrolled.value);
      },
    );
  };
}
