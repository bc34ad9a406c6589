import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock, MINUTE } from '../testing/test-clock.test-support.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { sessions } from '../db/schema/accounts.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  createSessionTokens,
  DEFAULT_ABSOLUTE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  hashSessionToken,
  isWellFormedSessionToken,
} from './session-tokens.ts';

describe('session token times', () => {
  const clock = createTestClock();
  const tokens = createSessionTokens({ clock });
  const t0 = clock.now().getTime();
  const at = (ms: number) => new Date(t0 + ms);
  const fresh = { lastSeenAt: at(0), expiresAt: at(DEFAULT_ABSOLUTE_TIMEOUT_MS), revokedAt: null };

  it('defaults to 30 minutes idle and 12 hours absolute', () => {
    expect(tokens.idleTimeoutMs).toBe(30 * MINUTE);
    expect(tokens.absoluteTimeoutMs).toBe(12 * 60 * MINUTE);
    expect(DEFAULT_IDLE_TIMEOUT_MS).toBe(tokens.idleTimeoutMs);
  });

  it('is live until the idle timeout, exclusive', () => {
    expect(tokens.isLive(fresh, at(30 * MINUTE - 1))).toBe(true);
    expect(tokens.isLive(fresh, at(30 * MINUTE))).toBe(false);
  });

  it('ends at the absolute expiry however recently it was used', () => {
    const busy = { ...fresh, lastSeenAt: at(DEFAULT_ABSOLUTE_TIMEOUT_MS - 1) };
    expect(tokens.isLive(busy, at(DEFAULT_ABSOLUTE_TIMEOUT_MS - 1))).toBe(true);
    expect(tokens.isLive(busy, at(DEFAULT_ABSOLUTE_TIMEOUT_MS))).toBe(false);
  });

  it('is dead once revoked', () => {
    expect(tokens.isLive({ ...fresh, revokedAt: at(0) }, at(1))).toBe(false);
  });

  it('honours configured timeouts', () => {
    const short = createSessionTokens({ clock, idleTimeoutMs: MINUTE, absoluteTimeoutMs: 5 * MINUTE });
    expect(short.isLive({ ...fresh, expiresAt: at(5 * MINUTE) }, at(MINUTE))).toBe(false);
  });
});

describe.each(testBackends)('session tokens in the database on $name', (backend) => {
  let database: DatabaseHandle;
  const clock = createTestClock();
  const tokens = createSessionTokens({ clock, touchIntervalMs: MINUTE });
  beforeAll(async () => {
    database = await backend.open();
  }, 60_000);
  afterAll(async () => {
    await database.close();
  });

  it('issues 32 random bytes in base64url and stores only their SHA-256', async () => {
    const issued = await tokens.issue(database.db, { accountId: 'a1' });
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isWellFormedSessionToken(issued.token)).toBe(true);
    expect(Buffer.from(issued.token, 'base64url')).toHaveLength(32);
    expect(issued.tokenHash).toBe(createHash('sha256').update(issued.token).digest('hex'));
    expect(hashSessionToken(issued.token)).toBe(issued.tokenHash);
    const rows = await database.db.select().from(sessions).where(eq(sessions.accountId, 'a1'));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(issued.token);
    expect(rows[0]?.expiresAt.getTime()).toBe(clock.now().getTime() + DEFAULT_ABSOLUTE_TIMEOUT_MS);
    expect((await tokens.issue(database.db, { accountId: 'a1' })).token).not.toBe(issued.token);
  });

  it('rewrites last_seen_at at most once per touch interval', async () => {
    const issued = await tokens.issue(database.db, { accountId: 'a2' });
    const seen = async () =>
      (await database.db.select().from(sessions).where(eq(sessions.tokenHash, issued.tokenHash)))[0];
    const start = clock.now();
    clock.advance(30 * 1000);
    await tokens.touch(
      database.db,
      issued.tokenHash,
      { lastSeenAt: start, expiresAt: issued.expiresAt, revokedAt: null },
      clock.now(),
    );
    expect((await seen())?.lastSeenAt.getTime()).toBe(start.getTime());
    clock.advance(31 * 1000);
    await tokens.touch(
      database.db,
      issued.tokenHash,
      { lastSeenAt: start, expiresAt: issued.expiresAt, revokedAt: null },
      clock.now(),
    );
    expect((await seen())?.lastSeenAt.getTime()).toBe(clock.now().getTime());
  });

  it('revokes one session, or all of an account but the current one', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => tokens.issue(database.db, { accountId: 'a3' })));
    if (!a || !b || !c) throw new Error('issue failed');
    await tokens.revoke(database.db, a.tokenHash);
    expect(await tokens.revokeAllOf(database.db, 'a3', c.tokenHash)).toBe(1);
    const rows = await database.db.select().from(sessions).where(eq(sessions.accountId, 'a3'));
    const revoked = new Map(rows.map((r) => [r.tokenHash, r.revokedAt !== null]));
    expect([revoked.get(a.tokenHash), revoked.get(b.tokenHash), revoked.get(c.tokenHash)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(await tokens.revokeAllOf(database.db, 'a3')).toBe(1);
  });
});
