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

/**
 * A report of misuse by the account's holder (Art. 23): what they saw (a sign-in they did not make, a record read in
 * their name…), and whether to lock their account at once.
 */
export const misuseReportRequest = z.strictObject({
  description: z
    .string()
    .trim()
    .min(10, 'Mô tả điều đã xảy ra (ít nhất 10 ký tự): ví dụ một lần đăng nhập không phải của bạn.')
    .max(1000, 'Mô tả tối đa 1.000 ký tự.'),
  lockAccount: z.boolean().optional(),
});
export type MisuseReportRequest = z.input<typeof misuseReportRequest>;
