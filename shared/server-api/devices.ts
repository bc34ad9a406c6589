import { z } from 'zod';
import { safeString } from '../schemas/safe-string.ts';

/**
 * The device routes: administration of station devices (`/admin/devices`, city and district admins inside their
 * subtree), anonymous enrolment with a one-time code (`POST /devices/enrol`) and a device's own sync session
 * (`POST /auth/device-session`, signed by the device).
 */

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
export type DeviceView = z.infer<typeof deviceView>;

export const enrolmentCodeRequest = z.strictObject({ orgUnitId });
/** A one-time enrolment code for a commune station, shown once. */
export const enrolmentCodeAnswer = z.object({ code: z.string(), expiresAt: z.iso.datetime() });
export const deviceListQuery = z.strictObject({
  orgUnitId: orgUnitId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const devicesAnswer = z.object({ devices: z.array(deviceView) });
export const deviceParams = z.strictObject({ deviceId });
export const deviceAnswer = z.object({ device: deviceView });

export const enrolRequest = z.strictObject({
  code: safeString().min(1).max(64),
  publicKey: safeString().min(1).max(128),
  label: deviceLabel,
});
export type EnrolRequest = z.input<typeof enrolRequest>;
/** The enrolled device's id and the commune station it belongs to. */
export const enrolAnswer = z.object({ deviceId: z.string(), orgUnitId: z.string() });

/** The device session's request carries nothing: the device's signature over it is the credential. */
export const deviceSessionRequest = z.strictObject({});
export const deviceSessionAnswer = z.object({
  token: z.string(),
  expiresAt: z.string(),
  deviceId: z.string(),
  orgUnitId: z.string(),
});
