import { CITY_HEALTH_DEPARTMENT_ID } from '#shared/org-units/hanoi-org-units.ts';
import { remainingInPool, takeHealthId, type HealthIdPool } from '#shared/identifiers/health-id-pool.ts';
import type { Database } from '../db/database.ts';
import type { HealthIdAllocator } from './health-id-allocator.ts';

/** IDs set aside for one caller: `take` hands them out, `release` returns what was not taken. */
export type HealthIdReservation = {
  /** The next reserved ID; throws past the reserved count (a bug in the caller). */
  take(): string;
  release(): void;
};

/**
 * Health IDs the server gives itself, for residents it creates (a hospital's patient nobody registered yet): blocks
 * allocated like a station's pools, to the city department, held in memory. IDs left in a block when the process
 * stops are never used (gaps are harmless; no ID is ever given twice). A caller reserves before the transaction that
 * takes (allocation commits on its own), so taking never waits on the allocator's lock, and concurrent callers never
 * count on the same IDs.
 */
export type ServerHealthIds = {
  reserve(count: number): Promise<HealthIdReservation>;
};

export function createServerHealthIds(deps: {
  readonly db: Database;
  readonly allocator: HealthIdAllocator;
}): ServerHealthIds {
  const pools: HealthIdPool[] = [];
  let reserved = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const available = () => pools.reduce((sum, pool) => sum + remainingInPool(pool), 0) - reserved;
  const takeOne = (): string => {
    for (let i = 0; i < pools.length; i++) {
      const pool = pools[i];
      if (pool === undefined || remainingInPool(pool) === 0) continue;
      const taken = takeHealthId(pool);
      if (!taken.ok) continue;
      pools[i] = taken.value.pool;
      return taken.value.healthId;
    }
    throw new Error('the server health-ID pools are empty');
  };
  return {
    reserve(count) {
      // One reservation at a time, so two callers never allocate for the same shortfall.
      const next = queue.then(async () => {
        while (available() < count) {
          const allocated = await deps.allocator.allocate(deps.db, { orgUnitId: CITY_HEALTH_DEPARTMENT_ID });
          if (!allocated.ok) throw new Error(allocated.errors[0].message);
          pools.push(allocated.value);
        }
        reserved += count;
        let left = count;
        return {
          take() {
            if (left === 0) throw new Error('more health IDs taken than reserved');
            left--;
            reserved--;
            return takeOne();
          },
          release() {
            reserved -= left;
            left = 0;
          },
        };
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
