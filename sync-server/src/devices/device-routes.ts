import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { safeString } from '#shared/schemas/safe-string.ts';
import type { Issue } from '#shared/errors/issue.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import { deviceIssueStatus, type DeviceIssueCode } from './device-issues.ts';
import { deviceAdminRoles, type DeviceRegistry, type DeviceView } from './device-registry.ts';

const orgUnitId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/);
const deviceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** A name people give the machine ("Máy tiếp đón 1"): letters, digits, spaces and plain punctuation only. */
const deviceLabel = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[\p{L}\p{M}\p{N} ._,()/#:+-]+$/u);

const deviceView = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  label: z.string(),
  enrolledAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
});

function viewOf(device: DeviceView): z.infer<typeof deviceView> {
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
          body: z.strictObject({ orgUnitId }),
          response: {
            201: z.object({ code: z.string(), expiresAt: z.iso.datetime() }),
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
          querystring: z.strictObject({
            orgUnitId: orgUnitId.optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(500),
          }),
          response: { 200: z.object({ devices: z.array(deviceView) }), ...problems },
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
          params: z.strictObject({ deviceId }),
          response: { 200: z.object({ device: deviceView }), ...problems },
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
          body: z.strictObject({
            code: safeString().min(1).max(64),
            publicKey: safeString().min(1).max(128),
            label: deviceLabel,
          }),
          response: {
            201: z.object({ deviceId: z.string(), orgUnitId: z.string() }),
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
