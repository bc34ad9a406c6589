import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';

/**
 * Blind indexes of each resident's identity (Art. 8.2d, 13.5): HMAC-SHA256 under the server's blind-index key of the
 * CCCD/CMND, each BHYT card code, and the folded name with date of birth and sex. Equal values give equal hashes, so
 * residents who share one are found without the identity ever being stored in the clear. Merged-away residents have
 * none.
 */
export const personIdentityKeys = pgTable(
  'person_identity_keys',
  {
    kind: text('kind').notNull(),
    keyHash: text('key_hash').notNull(),
    personId: text('person_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.keyHash, t.personId] }),
    index('person_identity_keys_person_idx').on(t.personId),
  ],
);

/**
 * Two residents who may be the same person, queued for the district that manages either (`person_a` < `person_b`).
 * `reasons` are the kinds of identity they share. `state`: open, not-duplicate, merged (or undone after a merge).
 * A merge's before-images (encrypted like documents) are kept so a city admin can undo it.
 */
export const duplicateCandidates = pgTable(
  'duplicate_candidates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    personA: text('person_a').notNull(),
    personB: text('person_b').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    state: text('state').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolvedBy: text('resolved_by'),
    note: text('note'),
    survivorId: text('survivor_id'),
    keyId: text('key_id'),
    beforeImages: bytea('before_images'),
  },
  (t) => [
    uniqueIndex('duplicate_candidates_pair_idx').on(t.personA, t.personB),
    index('duplicate_candidates_state_idx').on(t.state, t.id),
  ],
);
