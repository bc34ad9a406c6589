import { deepEqual } from '#shared/merge/deep-equal.ts';
import { mergeResult } from '#shared/merge/merge-decision.ts';
import type { AccessEventDocument } from '#shared/schemas/access-event-document.ts';
import type { CollectionDefinition } from '#shared/schemas/collections.ts';
import type { HealthIdPoolDocument } from '#shared/schemas/health-id-pool-document.ts';
import type { StaffAccessDocument } from '#shared/schemas/staff-access-document.ts';
import { serviceCollections } from '#shared/schemas/service-collections.ts';
import type { StationStatusDocument } from '#shared/schemas/station-status-document.ts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { normalizeLoginName } from '#shared/accounts/user-name.ts';
import { SCHEDULED_BACKUP_USER_NAME, UNKNOWN_USER_NAME } from '#shared/schemas/access-event-user-names.ts';
import { lockAuditChain, type AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Transaction } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { evictions } from '../db/schema/replication.ts';
import type { QuarantineReason } from './quarantine-reason.ts';
import { scopeUnitIds } from './replication-scope.ts';
import type { HealthIdAllocator } from '../health-ids/health-id-allocator.ts';
import type { StationStatusService } from '../stations/station-status-service.ts';
import {
  defineReplicatedCollection,
  type ReplicatedCollection,
  type ServerWrite,
} from './replicated-collection.ts';
import { rowsOf } from '../db/sql-rows.ts';

export type ServiceCollectionDependencies = {
  readonly stationStatus: StationStatusService;
  readonly healthIds: HealthIdAllocator;
  readonly audit: AuditLog;
};

const EVICTED_AT = '2000-01-01T00:00:00.000Z';

/**
 * A collection only the server writes, scoped to the unit each document names: a client's write is quarantined and
 * the stored document stands; a document leaving a unit's scope is replaced there by `tombstone`.
 */
function serverWrittenCollection<T extends { readonly id: string; readonly orgUnitId: string }>(
  definition: CollectionDefinition<T>,
  tombstone: (id: string) => T,
): ReplicatedCollection {
  return defineReplicatedCollection<T>({
    name: definition.name,
    primaryKey: 'id',
    clientFields: Object.keys(definition.schema.properties),
    schemaVersion: definition.schema.version,
    validate: definition.validate,
    merge: (_base, _ours, theirs) => mergeResult(theirs, []),
    scope: { kind: 'unit', unitOf: (doc) => doc.orgUnitId },
    deletion: 'refused',
    writableBy: () => false,
    evictionTombstone: tombstone,
  });
}

/**
 * The replicated collections of station services (DESIGN.md §5), scoped by the station they belong to:
 * - `station-status`: each device writes its own report (id = its device id) after every sync; the latest wins.
 *   Accepting one records it for the admin console (`GET /admin/stations`) and, when the device reports its
 *   health IDs running low, allocates a new pool in the same transaction.
 * - `health-id-pools`: written by the server only (a client's write is quarantined); a new pool reaches the
 *   station through its pull or stream like any change.
 * - `access-events`: each device writes what happened on it (logins, reads of a person's record, backups); once
 *   accepted, an event is appended to the audit log in the same transaction and never changes. An event names only
 *   an account of the device's own unit (or the station's names for a scheduled backup and an unknown name tried at
 *   sign-in), and only a person in the device's scope (now, or before they moved away; or not on the server yet,
 *   registered offline): otherwise it is quarantined (`access-event-account-unknown`,
 *   `access-event-person-out-of-scope`), so a device cannot credit another unit's staff or resident.
 * - `staff-access`: the stations' revocation list, written by the server only (`staff-access-list.ts`, in the
 *   transaction of each account act that changes whether a station staff member may sign in); a client's write is
 *   quarantined.
 */
