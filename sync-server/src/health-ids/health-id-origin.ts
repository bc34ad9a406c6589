import { and, gte, lte, or } from 'drizzle-orm';
import { parseHealthId } from '../../../shared/identifiers/health-id.ts';
import type { DbExecutor } from '../db/database.ts';
import { healthIdPools } from '../db/schema/replication.ts';

/**
 * The health IDs among `healthIds` whose serial lies in a block the server allocated to a unit the writer may not
 * issue for (`mayIssueFor` false): an ID reserved for another station, which only that station may give out. An ID in
 * no allocated block is not judged here (the uniqueness index keeps it from being anyone else's).
 */
export async function healthIdsReservedElsewhere(
  db: DbExecutor,
  healthIds: readonly string[],
  mayIssueFor: (orgUnitId: string) => boolean,
): Promise<ReadonlySet<string>> {
  const serials = new Map<number, string>();
  for (const healthId of healthIds) {
    const parsed = parseHealthId(healthId);
    if (parsed.ok) serials.set(parsed.value.serial, healthId);
  }
  if (serials.size === 0) return new Set();
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
  const reserved = new Set<string>();
  for (const [serial, healthId] of serials) {
    const pool = pools.find((p) => p.firstSerial <= serial && serial <= p.lastSerial);
    if (pool !== undefined && !mayIssueFor(pool.orgUnitId)) reserved.add(healthId);
  }
  return reserved;
}
