import { z } from 'zod';
import { roles } from '../auth/principal.ts';
import type { accounts } from '../db/schema/accounts.ts';

export const accountStatuses = ['active', 'locked', 'closed'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/** Why an account is locked or closed: by an admin, at the holder's request (Art. 23), or for inactivity (Art. 7.3d). */
export const accountStatusReasons = ['admin', 'self-request', 'inactivity'] as const;
export type AccountStatusReason = (typeof accountStatusReasons)[number];

/** An account as the API shows it: never the password hash, the failure counter or anything reversible. */
export const accountView = z.object({
  id: z.string(),
  userName: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  orgUnitId: z.string(),
  status: z.enum(accountStatuses),
  statusReason: z.enum(accountStatusReasons).nullable(),
  mustChangePassword: z.boolean(),
  /** Set while a lockout after failed logins is in force. */
  lockedUntil: z.iso.datetime().nullable(),
  lastLoginAt: z.iso.datetime().nullable(),
  passwordChangedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type AccountView = z.infer<typeof accountView>;

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
