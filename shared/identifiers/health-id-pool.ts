import { z } from 'zod';
import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { formatHealthId, HEALTH_ID_MAX_SERIAL, HEALTH_ID_MIN_SERIAL, type HealthId } from './health-id.ts';

const serial = z.number().int().min(HEALTH_ID_MIN_SERIAL).max(HEALTH_ID_MAX_SERIAL);

/**
 * A block of health-ID serials the server allocated to one station, so it can register residents offline
 * (DESIGN §5). `nextSerial` is the next one to hand out; the pool is exhausted when it passes `lastSerial`.
 * Pools are values: taking an ID returns the advanced pool, and the caller persists it with the new person.
 */
export const healthIdPool = z
  .object({
    poolId: z.string().min(1),
    firstSerial: serial,
    lastSerial: serial,
    nextSerial: z
      .number()
      .int()
      .min(HEALTH_ID_MIN_SERIAL)
      .max(HEALTH_ID_MAX_SERIAL + 1),
  })
  .refine(
    (p) => p.firstSerial <= p.lastSerial && p.firstSerial <= p.nextSerial && p.nextSerial <= p.lastSerial + 1,
    {
      error: 'firstSerial ≤ nextSerial ≤ lastSerial + 1',
    },
  );
export type HealthIdPool = z.infer<typeof healthIdPool>;

const issue = defineIssues({
  'health-id-pool-exhausted':
    'Đã dùng hết dải mã định danh y tế của trạm ({poolId}). Kết nối mạng để đồng bộ và nhận dải mã mới, hoặc báo quản trị viên.',
  'health-id-pool-invalid':
    'Dải mã định danh y tế {poolId} bị hỏng (số thứ tự ngoài phạm vi). Báo quản trị viên để cấp lại dải mã.',
});
export type HealthIdPoolIssueCode = Parameters<typeof issue>[0];

/** Hands out the next health ID of the pool and returns the advanced pool; never throws. */
export function takeHealthId(
  pool: HealthIdPool,
): Result<{ readonly healthId: HealthId; readonly pool: HealthIdPool }, HealthIdPoolIssueCode> {
  if (!healthIdPool.safeParse(pool).success)
    return fail(issue('health-id-pool-invalid', { poolId: pool.poolId }));
  if (pool.nextSerial > pool.lastSerial)
    return fail(issue('health-id-pool-exhausted', { poolId: pool.poolId }));
  return ok({
    healthId: formatHealthId(pool.nextSerial),
    pool: { ...pool, nextSerial: pool.nextSerial + 1 },
  });
}

/** How many IDs the pool can still hand out (0 when exhausted). */
export function remainingInPool(pool: HealthIdPool): number {
  return Math.max(0, pool.lastSerial - Math.max(pool.nextSerial, pool.firstSerial) + 1);
}

/** True when at most `threshold` IDs remain: the station should ask the server to top the pool up. */
export function isPoolLow(pool: HealthIdPool, threshold: number): boolean {
  return remainingInPool(pool) <= threshold;
}
