import { eq } from 'drizzle-orm';
import { checkPassword } from '#shared/accounts/password-policy.ts';
import { normalizeLoginName } from '#shared/accounts/user-name.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { SessionTokens } from '../auth/session-tokens.ts';
import type { Database, Transaction } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { accountIssue } from './account-issues.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import { toAccountView, type AccountRow } from './account-view.ts';
import { INACTIVITY_LOCK_DAYS, inactiveAt } from './lock-inactive-accounts.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { isRecentPassword, PASSWORD_HISTORY_DEPTH, retirePassword } from './password-history.ts';
import {
  clearSourceFailures,
  countWrongPassword,
  lockedOutUntil,
  recordSignInFailure,
  type SignInSource,
} from './sign-in-lockouts.ts';
import { noStaffAccessList, type RecordStaffAccess, type StaffAccessList } from './staff-access-list.ts';

export type SignedIn = {
  readonly token: string;
  readonly expiresAt: Date;
  readonly mustChangePassword: boolean;
  readonly account: AccountView;
};

/**
 * Signing in and the holder's own account acts. Login answers one generic `login-failed` for an unknown user name,
 * a wrong password, and any attempt during a lockout (the password is not even checked then), so neither user names
 * nor passwords can be probed; only after a correct password is a locked or closed account told so. Five
 * consecutive wrong passwords from one source (at login or when changing the password) lock THAT source out of the
 * account for 15 minutes: someone elsewhere who knows a user name cannot keep its holder locked out. Every failed
 * sign-in is kept per source for the admins' view of attacks, with the account only when the name was one (the
 * typed text is never stored: it may be a password typed in the wrong field). An active account whose last use is
 * older than the inactivity period (Art. 7.3d) is locked at its sign-in, as the scheduled job would have. Each act
 * runs in one transaction with the account row locked, so concurrent attempts are counted one by one, and is audited
 * in that transaction; acts that change whether station staff may sign in are recorded on the stations' revocation
 * list in it too.
 */
export type SignInService = {
  login(input: { userName: string; password: string }, source: SignInSource): Promise<Result<SignedIn>>;
  logout(principal: Principal): Promise<void>;
  /**
   * Changes the holder's password (Art. 7.3b): the current one must verify, the new one must pass every rule of the
   * policy (all failed rules are returned) and be none of the last `PASSWORD_HISTORY_DEPTH` passwords. Clears the
   * forced change and ends the holder's other sessions.
   */
  changePassword(
    principal: Principal,
    input: { currentPassword: string; newPassword: string },
    source: SignInSource,
  ): Promise<Result<AccountView>>;
  /** Locks the holder's own account at their request (Art. 23) and ends all its sessions. */
  requestLock(principal: Principal): Promise<AccountView>;
  /**
   * Records the holder's report of misuse (Art. 23) in the audit log, where the admins of their unit and above find
   * it; with `lockAccount`, locks the account in the same transaction as `requestLock` does.
   */
  reportMisuse(
    principal: Principal,
    report: { description: string; lockAccount?: boolean | undefined },
  ): Promise<AccountView>;
  /** The holder's own account. */
  account(principal: Principal): Promise<AccountView>;
};

