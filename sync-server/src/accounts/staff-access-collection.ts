import type { StaffAccessDocument } from '#shared/schemas/staff-access-document.ts';
import { serviceCollections } from '#shared/schemas/service-collections.ts';
import type { ReplicatedCollection } from '../replication/replicated-collection.ts';
import { EVICTED_AT, serverWrittenCollection } from '../replication/server-written-collection.ts';

/**
 * `staff-access`: the stations' revocation list, written by the server only (`staff-access-list.ts`, in the
 * transaction of each account act that changes whether a station staff member may sign in); a client's write is
 * quarantined.
 */
export function staffAccessCollection(): ReplicatedCollection {
  return serverWrittenCollection<StaffAccessDocument>(serviceCollections['staff-access'], (id) => ({
    id,
    orgUnitId: 'evicted',
    userName: 'evicted',
    access: 'closed',
    changedAt: EVICTED_AT,
  }));
}
