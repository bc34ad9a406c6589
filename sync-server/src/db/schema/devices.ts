import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** One-time enrolment codes an admin issues for a commune station; stored hashed, single use, expiring. */
export const enrolmentCodes = pgTable('enrolment_codes', {
  codeHash: text('code_hash').primaryKey(),
  orgUnitId: text('org_unit_id').notNull(),
  issuedBy: text('issued_by').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  deviceId: text('device_id'),
});

/** Enrolled station devices and their Ed25519 public keys (base64); a revoked device can no longer sync. */
export const devices = pgTable(
  'devices',
  {
    id: text('id').primaryKey(),
    orgUnitId: text('org_unit_id').notNull(),
    publicKey: text('public_key').notNull(),
    label: text('label').notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true, mode: 'date' }).notNull(),
    enrolledBy: text('enrolled_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedBy: text('revoked_by'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('devices_org_unit_idx').on(t.orgUnitId)],
);

/** Nonces seen per device inside the accepted timestamp window: a reused nonce is a replay. */
export const deviceNonces = pgTable(
  'device_nonces',
  {
    deviceId: text('device_id').notNull(),
    nonce: text('nonce').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.nonce] }), index('device_nonces_seen_idx').on(t.seenAt)],
);
