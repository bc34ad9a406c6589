import { and, desc, gte, isNull, or, sql } from 'drizzle-orm';
import type { SignInAttacksView } from '#shared/server-api/sign-in-attacks.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { signInFailures } from '../db/schema/sign-ins.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';

/** Rows of each list of the view: the worst first. */
export const SIGN_IN_ATTACK_ROWS = 50;

/**
 * The admins' view of attacks on sign-in: over the failed sign-ins kept per source since `since`, the sources with
 * the most failures and the accounts most failed against. Scoped in the query to the admin's subtree (the accounts
 * of their units); failures under names that are no account belong to no unit and are shown to admins of the whole
 * city only. Each look is audited.
 */
export async function signInAttacks(
  deps: { db: Database; audit: AuditLog },
  actor: Principal,
  since: Date,
): Promise<SignInAttacksView> {
  const cityWide = actor.role === 'city-admin' || actor.role === 'it-admin';
  const inScope = and(
    gte(signInFailures.at, since),
    or(
      inOrgUnitSubtree(signInFailures.orgUnitId, actor.orgUnitId),
      cityWide ? isNull(signInFailures.accountId) : undefined,
    ),
  );
  const failures = sql<number>`count(*)::int`;
  const lastAt = sql<Date>`max(${signInFailures.at})`;
  const sources = await deps.db
    .select({
      source: signInFailures.source,
      failures,
      accounts: sql<number>`count(distinct ${signInFailures.accountId})::int`,
      unknownNames: sql<number>`(count(*) filter (where ${signInFailures.accountId} is null))::int`,
      firstAt: sql<Date>`min(${signInFailures.at})`,
      lastAt,
    })
    .from(signInFailures)
    .where(inScope)
    .groupBy(signInFailures.source)
    .orderBy(desc(failures), desc(lastAt))
    .limit(SIGN_IN_ATTACK_ROWS);
  const targeted = await deps.db
    .select({
      accountId: accounts.id,
      userName: accounts.userName,
      orgUnitId: accounts.orgUnitId,
      failures,
      sources: sql<number>`count(distinct ${signInFailures.source})::int`,
      lastAt,
    })
    .from(signInFailures)
    .innerJoin(accounts, sql`${accounts.id} = ${signInFailures.accountId}`)
    .where(and(gte(signInFailures.at, since), inOrgUnitSubtree(signInFailures.orgUnitId, actor.orgUnitId)))
    .groupBy(accounts.id, accounts.userName, accounts.orgUnitId)
    .orderBy(desc(failures), desc(lastAt))
    .limit(SIGN_IN_ATTACK_ROWS);
  await deps.audit.append(deps.db, {
    action: 'sign-in-attacks-viewed',
    actorAccountId: actor.accountId,
    orgUnitId: actor.orgUnitId,
    detail: { since: since.toISOString(), sources: sources.length, accounts: targeted.length },
  });
  const iso = (value: Date | string) => new Date(value).toISOString();
  return {
    since: since.toISOString(),
    sources: sources.map((row) => ({ ...row, firstAt: iso(row.firstAt), lastAt: iso(row.lastAt) })),
    accounts: targeted.map((row) => ({ ...row, lastAt: iso(row.lastAt) })),
  };
}
