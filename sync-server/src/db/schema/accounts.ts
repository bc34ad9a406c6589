import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Accounts (Art. 7): one per person and role, bound to an org unit. `loginKey` is the case-insensitive form of the
 * user name used for lookups. Passwords are argon2id hashes; nothing reversible is stored.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    userName: text('user_name').notNull(),
    loginKey: text('login_key').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdBy: text('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('accounts_login_key_idx').on(t.loginKey),
    index('accounts_org_unit_idx').on(t.orgUnitId),
  ],
);

/** Sessions: opaque random tokens, stored only as SHA-256 hashes, with idle and absolute expiry. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: text('account_id').notNull(),
    deviceId: text('device_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('sessions_account_idx')
      .on(t.accountId)
      .where(sql`revoked_at is null`),
  ],
);

/**
 * The argon2id hashes of an account's earlier passwords (never plain text), newest `retiredAt` first: a holder may
 * not choose one of the last few again (`PASSWORD_HISTORY_DEPTH`). Written when a password stops being current.
 */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: text('account_id').notNull(),
    passwordHash: text('password_hash').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('password_history_account_idx').on(t.accountId, t.retiredAt)],
);
