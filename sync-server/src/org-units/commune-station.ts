import { and, eq } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { inOrgUnitSubtree } from './org-unit-subtree.ts';
import { orgUnitValidOn } from './org-unit-valid-on.ts';

/**
 * The commune station that serves a commune of the 2025 scheme on `onDate` (yyyy-mm-dd), if any; with `within`, only
 * a station inside that unit's subtree (an admin's area).
 */
export async function communeStationId(
  db: DbExecutor,
  communeCode: string,
  onDate: string,
  within?: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.kind, 'commune-station'),
        eq(orgUnits.communeCode, communeCode),
        eq(orgUnits.communeScheme, 'dvhc-2025'),
        orgUnitValidOn(onDate),
        ...(within === undefined ? [] : [inOrgUnitSubtree(orgUnits.id, within)]),
      ),
    )
    .limit(1);
  return row?.id;
}
