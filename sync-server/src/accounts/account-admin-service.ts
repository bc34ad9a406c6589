import { and, asc, eq, gt } from 'drizzle-orm';
import type { Issue } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import type { AuditAction } from '#shared/server-api/audit-actions.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { authIssue } from '../auth/auth-guards.ts';
import type { Role } from '#shared/accounts/roles.ts';
import type { Principal, PrincipalRole } from '../auth/principal.ts';
import type { SessionTokens } from '../auth/session-tokens.ts';
import type { Database, Transaction } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { accountIssue } from './account-issues.ts';
import { loadAccountOrgUnit } from './account-org-unit.ts';
import {
  roleFitsOrgUnit,
  roleUnitRule,
  rolesAllowedTo,
  userNameKindOf,
  type AccountAdminAction,
} from './account-roles.ts';
import {
  ACCOUNT_LIST_MAX,
  type AccountStatus,
  type AccountStatusReason,
  type AccountView,
} from '#shared/server-api/accounts.ts';
import { toAccountView, type AccountRow } from './account-view.ts';
import { chooseUserName, cleanFullName, insertAccount, type CreatedAccount } from './insert-account.ts';
import { generateOneTimePassword } from './one-time-password.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { retirePassword } from './password-history.ts';
import { clearAllLockouts } from './sign-in-lockouts.ts';
import { noStaffAccessList, type RecordStaffAccess, type StaffAccessList } from './staff-access-list.ts';

/**
 * House convention for units whose path to the root has no facility code (the department of health itself and
 * aggregate-only units under it): their accounts are named `01SYT_…` ("Sở Y tế", province 01). Configurable.
 */
export const DEFAULT_FALLBACK_FACILITY_CODE = '01SYT';

export type AccountListFilter = {
  readonly orgUnitId?: string | undefined;
  readonly status?: AccountStatus | undefined;
  /** Why locked or closed: the inactivity-locked list (Art. 7.3d), the holders' own lock requests (Art. 23). */
  readonly statusReason?: AccountStatusReason | undefined;
  readonly role?: Role | undefined;
  /** Keyset cursor: the `nextAfter` of the previous page. */
  readonly after?: string | undefined;
  readonly limit: number;
};

export type AccountPage = { readonly accounts: readonly AccountView[]; readonly nextAfter: string | null };

/**
 * Account administration (Art. 7.1–7.3, 12, 13): an admin creates, locks, unlocks, resets and closes accounts and
 * lists them, only inside the subtree of the admin's own org unit — the scope is part of every query, so an account
 * outside it is indistinguishable from one that does not exist. Admins cannot act on their own account here. Every
 * act revokes what it must (sessions on lock, reset and close) and is audited in its own transaction; lock, unlock,
 * reset and close of a station staff account also go on the stations' revocation list in that transaction.
 */
export type AccountAdminService = {
  create(
    actor: Principal,
    input: { fullName: string; role: Role; orgUnitId: string; userName?: string | undefined },
  ): Promise<Result<CreatedAccount>>;
  /** The user name `create` would give now (derived, unique), for the admin to see or edit within the rule. */
  previewUserName(
    actor: Principal,
    input: { fullName: string; role: Role; orgUnitId: string },
  ): Promise<Result<{ userName: string; prefix: string }>>;
  lock(actor: Principal, accountId: string): Promise<Result<AccountView>>;
  /** Lifts an admin, self-requested or inactivity lock, or a lockout after failed logins. */
  unlock(actor: Principal, accountId: string): Promise<Result<AccountView>>;
  /** Issues a new one-time password (Art. 7.3c), returned once; the holder must change it at next login. */
  resetPassword(
    actor: Principal,
    accountId: string,
  ): Promise<Result<{ account: AccountView; temporaryPassword: string }>>;
  /** Closes the account for good: it can never sign in, be unlocked or reset again. */
  close(actor: Principal, accountId: string): Promise<Result<AccountView>>;
  list(actor: Principal, filter: AccountListFilter): Promise<Result<AccountPage>>;
};

