import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql, TransactionRollbackError } from 'drizzle-orm';
import { defineIssues } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import type { HealthIdPool } from '#shared/identifiers/health-id-pool.ts';
import { SYNTHETIC_HEALTH_ID_FIRST_SERIAL } from '#shared/synthetic/synthetic-person.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DbExecutor } from '../db/database.ts';
import { healthIdAllocator, healthIdPools } from '../db/schema/replication.ts';

/** Serials 1 … 8 999 999 999 are issuable; 0 is never used and 9 000 000 000+ belong to synthetic data. */
export const FIRST_ISSUABLE_SERIAL = 1;
export const LAST_ISSUABLE_SERIAL = SYNTHETIC_HEALTH_ID_FIRST_SERIAL - 1;

const issue = defineIssues({
  'health-id-serials-exhausted':
    'Hệ thống đã cấp hết dải mã định danh y tế. Báo ngay Sở Y tế để mở rộng dải mã; không tự tạo mã.',
});

export type AllocatedPool = HealthIdPool & { readonly orgUnitId: string; readonly deviceId: string | null };

export type HealthIdAllocator = {
  /** Allocates a fresh block of `poolSize` serials to a station; blocks never overlap, even across instances. */
  allocate(
    tx: DbExecutor,
    to: { orgUnitId: string; deviceId?: string; actorAccountId?: string },
  ): Promise<Result<AllocatedPool>>;
  /**
   * Tops a station up when it reports `remaining` unused IDs at or below the low-water mark, and returns its pools.
   * A pool that runs low is the alert DESIGN §5 asks for: callers surface `low` to admins.
   */
  ensureSupply(
    tx: DbExecutor,
    station: { orgUnitId: string; deviceId?: string; remaining: number; actorAccountId?: string },
  ): Promise<Result<{ pools: readonly AllocatedPool[]; allocated: AllocatedPool | null; low: boolean }>>;
};

export function createHealthIdAllocator(options: {
  audit: AuditLog;
  clock: { now(): Date };
  poolSize?: number;
  lowWater?: number;
}): HealthIdAllocator {
  const poolSize = options.poolSize ?? 1000;
  const lowWater = options.lowWater ?? 200;

  const toPool = (row: typeof healthIdPools.$inferSelect): AllocatedPool => ({
    poolId: row.poolId,
    firstSerial: row.firstSerial,
    lastSerial: row.lastSerial,
    nextSerial: row.firstSerial,
    orgUnitId: row.orgUnitId,
    deviceId: row.deviceId,
  });

  const allocate: HealthIdAllocator['allocate'] = async (executor, to) =>
    executor
      .transaction(async (tx) => {
        await tx
          .insert(healthIdAllocator)
          .values({ id: 1, nextSerial: FIRST_ISSUABLE_SERIAL })
          .onConflictDoNothing();
        // The row lock of this UPDATE serialises allocators until commit: no two pools can overlap.
        const [advanced] = await tx
          .update(healthIdAllocator)
          .set({ nextSerial: sql`${healthIdAllocator.nextSerial} + ${poolSize}` })
          .where(eq(healthIdAllocator.id, 1))
          .returning({ nextSerial: healthIdAllocator.nextSerial });
        if (!advanced) throw new Error('health-id allocator row missing');
        const firstSerial = advanced.nextSerial - poolSize;
        const lastSerial = advanced.nextSerial - 1;
        // Past the issuable range: undo the counter advance and report; never hand out a synthetic-range serial.
        if (lastSerial > LAST_ISSUABLE_SERIAL) tx.rollback();
        const [row] = await tx
          .insert(healthIdPools)
          .values({
            poolId: randomUUID(),
            orgUnitId: to.orgUnitId,
            deviceId: to.deviceId ?? null,
            firstSerial,
            lastSerial,
            allocatedAt: options.clock.now(),
          })
          .returning();
        if (!row) throw new Error('health-id pool insert returned nothing');
        await options.audit.append(tx, {
          action: 'health-id-pool-allocated',
          actorAccountId: to.actorAccountId,
          actorDeviceId: to.deviceId,
          orgUnitId: to.orgUnitId,
          targetType: 'health-id-pool',
          targetId: row.poolId,
          detail: { firstSerial, lastSerial },
        });
        return ok(toPool(row));
      })
      .catch((e: unknown) => {
        if (e instanceof TransactionRollbackError) return fail(issue('health-id-serials-exhausted'));
        throw e;
      });

  return {
    allocate,
    async ensureSupply(tx, station) {
      let allocated: AllocatedPool | null = null;
      if (station.remaining <= lowWater) {
        const result = await allocate(tx, station);
        if (!result.ok) return result;
        allocated = result.value;
      }
      const rows = await tx
        .select()
        .from(healthIdPools)
        .where(
          station.deviceId === undefined
            ? eq(healthIdPools.orgUnitId, station.orgUnitId)
            : and(
                eq(healthIdPools.orgUnitId, station.orgUnitId),
                eq(healthIdPools.deviceId, station.deviceId),
              ),
        )
        .orderBy(asc(healthIdPools.firstSerial));
      return ok({ pools: rows.map(toPool), allocated, low: station.remaining <= lowWater });
    },
  };
}
