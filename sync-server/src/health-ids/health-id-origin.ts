import { and, gte, lte, or } from 'drizzle-orm';
import { parseHealthId } from '#shared/identifiers/health-id.ts';
import { SYNTHETIC_HEALTH_ID_FIRST_SERIAL } from '#shared/synthetic/synthetic-person.ts';
import type { DbExecutor } from '../db/database.ts';
import { healthIdPools } from '../db/schema/replication.ts';

/** Why a health ID newly given to a resident is not the writer's to give. */
export type HealthIdOriginRefusal = 'health-id-reserved' | 'health-id-not-issued';

/**
 * Checks where health IDs newly given to residents come from (Art. 3.3: the server issues them, in blocks a station
 * gives out offline). An ID is the writer's to give when its serial lies in a block the server allocated to a unit the
 * writer may issue for (`mayIssueFor`: for a station device its own unit, for an admin a unit of their subtree), or
 * when it is a synthetic resident's ID from the synthetic range. Otherwise: `health-id-reserved` when the block
 * belongs to another unit, `health-id-not-issued` when no block holds it (an ID made up, or typed wrong). Answers the
 * refusal per refused health ID.
 */
export async function healthIdOriginRefusals(
  db: DbExecutor,
  given: readonly { readonly healthId: string; readonly synthetic: boolean }[],
  mayIssueFor: (orgUnitId: string) => boolean,
): Promise<ReadonlyMap<string, HealthIdOriginRefusal>> {
  const refusals = new Map<string, HealthIdOriginRefusal>();
  const serials = new Map<number, string>();
  for (const { healthId, synthetic } of given) {
    const parsed = parseHealthId(healthId);
    if (!parsed.ok) continue; // the document's own validation refuses a malformed ID
    if (parsed.value.serial >= SYNTHETIC_HEALTH_ID_FIRST_SERIAL) {
      if (!synthetic) refusals.set(healthId, 'health-id-not-issued');
      continue;
    }
    serials.set(parsed.value.serial, healthId);
  }
  if (serials.size === 0) return refusals;
  const pools = await db
    .select({
      orgUnitId: healthIdPools.orgUnitId,
      firstSerial: healthIdPools.firstSerial,
      lastSerial: healthIdPools.lastSerial,
    })
    .from(healthIdPools)
    .where(
      or(
        ...[...serials.keys()].map((serial) =>
          and(lte(healthIdPools.firstSerial, serial), gte(healthIdPools.lastSerial, serial)),
        ),
      ),
    );
  for (const [serial, healthId] of serials) {
    const pool = pools.find((p) => p.firstSerial <= serial && serial <= p.lastSerial);
    if (pool === undefined) refusals.set(healthId, 'health-id-not-issued');
    else if (!mayIssueFor(pool.orgUnitId)) refusals.set(healthId, 'health-id-reserved');
  }
  return refusals;
}
