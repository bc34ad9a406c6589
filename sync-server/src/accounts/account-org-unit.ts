import { and, eq } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { orgUnitValidOn } from '../org-units/org-unit-valid-on.ts';
import { inOrgUnitSubtree, nearestFacilityCode } from '../org-units/org-unit-subtree.ts';

/** What account creation needs to know about the org unit an account is bound to. */
export type AccountOrgUnit = {
  readonly id: string;
  readonly kind: string;
  /** Valid on the day asked about (not dissolved or merged away). */
  readonly active: boolean;
  /** The unit's own facility code, else its nearest ancestor's; null when none on the path has one. */
  readonly facilityCode: string | null;
};

/**
 * Loads `orgUnitId` for binding an account to it, or undefined when it does not exist or — when `scopeRootId` is
 * given — lies outside that unit's subtree (the scope check is part of the query).
 */
export async function loadAccountOrgUnit(
  executor: DbExecutor,
  orgUnitId: string,
  options: { onDate: string; scopeRootId?: string },
): Promise<AccountOrgUnit | undefined> {
  const [unit] = await executor
    .select({
      id: orgUnits.id,
      kind: orgUnits.kind,
      active: orgUnitValidOn(options.onDate),
      facilityCode: nearestFacilityCode(orgUnitId),
    })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.id, orgUnitId),
        options.scopeRootId === undefined ? undefined : inOrgUnitSubtree(orgUnits.id, options.scopeRootId),
      ),
    )
    .limit(1);
  return unit;
}
