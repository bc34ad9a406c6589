/**
 * Roles (Art. 7, 10, 12–14): each account has one, bound to an org unit. Admins act only inside their unit's subtree;
 * station staff replicate their commune; interop accounts (`_lt_`) serve hospitals; report viewers see aggregates only.
 */
export const roles = [
  'city-admin',
  'district-admin',
  'station-staff',
  'interop',
  'report-viewer',
  'it-admin',
] as const;
export type Role = (typeof roles)[number];

/**
 * Who is making an authenticated request: the account behind a valid session and, for station sync requests, the
 * enrolled device whose signature was verified. Route handlers authorise against this, never against raw headers.
 */
export type Principal = {
  readonly accountId: string;
  readonly userName: string;
  readonly role: Role;
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
