import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';

/**
 * Every hồ sơ a hospital sent through the QĐ 130 intake, one row per hồ sơ per request, whatever became of it: the
 * outcome and, for a refusal, the codes of its faults (codes only, in clear, for the compliance figures); the hồ sơ's
 * files as sent and the full Vietnamese answer are in `body`, encrypted like documents, so nothing a hospital sent is
 * lost even where the record does not map it yet. `late`: received after the day of NGAY_RA (Art. 20: same day).
 */
export const intakeReceipts = pgTable(
  'intake_receipts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    facilityCode: text('facility_code').notNull(),
    hospitalUnitId: text('hospital_unit_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The receiving day in Vietnam (the compliance figures' day). */
    receivedOn: date('received_on').notNull(),
    visitKey: text('visit_key'),
    position: integer('position').notNull(),
    outcome: text('outcome').notNull(),
    issueCodes: jsonb('issue_codes').$type<string[]>().notNull(),
    dischargedOn: date('discharged_on'),
    late: boolean('late').notNull(),
    keyId: text('key_id'),
    body: bytea('body'),
  },
  (t) => [
    index('intake_receipts_facility_day_idx').on(t.facilityCode, t.receivedOn),
    index('intake_receipts_day_idx').on(t.receivedOn),
  ],
);

/**
 * The current state of each hospital visit (facility + MA_LK): accepted (with the resident and the encounter it
 * became) or waiting in the review queue (why, and the candidate residents), its version (1, then +1 per corrected
 * re-send), the hash of its current content and of every content seen before (a replay of an older version changes
 * nothing), and the receipt whose files it holds.
 */
export const intakeVisits = pgTable(
  'intake_visits',
  {
    facilityCode: text('facility_code').notNull(),
    visitKey: text('visit_key').notNull(),
    hospitalUnitId: text('hospital_unit_id').notNull(),
    state: text('state').notNull(),
    reviewReason: text('review_reason'),
    candidates: jsonb('candidates').$type<string[]>(),
    /** The org unit whose district admins review it (the address's station), or the city when none is known. */
    reviewUnitId: text('review_unit_id'),
    personId: text('person_id'),
    encounterId: text('encounter_id'),
    version: integer('version').notNull(),
    contentHash: text('content_hash').notNull(),
    seenHashes: jsonb('seen_hashes').$type<string[]>().notNull(),
    receiptId: bigint('receipt_id', { mode: 'number' }).notNull(),
    firstReceivedAt: timestamp('first_received_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    resolvedBy: text('resolved_by'),
  },
  (t) => [
    primaryKey({ columns: [t.facilityCode, t.visitKey] }),
    index('intake_visits_state_idx').on(t.state, t.updatedAt),
  ],
);
