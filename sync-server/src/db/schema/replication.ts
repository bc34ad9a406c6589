import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';

/**
 * The authoritative record. One row per replicated document; the body is encrypted (secretbox, `keyId` names the
 * key so keys can rotate) and only routing columns stay in clear: collection, id, the server sequence, the scope
 * (the org unit whose replicas hold it), the person it belongs to, the deleted flag and timestamps.
 */
export const documents = pgTable(
  'documents',
  {
    collection: text('collection').notNull(),
    id: text('id').notNull(),
    /** Server sequence, assigned in commit order per collection; the replication checkpoint. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    scopeUnitId: text('scope_unit_id').notNull(),
    personId: text('person_id'),
    deleted: boolean('deleted').notNull().default(false),
    keyId: text('key_id').notNull(),
    body: bytea('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.collection, t.id] }),
    uniqueIndex('documents_collection_seq_idx').on(t.collection, t.seq),
    index('documents_scope_seq_idx').on(t.collection, t.scopeUnitId, t.seq),
    index('documents_person_idx').on(t.personId),
  ],
);

/** Per-collection sequence counters; the row lock taken to advance one serialises writers, so seq = commit order. */
export const collectionSequences = pgTable('collection_sequences', {
  collection: text('collection').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
});

/**
 * Explicit evictions: a document left the scope of `scopeUnitId` (the resident moved, was merged away). Replicas of
 * that scope receive the eviction in their pull stream, ordered by the same sequence as documents.
 */
export const evictions = pgTable(
  'evictions',
  {
    collection: text('collection').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    scopeUnitId: text('scope_unit_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.collection, t.seq, t.id] }),
    index('evictions_scope_seq_idx').on(t.collection, t.scopeUnitId, t.seq),
  ],
);

/** Every server-side merge with all three versions and the decisions; the versions are encrypted like documents. */
export const conflictLog = pgTable(
  'conflict_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    collection: text('collection').notNull(),
    documentId: text('document_id').notNull(),
    accountId: text('account_id'),
    deviceId: text('device_id'),
    rules: jsonb('rules').$type<string[]>().notNull(),
    keyId: text('key_id').notNull(),
    payload: bytea('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('conflict_log_document_idx').on(t.collection, t.documentId),
    index('conflict_log_device_idx').on(t.deviceId, t.id),
  ],
);

/**
 * Writes the server refused (out of scope, invalid, a signed record changed): kept whole, encrypted, with who sent it
 * and why, until an admin resolves them. Never dropped.
 */
export const quarantine = pgTable(
  'quarantine',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    collection: text('collection').notNull(),
    documentId: text('document_id').notNull(),
    accountId: text('account_id'),
    deviceId: text('device_id'),
    orgUnitId: text('org_unit_id'),
    reason: text('reason').notNull(),
    detail: jsonb('detail').$type<unknown>(),
    keyId: text('key_id').notNull(),
    payload: bytea('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolvedBy: text('resolved_by'),
  },
  (t) => [
    index('quarantine_open_idx').on(t.orgUnitId, t.createdAt),
    index('quarantine_device_idx').on(t.deviceId, t.id),
  ],
);

/** Health-ID serial pools allocated to stations from one global counter, so no serial is ever issued twice. */
export const healthIdPools = pgTable(
  'health_id_pools',
  {
    poolId: text('pool_id').primaryKey(),
    orgUnitId: text('org_unit_id').notNull(),
    deviceId: text('device_id'),
    firstSerial: bigint('first_serial', { mode: 'number' }).notNull(),
    lastSerial: bigint('last_serial', { mode: 'number' }).notNull(),
    allocatedAt: timestamp('allocated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('health_id_pools_unit_idx').on(t.orgUnitId)],
);

export const healthIdAllocator = pgTable('health_id_allocator', {
  id: integer('id').primaryKey(),
  nextSerial: bigint('next_serial', { mode: 'number' }).notNull(),
});

/**
 * A sample of each station device's reports over time (at most one per device per few minutes), for the admin
 * console's charts of sync activity and lag: figures only, no health data.
 */
export const stationStatusHistory = pgTable(
  'station_status_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deviceId: text('device_id').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true, mode: 'date' }).notNull(),
    pendingChanges: integer('pending_changes').notNull(),
    oldestPendingAgeSeconds: integer('oldest_pending_age_seconds'),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('station_status_history_device_idx').on(t.deviceId, t.reportedAt),
    index('station_status_history_time_idx').on(t.reportedAt),
  ],
);

/** The latest status report of each station device (sync health for the admin console). */
export const stationStatus = pgTable('station_status', {
  deviceId: text('device_id').primaryKey(),
  orgUnitId: text('org_unit_id').notNull(),
  reportedAt: timestamp('reported_at', { withTimezone: true, mode: 'date' }).notNull(),
  report: jsonb('report').$type<unknown>().notNull(),
});

/**
 * Care relationships (DESIGN.md §5 scope): a hospital or clinic replicates the residents it has treated. A row is
 * written when the unit's first record of a person (an encounter, an immunization) is accepted, and never ends:
 * the unit keeps reading that person's history.
 */
export const careRelationships = pgTable(
  'care_relationships',
  {
    unitId: text('unit_id').notNull(),
    personId: text('person_id').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The record whose acceptance started the relationship (`collection/id`). */
    grantedBy: text('granted_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.personId] })],
);