export function serviceReplicatedCollections(
  deps: ServiceCollectionDependencies,
): readonly ReplicatedCollection[] {
  const healthIdPools = serverWrittenCollection<HealthIdPoolDocument>(
    serviceCollections['health-id-pools'],
    (id) => ({
      id,
      orgUnitId: 'evicted',
      firstSerial: 1,
      lastSerial: 1,
      allocatedAt: EVICTED_AT,
    }),
  );

  const reports = serviceCollections['station-status'];
  const stationStatus = defineReplicatedCollection<StationStatusDocument>({
    name: reports.name,
    primaryKey: 'id',
    clientFields: Object.keys(reports.schema.properties),
    schemaVersion: reports.schema.version,
    validate: reports.validate,
    merge: (_base, ours) => mergeResult(ours, []),
    scope: { kind: 'unit', unitOf: (report) => report.orgUnitId },
    deletion: 'refused',
    writableBy: (report, pusher) => pusher.deviceId === report.id && pusher.orgUnitId === report.orgUnitId,
    async onAccepted(tx, accepted, pusher, at) {
      const writes: ServerWrite[] = [];
      for (const { id: deviceId, orgUnitId, ...report } of accepted) {
        await deps.stationStatus.record(tx, { deviceId, orgUnitId }, report);
        if (report.healthIdsRemaining === undefined) continue;
        const supply = await deps.healthIds.ensureSupply(tx, {
          orgUnitId,
          deviceId,
          remaining: report.healthIdsRemaining,
          actorAccountId: pusher.accountId,
        });
        // Exhausted serials are a city-wide alarm raised by the allocator; the report itself is still accepted.
        const pool = supply.ok ? supply.value.allocated : null;
        if (pool === null) continue;
        const doc: HealthIdPoolDocument = {
          id: pool.poolId,
          orgUnitId: pool.orgUnitId,
          ...(pool.deviceId === null ? {} : { deviceId: pool.deviceId }),
          firstSerial: pool.firstSerial,
          lastSerial: pool.lastSerial,
          allocatedAt: at.toISOString(),
        };
        writes.push({ collection: healthIdPools.name, doc });
      }
      return writes;
    },
    evictionTombstone: (id) => ({
      id,
      orgUnitId: 'evicted',
      reportedAt: EVICTED_AT,
      appVersion: '0.0.0',
      pendingChanges: 0,
      recordErrors: [],
      documentCounts: {},
      databaseSizeBytes: 0,
      clockOffsetMs: 0,
    }),
  });

  const events = serviceCollections['access-events'];
  const accessEvents = defineReplicatedCollection<AccessEventDocument>({
    name: events.name,
    primaryKey: 'id',
    clientFields: Object.keys(events.schema.properties),
    schemaVersion: events.schema.version,
    validate: events.validate,
    // Written once by the device that saw it: the stored event stands.
    merge: (_base, _ours, theirs) => mergeResult(theirs, []),
    scope: { kind: 'unit', unitOf: (event) => event.orgUnitId },
    deletion: 'refused',
    writableBy: (event, pusher) => pusher.deviceId === event.deviceId && pusher.orgUnitId === event.orgUnitId,
    refuseUpdate: (master, next) =>
      master.deleted || next.deleted || !deepEqual(master.doc, next.doc)
        ? 'append-only-record-changed'
        : undefined,
    async checkWrites(tx, writes, pusher) {
      const refusalOf = await accessEventRefusals(
        tx,
        writes.map((write) => write.doc),
        pusher.principal,
      );
      const refused = new Map<string, QuarantineReason>();
      for (const { id, doc } of writes) {
        const reason = refusalOf(doc);
        if (reason !== undefined) refused.set(id, reason);
      }
      return refused;
    },
    async onAccepted(tx, accepted) {
      // Two concurrent pushes of the same new event (a retry while the first is still running) both accept it, as
      // neither could lock a row that did not exist yet. The chain's lock orders them: the second waits here until
      // the first commits, then finds its stored event (written after this hook) and appends no second entry.
      await lockAuditChain(tx);
      const stored = new Set(
        rowsOf(
          await tx.execute(
            sql`select id from documents where collection = ${events.name} and id in (${sql.join(
              accepted.map((event) => sql`${event.id}`),
              sql`, `,
            )})`,
          ),
        ).map((row) => String(row['id'])),
      );
      for (const event of accepted) {
        if (stored.has(event.id)) continue;
        await deps.audit.append(tx, {
          action: event.action,
          actorDeviceId: event.deviceId,
          ...(event.personId === undefined ? {} : { targetType: 'person', targetId: event.personId }),
          orgUnitId: event.orgUnitId,
          detail: {
            source: 'station',
            eventId: event.id,
            // An unknown name tried at sign-in is recorded as such, never as text (it may be a password).
            ...(event.userName === UNKNOWN_USER_NAME
              ? { unknownUserName: true }
              : { userName: event.userName }),
            occurredAt: event.occurredAt,
          },
        });
      }
      return [];
    },
    evictionTombstone: (id) => ({
      id,
      orgUnitId: 'evicted',
      deviceId: 'evicted',
      action: 'login',
      userName: 'evicted',
      occurredAt: EVICTED_AT,
    }),
  });
  const staffAccess = serverWrittenCollection<StaffAccessDocument>(
    serviceCollections['staff-access'],
    (id) => ({
      id,
      orgUnitId: 'evicted',
      userName: 'evicted',
      access: 'closed',
      changedAt: EVICTED_AT,
    }),
  );
  return [healthIdPools, stationStatus, accessEvents, staffAccess];
}

