import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { accounts, sessions } from '../db/schema/accounts.ts';
import { devices } from '../db/schema/devices.ts';
import { DEVICE_ROLE, type Principal } from './principal.ts';
import type { SessionTokens } from './session-tokens.ts';

/**
 * Re-checks that the principal behind a long-lived response (a replication stream) may still act: its session is
 * live and not revoked (logout, password change, lock), its account active, and its device, when it has one, not
 * revoked. A live stream counts as use of its session (it is touched), so an open stream is not cut by the idle
 * timeout while the station listens. Answers false rather than throwing for anything that ended.
 */
export type PrincipalRecheck = (principal: Principal) => Promise<boolean>;

export function createPrincipalRecheck(deps: {
  db: Database;
  sessions: SessionTokens;
  clock: { now(): Date };
}): PrincipalRecheck {
  return async (principal) => {
    const [row] = await deps.db
      .select({
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
        sessionOwner: sessions.accountId,
        status: accounts.status,
      })
      .from(sessions)
      .leftJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(eq(sessions.tokenHash, principal.sessionTokenHash))
      .limit(1);
    const now = deps.clock.now();
    if (row === undefined || row.sessionOwner !== principal.accountId) return false;
    // A device session has no account; its device is checked below (a device principal always has its deviceId).
    if (principal.role === DEVICE_ROLE ? principal.deviceId === undefined : row.status !== 'active')
      return false;
    if (!deps.sessions.isLive(row, now)) return false;
    if (principal.deviceId !== undefined) {
      const [device] = await deps.db
        .select({ revokedAt: devices.revokedAt })
        .from(devices)
        .where(eq(devices.id, principal.deviceId));
      if (device === undefined || device.revokedAt !== null) return false;
    }
    await deps.sessions.touch(deps.db, principal.sessionTokenHash, row, now);
    return true;
  };
}
