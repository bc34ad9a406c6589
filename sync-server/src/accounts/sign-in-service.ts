import { eq } from 'drizzle-orm';
import { checkPassword } from '../../../shared/accounts/password-policy.ts';
import { normalizeLoginName } from '../../../shared/accounts/user-name.ts';
import { fail, ok, type Result } from '../../../shared/errors/result.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { SessionTokens } from '../auth/session-tokens.ts';
import type { Database, Transaction } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { accountIssue } from './account-issues.ts';
import { toAccountView, type AccountRow, type AccountView } from './account-view.ts';
import type { PasswordHasher } from './password-hasher.ts';

/** Consecutive wrong passwords that trigger a lockout, and how long it lasts. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

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
 * consecutive wrong passwords (at login or when changing the password) lock the account out for 15 minutes. Each
 * act runs in one transaction with the account row locked, so concurrent attempts are counted one by one, and is
 * audited in that transaction.
 */
export type SignInService = {
  login(input: { userName: string; password: string }): Promise<Result<SignedIn>>;
  logout(principal: Principal): Promise<void>;
  /**
   * Changes the holder's password (Art. 7.3b): the current one must verify, the new one must differ and pass every
   * rule of the policy (all failed rules are returned). Clears the forced change and ends the holder's other sessions.
   */
  changePassword(
    principal: Principal,
    input: { currentPassword: string; newPassword: string },
  ): Promise<Result<AccountView>>;
  /** Locks the holder's own account at their request (Art. 23) and ends all its sessions. */
  requestLock(principal: Principal): Promise<AccountView>;
  /** The holder's own account. */
  account(principal: Principal): Promise<AccountView>;
};

export function createSignInService(deps: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
  hasher: PasswordHasher;
  sessions: SessionTokens;
}): SignInService {
  const { audit, clock, hasher, sessions } = deps;

  const lockedOutAt = (row: AccountRow, now: Date): boolean =>
    row.lockedUntil !== null && row.lockedUntil.getTime() > now.getTime();

  const lockRow = async (tx: Transaction, accountId: string): Promise<AccountRow> => {
    const [row] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    if (row === undefined) throw new Error('the account of a live session is missing');
    return row;
  };

  /** Counts one wrong password; the fifth in a row starts a lockout and restarts the count. */
  const countFailure = async (tx: Transaction, row: AccountRow, now: Date, reason: string): Promise<void> => {
    const attempts = row.failedAttempts + 1;
    const lockout = attempts >= MAX_FAILED_ATTEMPTS;
    await tx
      .update(accounts)
      .set({
        failedAttempts: lockout ? 0 : attempts,
        lockedUntil: lockout ? new Date(now.getTime() + LOCKOUT_MS) : row.lockedUntil,
      })
      .where(eq(accounts.id, row.id));
    await audit.append(tx, {
      action: 'login-failed',
      targetType: 'account',
      targetId: row.id,
      orgUnitId: row.orgUnitId,
      detail: { reason, attempts, lockedOut: lockout },
    });
  };

  return {
    login: (input) =>
      deps.db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(accounts)
          .where(eq(accounts.loginKey, normalizeLoginName(input.userName)))
          .for('update');
        const now = clock.now();
        const failed = fail(accountIssue('login-failed'));
        if (row === undefined) {
          await hasher.verifyNothing(input.password);
          await audit.append(tx, { action: 'login-failed', detail: { reason: 'unknown-user' } });
          return failed;
        }
        const target = { targetType: 'account', targetId: row.id, orgUnitId: row.orgUnitId } as const;
        if (lockedOutAt(row, now)) {
          // Not checked, but timed like a check: the answer's speed must not reveal the lockout either.
          await hasher.verifyNothing(input.password);
          await audit.append(tx, { action: 'login-failed', ...target, detail: { reason: 'locked-out' } });
          return failed;
        }
        if (!(await hasher.verify(row.passwordHash, input.password))) {
          await countFailure(tx, row, now, 'wrong-password');
          return failed;
        }
        if (row.status !== 'active') {
          await audit.append(tx, {
            action: 'login-failed',
            ...target,
            detail: { reason: `account-${row.status}` },
          });
          return fail(accountIssue(row.status === 'closed' ? 'account-closed' : 'account-locked'));
        }
        const [signedIn] = await tx
          .update(accounts)
          .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now })
          .where(eq(accounts.id, row.id))
          .returning();
        if (signedIn === undefined) throw new Error('locked account row vanished');
        const session = await sessions.issue(tx, { accountId: row.id });
        await audit.append(tx, { action: 'login', actorAccountId: row.id, ...target });
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

    async changePassword(principal, input) {
      const policy = checkPassword(input.newPassword, { userName: principal.userName }, 'newPassword');
      if (!policy.ok) return policy;
      if (input.newPassword.normalize('NFC') === input.currentPassword.normalize('NFC')) {
        return fail(accountIssue('password-unchanged', {}, 'newPassword'));
      }
      const newHash = await hasher.hash(input.newPassword);
      return deps.db.transaction(async (tx) => {
        const row = await lockRow(tx, principal.accountId);
        const now = clock.now();
        if (lockedOutAt(row, now)) {
          const until = row.lockedUntil?.toISOString().slice(0, 16).replace('T', ' ') ?? '';
          return fail(accountIssue('account-temporarily-locked', { until }));
        }
        if (!(await hasher.verify(row.passwordHash, input.currentPassword))) {
          await countFailure(tx, row, now, 'wrong-current-password');
          return fail(accountIssue('password-incorrect', {}, 'currentPassword'));
        }
        const [changed] = await tx
          .update(accounts)
          .set({
            passwordHash: newHash,
            mustChangePassword: false,
            passwordChangedAt: now,
            failedAttempts: 0,
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
        return ok(toAccountView(changed, now));
      });
    },

    requestLock: (principal) =>
      deps.db.transaction(async (tx) => {
        const row = await lockRow(tx, principal.accountId);
        const now = clock.now();
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
        return toAccountView(locked, now);
      }),

    async account(principal) {
      const [row] = await deps.db.select().from(accounts).where(eq(accounts.id, principal.accountId));
      if (row === undefined) throw new Error('the account of a live session is missing');
      return toAccountView(row, clock.now());
    },
  };
}
