import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, ne } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.ts';
import { sessions } from '../db/schema/accounts.ts';

/** Production defaults: 30 minutes without a request ends a session; no session outlives 12 hours. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const DEFAULT_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** `last_seen_at` is rewritten at most this often per session, so sync traffic does not turn every read into a write. */
export const DEFAULT_TOUCH_INTERVAL_MS = 60 * 1000;

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A freshly issued session. `token` is the only copy of the secret: it is returned to the client once. */
export type IssuedSession = {
  readonly token: string;
  readonly tokenHash: string;
  readonly expiresAt: Date;
};

/** The timestamps that decide whether a session may still be used. */
export type SessionTimes = {
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
};

/**
 * Opaque session tokens: 32 random bytes in base64url, stored only as their SHA-256 hex (`sessions.token_hash`), so
 * a copy of the database gives no usable token. A session ends at its absolute expiry, after `idleTimeoutMs` without
 * use, or when revoked (logout, password change, lock, reset, close).
 */
export type SessionTokens = {
  readonly idleTimeoutMs: number;
  readonly absoluteTimeoutMs: number;
  issue(executor: DbExecutor, owner: { accountId: string; deviceId?: string }): Promise<IssuedSession>;
  /** True when the session is neither revoked, past its absolute expiry, nor idle for longer than the idle timeout. */
  isLive(session: SessionTimes, now: Date): boolean;
  /** Records that a live session was used at `now` (skipped when it was recorded less than the touch interval ago). */
  touch(executor: DbExecutor, tokenHash: string, session: SessionTimes, now: Date): Promise<void>;
  revoke(executor: DbExecutor, tokenHash: string): Promise<void>;
  /** Revokes every open session of the account, except `exceptTokenHash` when given; returns how many. */
  revokeAllOf(executor: DbExecutor, accountId: string, exceptTokenHash?: string): Promise<number>;
};

/** The stored form of a token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True for strings shaped like a token this server issues (checked before any database lookup). */
export function isWellFormedSessionToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function createSessionTokens(options: {
  clock: { now(): Date };
  idleTimeoutMs?: number;
  absoluteTimeoutMs?: number;
  touchIntervalMs?: number;
}): SessionTokens {
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const absoluteTimeoutMs = options.absoluteTimeoutMs ?? DEFAULT_ABSOLUTE_TIMEOUT_MS;
  const touchIntervalMs = options.touchIntervalMs ?? DEFAULT_TOUCH_INTERVAL_MS;

  return {
    idleTimeoutMs,
    absoluteTimeoutMs,
    async issue(executor, owner) {
      const token = randomBytes(TOKEN_BYTES).toString('base64url');
      const tokenHash = hashSessionToken(token);
      const now = options.clock.now();
      const expiresAt = new Date(now.getTime() + absoluteTimeoutMs);
      await executor.insert(sessions).values({
        tokenHash,
        accountId: owner.accountId,
        deviceId: owner.deviceId ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
      });
      return { token, tokenHash, expiresAt };
    },
    isLive(session, now) {
      return (
        session.revokedAt === null &&
        now.getTime() < session.expiresAt.getTime() &&
        now.getTime() - session.lastSeenAt.getTime() < idleTimeoutMs
      );
    },
    async touch(executor, tokenHash, session, now) {
      if (now.getTime() - session.lastSeenAt.getTime() < touchIntervalMs) return;
      await executor
        .update(sessions)
        .set({ lastSeenAt: now })
        .where(and(eq(sessions.tokenHash, tokenHash), lt(sessions.lastSeenAt, now)));
    },
    async revoke(executor, tokenHash) {
      await executor
        .update(sessions)
        .set({ revokedAt: options.clock.now() })
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
    },
    async revokeAllOf(executor, accountId, exceptTokenHash) {
      const revoked = await executor
        .update(sessions)
        .set({ revokedAt: options.clock.now() })
        .where(
          and(
            eq(sessions.accountId, accountId),
            isNull(sessions.revokedAt),
            exceptTokenHash === undefined ? undefined : ne(sessions.tokenHash, exceptTokenHash),
          ),
        )
        .returning({ tokenHash: sessions.tokenHash });
      return revoked.length;
    },
  };
}
