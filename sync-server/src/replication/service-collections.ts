import { deepEqual } from '../../../shared/merge/deep-equal.ts';
import { mergeResult } from '../../../shared/merge/merge-decision.ts';
import type { AccessEventDocument } from '../../../shared/schemas/access-event-document.ts';
import type { HealthIdPoolDocument } from '../../../shared/schemas/health-id-pool-document.ts';
import { serviceCollections } from '../../../shared/schemas/service-collections.ts';
import type { StaffAccessDocument } from '../../../shared/schemas/staff-access-document.ts';
import type { StationStatusDocument } from '../../../shared/schemas/station-status-document.ts';
import { sql } from 'drizzle-orm';
import { lockAuditChain, type AuditLog } from '../audit/audit-log.ts';
import type { HealthIdAllocator } from '../health-ids/health-id-allocator.ts';
import type { StationStatusService } from '../stations/station-status-service.ts';
import {
  defineReplicatedCollection,
  type ReplicatedCollection,
  type ServerWrite,
} from './replicated-collection.ts';
import { rowsOf } from './sql-rows.ts';

export type ServiceCollectionDependencies = {
  readonly stationStatus: StationStatusService;
  readonly healthIds: HealthIdAllocator;
  readonly audit: AuditLog;
};

const EVICTED_AT = '2000-01-01T00:00:00.000Z';

/**
 * The replicated collections of station services (DESIGN.md §5), scoped by the station they belong to:
 * - `station-status`: each device writes its own report (id = its device id) after every sync; the latest wins.
 *   Accepting one records it for the admin console (`GET /admin/stations`) and, when the device reports its
 *   health IDs running low, allocates a new pool in the same transaction.
 * - `health-id-pools`: written by the server only (a client's write is quarantined); a new pool reaches the
 *   station through its pull or stream like any change.
 * - `access-events`: each device writes what happened on it (logins, reads of a person's record, backups); once
 *   accepted, an event is appended to the audit log in the same transaction and never changes.
 * - `staff-access`: the stations' revocation list, written by the server only (`staff-access-list.ts`, in the
 *   transaction of each account act that changes whether a station staff member may sign in); a client's write is
 *   quarantined.
 */
export function serviceReplicatedCollections(
  deps: ServiceCollectionDependencies,
): readonly ReplicatedCollection[] {
  const pools = serviceCollections['health-id-pools'];
  const healthIdPools = defineReplicatedCollection<HealthIdPoolDocument>({
    name: pools.name,
    primaryKey: 'id',
    clientFields: Object.keys(pools.schema.properties),
    schemaVersion: pools.schema.version,
    validate: pools.validate,
    merge: (_base, _ours, theirs) => mergeResult(theirs, []),
    scope: { kind: 'unit', unitOf: (pool) => pool.orgUnitId },
    deletion: 'refused',
    writableBy: () => false,
    evictionTombstone: (id) => ({
      id,
      orgUnitId: 'evicted',
      firstSerial: 1,
      lastSerial: 1,
      allocatedAt: EVICTED_AT,
    }),
  });

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
            userName: event.userName,
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
  const access = serviceCollections['staff-access'];
  const staffAccess = defineReplicatedCollection<StaffAccessDocument>({
    name: access.name,
    primaryKey: 'id',
    clientFields: Object.keys(access.schema.properties),
    schemaVersion: access.schema.version,
    validate: access.validate,
    merge: (_base, _ours, theirs) => mergeResult(theirs, []),
    scope: { kind: 'unit', unitOf: (entry) => entry.orgUnitId },
    deletion: 'refused',
    writableBy: () => false,
    evictionTombstone: (id) => ({
      id,
      orgUnitId: 'evicted',
      userName: 'evicted',
      access: 'closed',
      changedAt: EVICTED_AT,
    }),
  });
  return [healthIdPools, stationStatus, accessEvents, staffAccess];
}
