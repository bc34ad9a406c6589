import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every failed sign-in with where it came from (`source`: `ip:<address>`, or `device:<id>` for a sign-in a station
 * device forwarded and signed), for the admins' view of attacks. `accountId` and `orgUnitId` are null when the user
 * name named no account; the typed name itself is never stored.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    source: text('source').notNull(),
    accountId: text('account_id'),
    orgUnitId: text('org_unit_id'),
    reason: text('reason').notNull(),
  },
  (t) => [
    index('sign_in_failures_at_idx').on(t.at),
    index('sign_in_failures_unit_idx').on(t.orgUnitId, t.at),
  ],
);

/**
 * The temporary lockout after repeated wrong passwords, per account AND source: failures from one place lock that
 * place out only, so someone elsewhere who knows a user name cannot keep its holder locked out.
 */
export const signInLockouts = pgTable(
  'sign_in_lockouts',
  {
    accountId: text('account_id').notNull(),
    source: text('source').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.source] })],
);