/**
 * Whom the access events of one device push may name: accounts of the device's unit (by login key, as typed at a
 * failed sign-in), the station's own names, and persons in the device's scope now, evicted from it since (the read
 * happened before the move), or not on the server at all (registered offline, their own push still on its way).
 */
async function accessEventRefusals(
  tx: Transaction,
  events: readonly AccessEventDocument[],
  pusher: Principal,
): Promise<(event: AccessEventDocument) => QuarantineReason | undefined> {
  const named = [...new Set(events.map((event) => normalizeLoginName(event.userName)))];
  const ownStaff = new Set(
    named.length === 0
      ? []
      : (
          await tx
            .select({ loginKey: accounts.loginKey })
            .from(accounts)
            .where(and(eq(accounts.orgUnitId, pusher.orgUnitId), inArray(accounts.loginKey, named)))
        ).map((account) => account.loginKey),
  );
  const personIds = [
    ...new Set(events.flatMap((event) => (event.personId === undefined ? [] : [event.personId]))),
  ];
  const elsewhere = new Set<string>();
  if (personIds.length > 0) {
    const units = await scopeUnitIds(tx, { kind: 'subtree', rootUnitId: pusher.orgUnitId });
    const stored = rowsOf(
      await tx.execute(
        sql`select id, scope_unit_id from documents where collection = 'persons' and id in (${sql.join(
          personIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      ),
    );
    const outside = stored
      .filter((row) => !units.has(String(row['scope_unit_id'])))
      .map((row) => String(row['id']));
    const leftScope =
      outside.length === 0
        ? []
        : await tx
            .select({ id: evictions.id })
            .from(evictions)
            .where(
              and(
                eq(evictions.collection, 'persons'),
                inArray(evictions.id, outside),
                inArray(evictions.scopeUnitId, [...units]),
              ),
            );
    const wasHere = new Set(leftScope.map((row) => row.id));
    for (const id of outside) if (!wasHere.has(id)) elsewhere.add(id);
  }
  const stationName = (event: AccessEventDocument) =>
    (event.action === 'backup' && event.userName === SCHEDULED_BACKUP_USER_NAME) ||
    (event.action === 'login-failed' && event.userName === UNKNOWN_USER_NAME);
  return (event) => {
    if (!stationName(event) && !ownStaff.has(normalizeLoginName(event.userName))) {
      return 'access-event-account-unknown';
    }
    if (event.personId !== undefined && elsewhere.has(event.personId))
      return 'access-event-person-out-of-scope';
    return undefined;
  };
}
