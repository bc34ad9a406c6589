import type { HealthIdPoolDocument } from '#shared/schemas/health-id-pool-document.ts';
import { serviceCollections } from '#shared/schemas/service-collections.ts';
import type { ReplicatedCollection } from '../replication/replicated-collection.ts';
import { EVICTED_AT, serverWrittenCollection } from '../replication/server-written-collection.ts';

/**
 * `health-id-pools`: the blocks of health IDs allocated to a station's devices, written by the server only (a
 * client's write is quarantined); a new pool reaches the station through its pull or stream like any change.
 */
export function healthIdPoolsCollection(): ReplicatedCollection {
  return serverWrittenCollection<HealthIdPoolDocument>(serviceCollections['health-id-pools'], (id) => ({
    id,
    orgUnitId: 'evicted',
    firstSerial: 1,
    lastSerial: 1,
    allocatedAt: EVICTED_AT,
  }));
}