export function createAccountAdminService(deps: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
  hasher: PasswordHasher;
  sessions: SessionTokens;
  fallbackFacilityCode?: string | null;
  /** The stations' revocation list (default: none, a server that does not replicate). */
  staffAccess?: StaffAccessList;
}): AccountAdminService {
  const staffAccess = deps.staffAccess ?? noStaffAccessList;
  const fallbackFacilityCode =
    deps.fallbackFacilityCode === undefined ? DEFAULT_FALLBACK_FACILITY_CODE : deps.fallbackFacilityCode;

  const permitted = (actor: Principal, action: AccountAdminAction): Issue | undefined =>
    (rolesAllowedTo(action) as readonly PrincipalRole[]).includes(actor.role)
      ? undefined
      : authIssue('forbidden-role');

  /** Runs `act` on the target account, locked for update, once it is found inside the actor's scope. */
  const manage = <T>(
    actor: Principal,
    action: AccountAdminAction,
    accountId: string,
    act: (tx: Transaction, row: AccountRow, now: Date, record: RecordStaffAccess) => Promise<Result<T>>,
  ): Promise<Result<T>> => {
    const denied = permitted(actor, action);
    if (denied) return Promise.resolve(fail(denied));
    return staffAccess.transaction(deps.db, async (tx, record) => {
      const [row] = await tx
        .select()
        .from(accounts)
        .where(and(eq(accounts.id, accountId), inOrgUnitSubtree(accounts.orgUnitId, actor.orgUnitId)))
        .for('update');
      if (row === undefined) return fail(accountIssue('account-not-found', {}, 'accountId'));
      if (row.id === actor.accountId) return fail(accountIssue('account-own-forbidden'));
      if (row.status === 'closed') return fail(accountIssue('account-already-closed'));
      return act(tx, row, deps.clock.now(), record);
    });
  };

  /** Applies `changes`, audits `action`, and returns the new view. */
  const update = async (
    tx: Transaction,
    actor: Principal,
    row: AccountRow,
    now: Date,
    changes: Partial<typeof accounts.$inferInsert>,
    action: AuditAction,
    detail: Record<string, unknown> = {},
  ): Promise<AccountView> => {
    const [updated] = await tx
      .update(accounts)
      .set({ ...changes, updatedAt: now })
      .where(eq(accounts.id, row.id))
      .returning();
    if (updated === undefined) throw new Error('locked account row vanished');
    await deps.audit.append(tx, {
      action,
      actorAccountId: actor.accountId,
      targetType: 'account',
      targetId: row.id,
      orgUnitId: row.orgUnitId,
      detail,
    });
    return toAccountView(updated, now);
  };

  /** The unit a new account goes to, checked (in scope, active, fits the role), with the facility code it is named by. */
  async function placeAccount(
    tx: Transaction,
    actor: Principal,
    input: { role: Role; orgUnitId: string },
  ): Promise<Result<{ orgUnitId: string; facilityCode: string }>> {
    const unit = await loadAccountOrgUnit(tx, input.orgUnitId, {
      onDate: hanoiCalendarDate(deps.clock.now()),
      scopeRootId: actor.orgUnitId,
    });
    if (unit === undefined) return fail(accountIssue('org-unit-out-of-scope', {}, 'orgUnitId'));
    if (!unit.active) return fail(accountIssue('org-unit-inactive', {}, 'orgUnitId'));
    if (!roleFitsOrgUnit(input.role, unit.kind)) {
      return fail(accountIssue('role-org-unit-mismatch', { rule: roleUnitRule[input.role] }, 'role'));
    }
    const facilityCode = unit.facilityCode ?? fallbackFacilityCode;
    if (facilityCode === null) return fail(accountIssue('org-unit-no-facility-code', {}, 'orgUnitId'));
    return ok({ orgUnitId: unit.id, facilityCode });
  }

  return {
    async create(actor, input) {
      const denied = permitted(actor, 'create');
      if (denied) return fail(denied);
      return deps.db.transaction(async (tx) => {
        const placed = await placeAccount(tx, actor, input);
        if (!placed.ok) return placed;
        return insertAccount(tx, deps, {
          fullName: input.fullName,
          role: input.role,
          orgUnitId: placed.value.orgUnitId,
          facilityCode: placed.value.facilityCode,
          createdBy: actor.accountId,
          userName: input.userName,
        });
      });
    },

    async previewUserName(actor, input) {
      const denied = permitted(actor, 'create');
      if (denied) return fail(denied);
      return deps.db.transaction(async (tx) => {
        const placed = await placeAccount(tx, actor, input);
        if (!placed.ok) return placed;
        const fullName = cleanFullName(input.fullName);
        if (!fullName.ok) return fullName;
        const userName = await chooseUserName(tx, {
          fullName: fullName.value,
          facilityCode: placed.value.facilityCode,
          role: input.role,
        });
        if (!userName.ok) return userName;
        const interop = userNameKindOf(input.role) === 'interop';
        return ok({
          userName: userName.value,
          prefix: `${placed.value.facilityCode}_${interop ? 'lt_' : ''}`,
        });
      });
    },

    lock: (actor, accountId) =>
      manage(actor, 'lock', accountId, async (tx, row, now, record) => {
        if (row.status === 'locked') return fail(accountIssue('account-already-locked'));
        await deps.sessions.revokeAllOf(tx, row.id);
        await record(row, 'locked', now);
        return ok(
          await update(tx, actor, row, now, { status: 'locked', statusReason: 'admin' }, 'account-locked', {
            reason: 'admin',
          }),
        );
      }),

    unlock: (actor, accountId) =>
      manage(actor, 'unlock', accountId, async (tx, row, now, record) => {
        const lockedOut = row.lockedUntil !== null && row.lockedUntil.getTime() > now.getTime();
        if (row.status !== 'locked' && !lockedOut) return fail(accountIssue('account-not-locked'));
        await clearAllLockouts(tx, row.id);
        // Still 'password-reset' for the stations while a reset password awaits its change.
        if (row.status === 'locked')
          await record(row, row.mustChangePassword ? 'password-reset' : 'active', now);
        const changes = { status: 'active', statusReason: null, failedAttempts: 0, lockedUntil: null };
        return ok(
          await update(tx, actor, row, now, changes, 'account-unlocked', {
            previousReason: row.status === 'locked' ? row.statusReason : 'failed-logins',
          }),
        );
      }),

    resetPassword: (actor, accountId) =>
      manage(actor, 'reset-password', accountId, async (tx, row, now, record) => {
        const temporaryPassword = generateOneTimePassword(row.userName);
        if (!row.mustChangePassword) await retirePassword(tx, row.id, row.passwordHash, now);
        await clearAllLockouts(tx, row.id);
        // A locked account stays locked for the stations; otherwise its old password must stop working there.
        if (row.status === 'active') await record(row, 'password-reset', now);
        const changes = {
          passwordHash: await deps.hasher.hash(temporaryPassword),
          mustChangePassword: true,
          failedAttempts: 0,
          lockedUntil: null,
        };
        await deps.sessions.revokeAllOf(tx, row.id);
        const account = await update(tx, actor, row, now, changes, 'password-reset');
        return ok({ account, temporaryPassword });
      }),

    close: (actor, accountId) =>
      manage(actor, 'close', accountId, async (tx, row, now, record) => {
        await deps.sessions.revokeAllOf(tx, row.id);
        await record(row, 'closed', now);
        return ok(
          await update(tx, actor, row, now, { status: 'closed', statusReason: 'admin' }, 'account-closed'),
        );
      }),

    async list(actor, filter) {
      const denied = permitted(actor, 'list');
      if (denied) return fail(denied);
      const limit = Math.min(Math.max(filter.limit, 1), ACCOUNT_LIST_MAX);
      const rows = await deps.db
        .select()
        .from(accounts)
        .where(
          and(
            inOrgUnitSubtree(accounts.orgUnitId, actor.orgUnitId),
            filter.orgUnitId === undefined
              ? undefined
              : inOrgUnitSubtree(accounts.orgUnitId, filter.orgUnitId),
            filter.status === undefined ? undefined : eq(accounts.status, filter.status),
            filter.statusReason === undefined ? undefined : eq(accounts.statusReason, filter.statusReason),
            filter.role === undefined ? undefined : eq(accounts.role, filter.role),
            filter.after === undefined ? undefined : gt(accounts.loginKey, filter.after),
          ),
        )
        .orderBy(asc(accounts.loginKey))
        .limit(limit + 1);
      const now = deps.clock.now();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return ok({
        accounts: page.map((row) => toAccountView(row, now)),
        nextAfter: rows.length > limit && last !== undefined ? last.loginKey : null,
      });
    },
  };
}
