import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { deriveUserName, normalizeLoginName, parseUserName } from '#shared/accounts/user-name.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { cleanText } from '#shared/text/clean-text.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Role } from '#shared/accounts/roles.ts';
import type { DbExecutor } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { accountIssue } from './account-issues.ts';
import { userNameKindOf } from './account-roles.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import { toAccountView } from './account-view.ts';
import { generateOneTimePassword } from './one-time-password.ts';
import type { PasswordHasher } from './password-hasher.ts';

export const FULL_NAME_MAX_LENGTH = 100;
// Letters with their marks, then letters, spaces, hyphens and apostrophes: a person's name, nothing that could be
// markup, SQL or a control sequence when it is shown or exported later.
const FULL_NAME = /^\p{L}\p{M}*(?:[\p{L}\p{M}' -])*$/u;

const USER_NAME_LOCK = 727_003;

/** A new account and its one-time password, which exists nowhere else once this is returned. */
export type CreatedAccount = { readonly account: AccountView; readonly initialPassword: string };

/** The person's name as stored (NFC, single spaces), or a `full-name-invalid` failure. */
export function cleanFullName(input: string): Result<string> {
  const name = cleanText(input);
  if (name === '' || Array.from(name).length > FULL_NAME_MAX_LENGTH || !FULL_NAME.test(name)) {
    return fail(accountIssue('full-name-invalid', { max: FULL_NAME_MAX_LENGTH }, 'fullName'));
  }
  return ok(name);
}

/**
 * Inserts an account inside the caller's transaction: its user name (Art. 7.1) derived from the full name and the
 * facility code, or the one the admin chose within the rule, unique against every existing login key
 * (`chooseUserName`); gives it a random one-time password it must change at
 * first login (Art. 7.2, 7.3b); and audits `account-created`. Authorisation is the caller's job. Concurrent
 * creations that would derive the same name are serialised by a transaction lock on that name.
 */
export async function insertAccount(
  tx: DbExecutor,
  deps: { audit: AuditLog; clock: { now(): Date }; hasher: PasswordHasher },
  input: {
    fullName: string;
    role: Role;
    orgUnitId: string;
    facilityCode: string;
    createdBy: string | null;
    /** The user name the admin settled on, within the rule; default the derived one. */
    userName?: string | undefined;
  },
): Promise<Result<CreatedAccount>> {
  const fullName = cleanFullName(input.fullName);
  if (!fullName.ok) return fullName;
  const userName = await chooseUserName(tx, {
    fullName: fullName.value,
    facilityCode: input.facilityCode,
    role: input.role,
    requested: input.userName,
  });
  if (!userName.ok) return userName;

  const now = deps.clock.now();
  const initialPassword = generateOneTimePassword(userName.value);
  const [row] = await tx
    .insert(accounts)
    .values({
      id: randomUUID(),
      userName: userName.value,
      loginKey: normalizeLoginName(userName.value),
      displayName: fullName.value,
      role: input.role,
      orgUnitId: input.orgUnitId,
      passwordHash: await deps.hasher.hash(initialPassword),
      mustChangePassword: true,
      status: 'active',
      createdAt: now,
      createdBy: input.createdBy,
      updatedAt: now,
    })
    .returning();
  if (row === undefined) throw new Error('account insert returned no row');
  await deps.audit.append(tx, {
    action: 'account-created',
    actorAccountId: input.createdBy ?? undefined,
    targetType: 'account',
    targetId: row.id,
    orgUnitId: row.orgUnitId,
    detail: { role: row.role },
  });
  return ok({ account: toAccountView(row, now), initialPassword });
}

/**
 * The user name of a new account (Art. 7.1), locked for this transaction: the derived `{facility}_{local}` (with 2,
 * 3, … when taken), or the one the admin asked for, which must keep the rule — this unit's facility code, `lt_` for
 * interop accounts, then letters and digits only — and be free. Concurrent creations of the same name are
 * serialised by a transaction lock on it.
 */
export async function chooseUserName(
  tx: DbExecutor,
  input: { fullName: string; facilityCode: string; role: Role; requested?: string | undefined },
): Promise<Result<string>> {
  const kind = userNameKindOf(input.role);
  if (input.requested !== undefined) {
    const parts = parseUserName(input.requested, 'userName');
    const prefix = `${input.facilityCode}_${kind === 'interop' ? 'lt_' : ''}`;
    if (!parts.ok || parts.value.facilityCode !== input.facilityCode || parts.value.kind !== kind) {
      return fail(accountIssue('user-name-outside-rule', { prefix }, 'userName'));
    }
    const requested = normalizeLoginName(input.requested);
    await tx.execute(sql`select pg_advisory_xact_lock(${USER_NAME_LOCK}, hashtext(${requested}))`);
    const [taken] = await tx
      .select({ loginKey: accounts.loginKey })
      .from(accounts)
      .where(sql`${accounts.loginKey} = ${requested}`);
    return taken === undefined
      ? ok(requested)
      : fail(accountIssue('user-name-taken', { userName: requested }, 'userName'));
  }
  const base = deriveUserName({
    fullName: input.fullName,
    facilityCode: input.facilityCode,
    kind,
    isTaken: () => false,
  });
  if (!base.ok) return base;
  await tx.execute(sql`select pg_advisory_xact_lock(${USER_NAME_LOCK}, hashtext(${base.value}))`);
  const taken = await tx
    .select({ loginKey: accounts.loginKey })
    .from(accounts)
    .where(sql`left(${accounts.loginKey}, ${base.value.length}) = ${base.value}`);
  const takenKeys = new Set(taken.map((t) => t.loginKey));
  return deriveUserName({
    fullName: input.fullName,
    facilityCode: input.facilityCode,
    kind,
    isTaken: (name) => takenKeys.has(normalizeLoginName(name)),
  });
}
