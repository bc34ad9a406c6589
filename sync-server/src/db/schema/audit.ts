import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The audit log (Art. 5, 9, 22): append-only, each entry's `hash` covers its content and the previous entry's hash,
 * and `signature` is the server's Ed25519 signature of `hash` on the last entry each chaining wrote; the entries
 * before it are covered through the chain of hashes. Entries written before signing was per append are each signed.
 * The busiest entries (pushes and reads) are written without a place in the chain (`seq`, `prev_hash` and `hash`
 * null) in the transaction of their act, and chained moments later in `id` order; `detail` holds ids and codes,
 * never health data.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    /** Insertion order: the order pending entries are chained in. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The entry's place in the chain; null until it is chained. */
    seq: bigint('seq', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorAccountId: text('actor_account_id'),
    actorDeviceId: text('actor_device_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    orgUnitId: text('org_unit_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    signature: text('signature'),
  },
  // The console's "last backup" of each station device reads the devices' backup events.
  (t) => [
    uniqueIndex('audit_log_seq_idx').on(t.seq),
    index('audit_log_device_action_idx').on(t.actorDeviceId, t.action),
    // What the chainer looks for: the entries not chained yet.
    index('audit_log_unchained_idx')
      .on(t.id)
      .where(sql`${t.seq} is null`),
  ],
);

/**
 * Each verification of the audit chain: the entries it checked (`fromSeq` … `toSeq`), whether they held and, if not,
 * the first broken entry. The last verification that held is where the next one continues (`lastHash` is the hash of
 * entry `toSeq`), so opening the console never walks the whole chain again.
 */
export const auditVerifications = pgTable('audit_verifications', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }).notNull(),
  actorAccountId: text('actor_account_id'),
  full: boolean('full').notNull(),
  fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
  toSeq: bigint('to_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  ok: boolean('ok').notNull(),
  firstBrokenSeq: bigint('first_broken_seq', { mode: 'number' }),
  reason: text('reason'),
});
