import { and, isNotNull, lt } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.ts';
import { signInFailures, signInLockouts } from '../db/schema/sign-ins.ts';

/** How long failed sign-ins are kept for the attack view (its longest period). */
export const SIGN_IN_FAILURE_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Scheduled job: forgets failed sign-ins older than the attack view can show, and lockouts that ended a day ago or
 * more (their count had restarted at the lockout). Returns how many failures it removed. The audit log keeps every
 * failed sign-in regardless.
 */
export async function pruneSignInFailures(options: {
  db: DbExecutor;
  clock: { now(): Date };
  days?: number;
}): Promise<number> {
  const now = options.clock.now().getTime();
  const cutoff = new Date(now - (options.days ?? SIGN_IN_FAILURE_RETENTION_DAYS) * DAY_MS);
  const removed = await options.db
    .delete(signInFailures)
    .where(lt(signInFailures.at, cutoff))
    .returning({ id: signInFailures.id });
  await options.db
    .delete(signInLockouts)
    .where(
      and(isNotNull(signInLockouts.lockedUntil), lt(signInLockouts.lockedUntil, new Date(now - DAY_MS))),
    );
  return removed.length;
}
