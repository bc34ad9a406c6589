import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { accounts, sessions } from '../db/schema/accounts.ts';
import { devices } from '../db/schema/devices.ts';
import { roles, type Role } from '#shared/accounts/roles.ts';
import { DEVICE_ROLE, deviceSessionOwner, type Principal } from './principal.ts';
import { hashSessionToken, isWellFormedSessionToken, type SessionTokens } from './session-tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Why a request that sent a token has no principal; null when it sent none or the token is valid. */
    authFailure: 'session-expired' | null;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

type SessionRow = {
  readonly sessionOwner: string;
  readonly sessionDeviceId: string | null;
  readonly accountId: string | null;
  readonly userName: string | null;
  readonly role: string | null;
  readonly orgUnitId: string | null;
  readonly status: string | null;
  readonly mustChangePassword: boolean | null;
  readonly deviceUnitId: string | null;
  readonly deviceRevokedAt: Date | null;
};

/**
 * The principal of a live session: its account when the account is active, or its device when it is a device session
 * (owner `deviceSessionOwner(deviceId)`) of a device that is not revoked; null otherwise.
 */
function principalOf(row: SessionRow, tokenHash: string): Principal | null {
  if (row.accountId !== null) {
    if (row.status !== 'active' || row.role === null || row.userName === null || row.orgUnitId === null) {
      return null;
    }
    if (!isRole(row.role)) throw new Error(`account ${row.accountId} has an unknown role`);
    return {
      accountId: row.accountId,
      userName: row.userName,
      role: row.role,
      orgUnitId: row.orgUnitId,
      sessionTokenHash: tokenHash,
      mustChangePassword: row.mustChangePassword ?? true,
    };
  }
  const deviceId = row.sessionDeviceId;
  if (deviceId === null || row.sessionOwner !== deviceSessionOwner(deviceId)) return null;
  if (row.deviceUnitId === null || row.deviceRevokedAt !== null) return null;
  // `deviceId` stays unset until the request's own signature is verified, as for accounts.
  return {
    accountId: row.sessionOwner,
    userName: row.sessionOwner,
    role: DEVICE_ROLE,
    orgUnitId: row.deviceUnitId,
    sessionTokenHash: tokenHash,
    mustChangePassword: false,
  };
}

/**
 * The authentication hook: reads `Authorization: Bearer <token>`, loads the session and its account in one query,
 * and sets `request.principal` when the session is live and the account active, or, for a device session, the device
 * not revoked (a temporary lockout after failed
 * logins does not end sessions already open, so a password-guessing attacker cannot log the holder out). Otherwise
 * the request stays anonymous and route guards answer it; this hook never rejects a request itself, so public
 * routes keep working for a client holding a stale token. `deviceId` is left unset: device signatures are checked
 * by a later hook, which augments the principal.
 */
export function createAuthenticate(deps: {
  db: Database;
  sessions: SessionTokens;
  clock: { now(): Date };
}): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    request.principal = null;
    request.authFailure = null;
    const header = request.headers.authorization;
    if (header === undefined) return;
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) return;
    request.authFailure = 'session-expired';
    if (!isWellFormedSessionToken(token)) return;
    const tokenHash = hashSessionToken(token);
    const [row] = await deps.db
      .select({
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
        sessionOwner: sessions.accountId,
        sessionDeviceId: sessions.deviceId,
        accountId: accounts.id,
        userName: accounts.userName,
        role: accounts.role,
        orgUnitId: accounts.orgUnitId,
        status: accounts.status,
        mustChangePassword: accounts.mustChangePassword,
        deviceUnitId: devices.orgUnitId,
        deviceRevokedAt: devices.revokedAt,
      })
      .from(sessions)
      .leftJoin(accounts, eq(accounts.id, sessions.accountId))
      .leftJoin(devices, eq(devices.id, sessions.deviceId))
      .where(eq(sessions.tokenHash, tokenHash))
      .limit(1);
    const now = deps.clock.now();
    if (row === undefined || !deps.sessions.isLive(row, now)) return;
    const principal = principalOf(row, tokenHash);
    if (principal === null) return;
    await deps.sessions.touch(deps.db, tokenHash, row, now);
    request.principal = principal;
    request.authFailure = null;
  };
}

/** Declares `request.principal` / `request.authFailure` and installs the authentication hook on the whole app. */
export function registerAuthentication(
  app: FastifyInstance,
  deps: { db: Database; sessions: SessionTokens; clock: { now(): Date } },
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('authFailure', null);
  app.addHook('onRequest', createAuthenticate(deps));
}
