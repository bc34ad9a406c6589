import { z } from 'zod';
import { roles } from '../accounts/roles.ts';
import { safeString } from '../schemas/safe-string.ts';

/** The account routes (`/admin/accounts`): account administration inside the admin's own subtree. */

const accountStatuses = ['active', 'locked', 'closed'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/** Why an account is locked or closed: by an admin, at the holder's request (Art. 23), or for inactivity (Art. 7.3d). */
const accountStatusReasons = ['admin', 'self-request', 'inactivity'] as const;
export type AccountStatusReason = (typeof accountStatusReasons)[number];

/** The most accounts one page of the list holds. */
export const ACCOUNT_LIST_MAX = 500;

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

const id = safeString().min(1).max(100);

const newAccount = {
  /** The holder's full name as on their papers; the user name is derived from it (Art. 7.1). */
  fullName: safeString().min(1).max(200),
  role: z.enum(roles),
  orgUnitId: id,
};
export const createAccountRequest = z.strictObject({
  ...newAccount,
  /** The user name the admin settled on, within the rule (`{facility}_[lt_]…`); default the derived one. */
  userName: safeString().min(3).max(60).optional(),
});
export type CreateAccountRequest = z.input<typeof createAccountRequest>;
export const userNamePreviewRequest = z.strictObject(newAccount);
export type UserNamePreviewRequest = z.input<typeof userNamePreviewRequest>;
export const accountListQuery = z.strictObject({
  orgUnitId: id.optional(),
  status: z.enum(accountStatuses).optional(),
  statusReason: z.enum(accountStatusReasons).optional(),
  role: z.enum(roles).optional(),
  after: safeString().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(ACCOUNT_LIST_MAX).default(100),
});
export const accountParams = z.strictObject({ accountId: id });

/** One account: the answer of the session, a password change, a lock, an unlock or a closing. */
export const accountAnswer = z.object({ account: accountView });
export const accountsAnswer = z.object({ accounts: z.array(accountView), nextAfter: z.string().nullable() });
/** A new account with its one-time password, shown once. */
export const createdAccountAnswer = z.object({ account: accountView, initialPassword: z.string() });
/** The user name a new account would get (Art. 7.1) and the prefix any edit must keep. */
export const userNamePreviewAnswer = z.object({ userName: z.string(), prefix: z.string() });
export const passwordResetAnswer = z.object({ account: accountView, temporaryPassword: z.string() });
