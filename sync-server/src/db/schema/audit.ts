import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The audit log (Art. 5, 9, 22): append-only, each entry's `hash` covers its content and the previous entry's hash,
 * and `signature` is the server's Ed25519 signature of `hash`. `detail` holds ids and codes, never health data.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorAccountId: text('actor_account_id'),
    actorDeviceId: text('actor_device_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    orgUnitId: text('org_unit_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    signature: text('signature').notNull(),
  },
  // The console's "last backup" of each station device reads the devices' backup events.
  (t) => [index('audit_log_device_action_idx').on(t.actorDeviceId, t.action)],
);
