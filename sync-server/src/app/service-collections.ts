import type { AuditLog } from '../audit/audit-log.ts';
import { accessEventsCollection } from '../access-events/access-events-collection.ts';
import { staffAccessCollection } from '../accounts/staff-access-collection.ts';
import type { HealthIdAllocator } from '../health-ids/health-id-allocator.ts';
import { healthIdPoolsCollection } from '../health-ids/health-id-pools-collection.ts';
import type { ReplicatedCollection } from '../replication/replicated-collection.ts';
import { stationStatusCollection } from '../stations/station-status-collection.ts';
import type { StationStatusService } from '../stations/station-status-service.ts';

export type ServiceCollectionDependencies = {
  readonly stationStatus: StationStatusService;
  readonly healthIds: HealthIdAllocator;
  readonly audit: AuditLog;
};

/**
 * The replicated collections of station services (DESIGN.md §5), each defined by its feature and scoped by the
 * station it belongs to: `health-id-pools`, `station-status`, `access-events` and `staff-access`.
 */
export function serviceReplicatedCollections(
  deps: ServiceCollectionDependencies,
): readonly ReplicatedCollection[] {
  return [
    healthIdPoolsCollection(),
    stationStatusCollection(deps),
    accessEventsCollection(deps),
    staffAccessCollection(),
  ];
}
