import { accountView, type AccountView } from '#shared/server-api/accounts.ts';
import type { accounts } from '../db/schema/accounts.ts';

export type AccountRow = typeof accounts.$inferSelect;

/** The view of a stored row; a row with an unknown role or status is a bug and throws. */
export function toAccountView(row: AccountRow, now: Date): AccountView {
  return accountView.parse({
    id: row.id,
    userName: row.userName,
    displayName: row.displayName,
    role: row.role,
    orgUnitId: row.orgUnitId,
    status: row.status,
    statusReason: row.statusReason,
    mustChangePassword: row.mustChangePassword,
    lockedUntil:
      row.lockedUntil !== null && row.lockedUntil.getTime() > now.getTime()
        ? row.lockedUntil.toISOString()
        : null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  });
}
