import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/audit-log.ts';
import { registerAuthentication } from '../auth/authenticate.ts';
import { createSessionTokens, type SessionTokens } from '../auth/session-tokens.ts';
import type { Database } from '../db/database.ts';
import { createAccountAdminService } from './account-admin-service.ts';
import { adminAccountRoutes } from './admin-account-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { createPasswordHasher, type PasswordHasher } from './password-hasher.ts';
import { createSignInService } from './sign-in-service.ts';
import { signInAttackRoutes } from './sign-in-attack-routes.ts';
import { ipSource } from './sign-in-lockouts.ts';
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
  await app.register(
    authRoutes({
      signIn: createSignInService(services),
      idleTimeoutMs: sessions.idleTimeoutMs,
      sourceOf: async (request) => ipSource(request.ip),
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
