import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import { accounts, sessions } from '../db/schema/accounts.ts';
import { noStaffAccessList, type StaffAccessList } from './staff-access-list.ts';

export const INACTIVITY_LOCK_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether an account has gone unused for `days` days at `now`: the period counts from the later of its last login
 * and its last account-management act (the same rule as `lockInactiveAccounts`, for a check at sign-in).
 */
export function inactiveAt(
  account: { readonly lastLoginAt: Date | null; readonly createdAt: Date; readonly updatedAt: Date },
  now: Date,
  days: number,
): boolean {
  const lastUse = Math.max((account.lastLoginAt ?? account.createdAt).getTime(), account.updatedAt.getTime());
  return lastUse < now.getTime() - days * DAY_MS;
}

/**
 * The inactivity lock of Art. 7.3d, run by a scheduled job: locks every active account with no login for `days`
 * days (default 90, the regulation's three months), ends its sessions and audits each lock, all in one transaction.
 * The period counts from the later of the last login and the last account-management act (`updated_at`: creation,
 * unlock, reset, password change — login bookkeeping never touches it), so an account that was never used counts
 * from its creation, and an admin who verified and unlocked an account gives it a fresh period. Returns the ids
 * locked. Idempotent: a second run the same day locks nothing more. Each locked station staff account goes on the
 * stations' revocation list in the same transaction.
 */
export async function lockInactiveAccounts(options: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
  days?: number;
  staffAccess?: StaffAccessList;
}): Promise<readonly string[]> {
  const days = options.days ?? INACTIVITY_LOCK_DAYS;
  const now = options.clock.now();
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return (options.staffAccess ?? noStaffAccessList).transaction(options.db, async (tx, record) => {
    const locked = await tx
      .update(accounts)
      .set({ status: 'locked', statusReason: 'inactivity', updatedAt: now })
      .where(
        and(
          eq(accounts.status, 'active'),
          sql`greatest(coalesce(${accounts.lastLoginAt}, ${accounts.createdAt}), ${accounts.updatedAt}) < ${cutoff.toISOString()}::timestamptz`,
        ),
      )
      .returning({
        id: accounts.id,
        orgUnitId: accounts.orgUnitId,
        loginKey: accounts.loginKey,
        role: accounts.role,
      });
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
      await record(account, 'locked', now);
    }
    return ids;
  });
}
