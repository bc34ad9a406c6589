import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditLog } from '../audit/audit-log.ts';
import { registerAuthentication } from '../auth/authenticate.ts';
import { createSessionTokens, type SessionTokens } from '../auth/session-tokens.ts';
import type { Database } from '../db/database.ts';
import { claimedDeviceId } from '../devices/device-signature-headers.ts';
import { requireDeviceSignature } from '../devices/require-device-signature.ts';
import { createAccountAdminService } from './account-admin-service.ts';
import { adminAccountRoutes } from './admin-account-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { createPasswordHasher, type PasswordHasher } from './password-hasher.ts';
import { createSignInService } from './sign-in-service.ts';
import { signInAttackRoutes } from './sign-in-attack-routes.ts';
import { deviceSource, ipSource, type SignInSource } from './sign-in-lockouts.ts';
import type { StaffAccessList } from './staff-access-list.ts';

/** Optional overrides; the defaults are the production values (argon2id baseline cost, 30 min idle, 12 h absolute). */
export type AccountsOptions = {
  readonly passwordHasher?: PasswordHasher;
  readonly sessionTokens?: SessionTokens;
  /** Facility code naming accounts of units without one on their path (default `01SYT`); null refuses them. */
  readonly fallbackFacilityCode?: string | null;
  /** The stations' revocation list, written by every act that changes whether station staff may sign in. */
  readonly staffAccess?: StaffAccessList | undefined;
};

/**
 * Installs authentication on the whole app (every later route sees `request.principal`) and the `/auth/*`,
 * `/admin/accounts` and `/admin/sign-in-attacks` routes. Call it before registering other route plugins, so the hook covers their routes.
 */
export async function registerAccounts(
  app: FastifyInstance,
  deps: { db: Database; audit: AuditLog; clock: { now(): Date } } & AccountsOptions,
): Promise<void> {
  const sessions = deps.sessionTokens ?? createSessionTokens({ clock: deps.clock });
  const hasher = deps.passwordHasher ?? createPasswordHasher();
  const services = {
    db: deps.db,
    audit: deps.audit,
    clock: deps.clock,
    hasher,
    sessions,
    ...(deps.staffAccess === undefined ? {} : { staffAccess: deps.staffAccess }),
  };
  registerAuthentication(app, { db: deps.db, sessions, clock: deps.clock });
  // A sign-in a station device forwarded and signed counts against that device, not the address it came from (one
  // address may front many stations); an unsigned one, or one whose signature fails, against the client address.
  const deviceSignature = requireDeviceSignature({ db: deps.db, audit: deps.audit, clock: deps.clock });
  const sourceOf = async (request: FastifyRequest, reply: FastifyReply): Promise<SignInSource> => {
    if (claimedDeviceId(request.headers) === undefined) return ipSource(request.ip);
    const device = await deviceSignature.verify(request, reply);
    return device.ok ? deviceSource(device.value.deviceId) : ipSource(request.ip);
  };
  await app.register(
    authRoutes({
      signIn: createSignInService(services),
      idleTimeoutMs: sessions.idleTimeoutMs,
      sourceOf,
      preParsing: deviceSignature.preParsing,
    }),
  );
  await app.register(signInAttackRoutes({ db: deps.db, audit: deps.audit, clock: deps.clock }));
  await app.register(
    adminAccountRoutes({
      admin: createAccountAdminService({
        ...services,
        ...(deps.fallbackFacilityCode === undefined
          ? {}
          : { fallbackFacilityCode: deps.fallbackFacilityCode }),
      }),
    }),
  );
}
