import type { Role } from '#shared/accounts/roles.ts';

/**
 * The role of a station device acting on its own, without a signed-in person: it holds a device session
 * (`POST /auth/device-session`, issued against the device's signature) so that sync runs while nobody is logged
 * in. It is never an account role: nobody can sign in as a device, and it may only replicate its station.
 */
export const DEVICE_ROLE = 'station-device';
export type PrincipalRole = Role | typeof DEVICE_ROLE;

/** The `sessions.account_id` of a device session: no account has this id (account ids are UUIDs). */
export function deviceSessionOwner(deviceId: string): string {
  return `device:${deviceId}`;
}

/**
 * Who is making an authenticated request: the account behind a valid session and, for station sync requests, the
 * enrolled device whose signature was verified; or a station device on its own (role `station-device`, `accountId`
 * = `deviceSessionOwner(deviceId)`, `deviceId` set once its signature is verified). Route handlers authorise against
 * this, never against raw headers.
 */
export type Principal = {
  readonly accountId: string;
  readonly userName: string;
  readonly role: PrincipalRole;
  readonly orgUnitId: string;
  readonly sessionTokenHash: string;
  /** Set only when the request carried a valid device signature. */
  readonly deviceId?: string;
  /** True when the account must change its password before doing anything else. */
  readonly mustChangePassword: boolean;
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook for a valid session (and device signature); null on anonymous requests. */
    principal: Principal | null;
  }
}
