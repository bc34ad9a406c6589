import { z } from 'zod';
import { safeString } from '../schemas/safe-string.ts';
import { accountView } from './accounts.ts';

/** The sign-in routes (`/auth/*`): login, logout, the current session, password change and the self-service lock. */

/** Longest accepted password: far above any real one, low enough that hashing it cannot be used to burn CPU. */
const PASSWORD_MAX_LENGTH = 256;

const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const loginRequest = z.strictObject({ userName: safeString().min(1).max(100), password });
export type LoginRequest = z.input<typeof loginRequest>;
export const loginAnswer = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  /** A session also ends after this many seconds without a request. */
  idleTimeoutSeconds: z.number().int(),
  mustChangePassword: z.boolean(),
  account: accountView,
});
export const changePasswordRequest = z.strictObject({ currentPassword: password, newPassword: password });
export type ChangePasswordRequest = z.input<typeof changePasswordRequest>;
