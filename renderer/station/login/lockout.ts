import type { Issue } from '#shared/errors/issue.ts';

/** Codes meaning "this account may not sign in now": online (server) and offline (this station) lockouts. */
const LOCKOUT_CODES = new Set([
  'account-temporarily-locked',
  'account-locked',
  'station-login-offline-locked',
]);

export const isLockout = (issue: Issue): boolean => LOCKOUT_CODES.has(issue.code);

/** When the issue carries `params.until` (an ISO time), the minutes left until then, never below 0; else undefined. */
export function minutesLeft(issue: Issue, now: Date): number | undefined {
  const end = issue.params?.['until'];
  const until = typeof end === 'string' ? Date.parse(end) : Number.NaN;
  return Number.isNaN(until) ? undefined : Math.max(0, Math.ceil((until - now.getTime()) / 60_000));
}
