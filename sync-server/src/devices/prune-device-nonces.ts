import { lt } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.ts';
import { deviceNonces } from '../db/schema/devices.ts';
import { DEFAULT_MAX_CLOCK_SKEW_MS } from './require-device-signature.ts';

/**
 * Scheduled job: forgets nonces that can no longer be replayed, and returns how many it removed. A request with
 * timestamp t is accepted while |t − now| ≤ maxSkew, and its nonce was recorded at a server time s with
 * |t − s| ≤ maxSkew, so a replay can succeed only until s + 2·maxSkew: nonces are kept twice the window.
 * Pass the same `maxSkewMs` as the signature guard.
 */
export async function pruneDeviceNonces(options: {
  db: DbExecutor;
  clock: { now(): Date };
  maxSkewMs?: number;
}): Promise<number> {
  const window = options.maxSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  const cutoff = new Date(options.clock.now().getTime() - 2 * window);
  const removed = await options.db
    .delete(deviceNonces)
    .where(lt(deviceNonces.seenAt, cutoff))
    .returning({ nonce: deviceNonces.nonce });
  return removed.length;
}
