import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { signInFailures, signInLockouts } from '../db/schema/sign-ins.ts';

/** Consecutive wrong passwords from one source that lock that source out of the account, and for how long. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/**
 * Where a sign-in came from: `ip:<client address>`, or `device:<id>` when an enrolled station device signed the
 * request it forwarded. Lockouts and the attack view count per source.
 */
export type SignInSource = string;

export function ipSource(ip: string): SignInSource {
  return `ip:${ip}`;
}

export function deviceSource(deviceId: string): SignInSource {
  return `device:${deviceId}`;
}

/** Until when `source` is locked out of `accountId`, or null. */
export async function lockedOutUntil(
  tx: Transaction,
  accountId: string,
  source: SignInSource,
  now: Date,
): Promise<Date | null> {
  const [row] = await tx
    .select({ lockedUntil: signInLockouts.lockedUntil })
    .from(signInLockouts)
    .where(and(eq(signInLockouts.accountId, accountId), eq(signInLockouts.source, source)));
  const until = row?.lockedUntil ?? null;
  return until !== null && until.getTime() > now.getTime() ? until : null;
}

/**
 * Counts one wrong password from `source`; the `MAX_FAILED_ATTEMPTS`th in a row locks that source out for
 * `LOCKOUT_MS` and restarts the count. The account's `lockedUntil` shows admins the latest lockout in force (from any
 * source); it is never what a sign-in is checked against. Returns the count and whether it locked.
 */
export async function countWrongPassword(
  tx: Transaction,
  account: { readonly id: string; readonly lockedUntil: Date | null },
  source: SignInSource,
  now: Date,
): Promise<{ attempts: number; lockedOut: boolean }> {
  const [row] = await tx
    .insert(signInLockouts)
    .values({ accountId: account.id, source, failedAttempts: 1 })
    .onConflictDoUpdate({
      target: [signInLockouts.accountId, signInLockouts.source],
      set: { failedAttempts: sql`${signInLockouts.failedAttempts} + 1` },
    })
    .returning({ failedAttempts: signInLockouts.failedAttempts });
  const attempts = row?.failedAttempts ?? 1;
  if (attempts < MAX_FAILED_ATTEMPTS) return { attempts, lockedOut: false };
  const until = new Date(now.getTime() + LOCKOUT_MS);
  await tx
    .update(signInLockouts)
    .set({ failedAttempts: 0, lockedUntil: until })
    .where(and(eq(signInLockouts.accountId, account.id), eq(signInLockouts.source, source)));
  if (account.lockedUntil === null || account.lockedUntil.getTime() < until.getTime()) {
    await tx.update(accounts).set({ lockedUntil: until }).where(eq(accounts.id, account.id));
  }
  return { attempts, lockedOut: true };
}

/** A correct password from `source` ends that source's count (not another source's lockout). */
export async function clearSourceFailures(
  tx: Transaction,
  accountId: string,
  source: SignInSource,
): Promise<void> {
  await tx
    .delete(signInLockouts)
    .where(and(eq(signInLockouts.accountId, accountId), eq(signInLockouts.source, source)));
}

/** An admin's unlock or password reset lifts every source's lockout of the account. */
export async function clearAllLockouts(tx: Transaction, accountId: string): Promise<void> {
  await tx.delete(signInLockouts).where(eq(signInLockouts.accountId, accountId));
  await tx.update(accounts).set({ lockedUntil: null, failedAttempts: 0 }).where(eq(accounts.id, accountId));
}

/** Keeps one failed sign-in for the attack view: where from, which account (if the name was one), why. */
export async function recordSignInFailure(
  tx: Transaction,
  failure: {
    readonly at: Date;
    readonly source: SignInSource;
    readonly account?: { readonly id: string; readonly orgUnitId: string } | undefined;
    readonly reason: string;
  },
): Promise<void> {
  await tx.insert(signInFailures).values({
    at: failure.at,
    source: failure.source,
    accountId: failure.account?.id ?? null,
    orgUnitId: failure.account?.orgUnitId ?? null,
    reason: failure.reason,
  });
}
