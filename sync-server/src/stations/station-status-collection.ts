import { mergeResult } from '#shared/merge/merge-decision.ts';
import type { HealthIdPoolDocument } from '#shared/schemas/health-id-pool-document.ts';
import { serviceCollections } from '#shared/schemas/service-collections.ts';
import type { StationStatusDocument } from '#shared/schemas/station-status-document.ts';
import type { HealthIdAllocator } from '../health-ids/health-id-allocator.ts';
import {
  defineReplicatedCollection,
  type ReplicatedCollection,
  type ServerWrite,
} from '../replication/replicated-collection.ts';
import { EVICTED_AT } from '../replication/server-written-collection.ts';
import type { StationStatusService } from './station-status-service.ts';

/**
 * `station-status`: each device writes its own report (id = its device id) after every sync; the latest wins.
 * Accepting one records it for the admin console (`GET /admin/stations`) and, when the device reports its health IDs
 * running low, allocates a new pool in the same transaction (a server write to `health-id-pools`).
 */
export function stationStatusCollection(deps: {
  readonly stationStatus: StationStatusService;
  readonly healthIds: HealthIdAllocator;
}): ReplicatedCollection {
  const reports = serviceCollections['station-status'];
  return defineReplicatedCollection<StationStatusDocument>({
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
        writes.push({ collection: serviceCollections['health-id-pools'].name, doc });
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
}
