import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import { accounts, sessions } from '../db/schema/accounts.ts';

export const INACTIVITY_LOCK_DAYS = 90;

/**
 * The inactivity lock of Art. 7.3d, run by a scheduled job: locks every active account with no login for `days`
 * days (default 90, the regulation's three months), ends its sessions and audits each lock, all in one transaction.
 * The period counts from the later of the last login and the last account-management act (`updated_at`: creation,
 * unlock, reset, password change — login bookkeeping never touches it), so an account that was never used counts
 * from its creation, and an admin who verified and unlocked an account gives it a fresh period. Returns the ids
 * locked. Idempotent: a second run the same day locks nothing more.
 */
export async function lockInactiveAccounts(options: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
  days?: number;
}): Promise<readonly string[]> {
  const days = options.days ?? INACTIVITY_LOCK_DAYS;
  const now = options.clock.now();
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  return options.db.transaction(async (tx) => {
    const locked = await tx
      .update(accounts)
      .set({ status: 'locked', statusReason: 'inactivity', updatedAt: now })
      .where(
        and(
          eq(accounts.status, 'active'),
          sql`greatest(coalesce(${accounts.lastLoginAt}, ${accounts.createdAt}), ${accounts.updatedAt}) < ${cutoff.toISOString()}::timestamptz`,
        ),
      )
      .returning({ id: accounts.id, orgUnitId: accounts.orgUnitId });
    if (locked.length === 0) return [];
    const ids = locked.map((a) => a.id);
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(inArray(sessions.accountId, ids), isNull(sessions.revokedAt)));
    for (const account of locked) {
      await options.audit.append(tx, {
        action: 'account-inactivity-locked',
        targetType: 'account',
        targetId: account.id,
        orgUnitId: account.orgUnitId,
        detail: { days },
      });
    }
    return ids;
  });
}