export function createSignInService(deps: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
  hasher: PasswordHasher;
  sessions: SessionTokens;
  /** The stations' revocation list (default: none, a server that does not replicate). */
  staffAccess?: StaffAccessList;
  /** The inactivity period of Art. 7.3d in days (default 90). */
  inactivityDays?: number;
}): SignInService {
  const { audit, clock, hasher, sessions } = deps;
  const staffAccess = deps.staffAccess ?? noStaffAccessList;
  const inactivityDays = deps.inactivityDays ?? INACTIVITY_LOCK_DAYS;

  const lockRow = async (tx: Transaction, accountId: string): Promise<AccountRow> => {
    const [row] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    if (row === undefined) throw new Error('the account of a live session is missing');
    return row;
  };

  /** Locks the holder's account at their own request (Art. 23): ends every session, audits, tells the stations. */
  const lockAtRequest = async (
    tx: Transaction,
    record: RecordStaffAccess,
    row: AccountRow,
    now: Date,
  ): Promise<AccountView> => {
    const [locked] = await tx
      .update(accounts)
      .set({ status: 'locked', statusReason: 'self-request', updatedAt: now })
      .where(eq(accounts.id, row.id))
      .returning();
    if (locked === undefined) throw new Error('locked account row vanished');
    const endedSessions = await sessions.revokeAllOf(tx, row.id);
    await audit.append(tx, {
      action: 'account-lock-requested',
      actorAccountId: row.id,
      targetType: 'account',
      targetId: row.id,
      orgUnitId: row.orgUnitId,
      detail: { endedSessions },
    });
    await record(locked, 'locked', now);
    return toAccountView(locked, now);
  };

  /** A failed sign-in, kept for the attack view and audited (with its source, never the typed text). */
  const failedSignIn = async (
    tx: Transaction,
    now: Date,
    source: SignInSource,
    row: AccountRow | undefined,
    detail: { reason: string } & Record<string, unknown>,
  ): Promise<void> => {
    await recordSignInFailure(tx, { at: now, source, account: row, reason: detail.reason });
    await audit.append(tx, {
      action: 'login-failed',
      ...(row === undefined ? {} : { targetType: 'account', targetId: row.id, orgUnitId: row.orgUnitId }),
      detail: { ...detail, source },
    });
  };

  /** Counts one wrong password from `source`; the fifth in a row locks that source out. */
  const countFailure = async (
    tx: Transaction,
    row: AccountRow,
    now: Date,
    source: SignInSource,
    reason: string,
  ): Promise<void> => {
    const counted = await countWrongPassword(tx, row, source, now);
    await failedSignIn(tx, now, source, row, { reason, ...counted });
  };

  /** Locks an account found inactive at its sign-in, as the scheduled job would have (Art. 7.3d). */
  const lockInactive = async (
    tx: Transaction,
    row: AccountRow,
    now: Date,
    record: RecordStaffAccess,
  ): Promise<void> => {
    await tx
      .update(accounts)
      .set({ status: 'locked', statusReason: 'inactivity', updatedAt: now })
      .where(eq(accounts.id, row.id));
    const endedSessions = await sessions.revokeAllOf(tx, row.id);
    await audit.append(tx, {
      action: 'account-inactivity-locked',
      targetType: 'account',
      targetId: row.id,
      orgUnitId: row.orgUnitId,
      detail: { days: inactivityDays, atSignIn: true, endedSessions },
    });
    await record(row, 'locked', now);
  };

  return {
    login: (input, source) =>
      staffAccess.transaction(deps.db, async (tx, record) => {
        const [row] = await tx
          .select()
          .from(accounts)
          .where(eq(accounts.loginKey, normalizeLoginName(input.userName)))
          .for('update');
        const now = clock.now();
        const failed = fail(accountIssue('login-failed'));
        if (row === undefined) {
          await hasher.verifyNothing(input.password);
          await failedSignIn(tx, now, source, undefined, { reason: 'unknown-user' });
          return failed;
        }
        if ((await lockedOutUntil(tx, row.id, source, now)) !== null) {
          // Not checked, but timed like a check: the answer's speed must not reveal the lockout either.
          await hasher.verifyNothing(input.password);
          await failedSignIn(tx, now, source, row, { reason: 'locked-out' });
          return failed;
        }
        if (!(await hasher.verify(row.passwordHash, input.password))) {
          await countFailure(tx, row, now, source, 'wrong-password');
          return failed;
        }
        await clearSourceFailures(tx, row.id, source);
        if (row.status === 'active' && inactiveAt(row, now, inactivityDays)) {
          await lockInactive(tx, row, now, record);
          await failedSignIn(tx, now, source, row, { reason: 'account-inactive' });
          return fail(accountIssue('account-inactivity-locked', { days: inactivityDays }));
        }
        if (row.status !== 'active') {
          await failedSignIn(tx, now, source, row, { reason: `account-${row.status}` });
          if (row.status === 'closed') return fail(accountIssue('account-closed'));
          return fail(
            row.statusReason === 'inactivity'
              ? accountIssue('account-inactivity-locked', { days: inactivityDays })
              : accountIssue('account-locked'),
          );
        }
        const [signedIn] = await tx
          .update(accounts)
          .set({ lastLoginAt: now })
          .where(eq(accounts.id, row.id))
          .returning();
        if (signedIn === undefined) throw new Error('locked account row vanished');
        const session = await sessions.issue(tx, { accountId: row.id });
        await audit.append(tx, {
          action: 'login',
          actorAccountId: row.id,
          targetType: 'account',
          targetId: row.id,
          orgUnitId: row.orgUnitId,
          detail: { source },
        });
        return ok({
          token: session.token,
          expiresAt: session.expiresAt,
          mustChangePassword: signedIn.mustChangePassword,
          account: toAccountView(signedIn, now),
        });
      }),

    logout: (principal) =>
      deps.db.transaction(async (tx) => {
        await sessions.revoke(tx, principal.sessionTokenHash);
        await audit.append(tx, {
          action: 'logout',
          actorAccountId: principal.accountId,
          targetType: 'account',
          targetId: principal.accountId,
          orgUnitId: principal.orgUnitId,
        });
      }),

    async changePassword(principal, input, source) {
      const policy = checkPassword(input.newPassword, { userName: principal.userName }, 'newPassword');
      if (!policy.ok) return policy;
      if (input.newPassword.normalize('NFC') === input.currentPassword.normalize('NFC')) {
        return fail(accountIssue('password-unchanged', {}, 'newPassword'));
      }
      const newHash = await hasher.hash(input.newPassword);
      return staffAccess.transaction(deps.db, async (tx, record) => {
        const row = await lockRow(tx, principal.accountId);
        const now = clock.now();
        const lockedOut = await lockedOutUntil(tx, row.id, source, now);
        if (lockedOut !== null) {
          const until = lockedOut.toISOString().slice(0, 16).replace('T', ' ');
          return fail(accountIssue('account-temporarily-locked', { until }));
        }
        if (!(await hasher.verify(row.passwordHash, input.currentPassword))) {
          await countFailure(tx, row, now, source, 'wrong-current-password');
          return fail(accountIssue('password-incorrect', {}, 'currentPassword'));
        }
        if (await isRecentPassword(tx, hasher, row.id, input.newPassword)) {
          return fail(accountIssue('password-reused', { count: PASSWORD_HISTORY_DEPTH }, 'newPassword'));
        }
        // A one-time password from an admin was never the holder's choice: only chosen ones are remembered.
        if (!row.mustChangePassword) await retirePassword(tx, row.id, row.passwordHash, now);
        const [changed] = await tx
          .update(accounts)
          .set({
            passwordHash: newHash,
            mustChangePassword: false,
            passwordChangedAt: now,
            updatedAt: now,
          })
          .where(eq(accounts.id, row.id))
          .returning();
        if (changed === undefined) throw new Error('locked account row vanished');
        const endedSessions = await sessions.revokeAllOf(tx, row.id, principal.sessionTokenHash);
        await audit.append(tx, {
          action: 'password-changed',
          actorAccountId: row.id,
          targetType: 'account',
          targetId: row.id,
          orgUnitId: row.orgUnitId,
          detail: { forced: row.mustChangePassword, endedSessions },
        });
        // After a reset (or the first password), the stations may let this person in offline again.
        if (row.mustChangePassword) await record(changed, 'active', now);
        return ok(toAccountView(changed, now));
      });
    },

    reportMisuse: (principal, report) =>
      staffAccess.transaction(deps.db, async (tx, record) => {
        const row = await lockRow(tx, principal.accountId);
        const now = clock.now();
        await audit.append(tx, {
          action: 'misuse-reported',
          actorAccountId: row.id,
          targetType: 'account',
          targetId: row.id,
          orgUnitId: row.orgUnitId,
          detail: { description: report.description, lockAccount: report.lockAccount === true },
        });
        if (report.lockAccount !== true) return toAccountView(row, now);
        return lockAtRequest(tx, record, row, now);
      }),

    requestLock: (principal) =>
      staffAccess.transaction(deps.db, async (tx, record) => {
        const row = await lockRow(tx, principal.accountId);
        return lockAtRequest(tx, record, row, clock.now());
      }),

    async account(principal) {
      const [row] = await deps.db.select().from(accounts).where(eq(accounts.id, principal.accountId));
      if (row === undefined) throw new Error('the account of a live session is missing');
      return toAccountView(row, clock.now());
    },
  };
}
