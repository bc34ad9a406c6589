import { sql, type SQL } from 'drizzle-orm';
import { orgUnits } from '../db/schema/org-units.ts';

/** SQL: true when the org unit row is valid on the ISO date `onDate` (validity bounds are inclusive, null = open). */
export function orgUnitValidOn(onDate: string): SQL<boolean> {
  return sql<boolean>`((${orgUnits.validFrom} is null or ${orgUnits.validFrom} <= ${onDate}::date)
    and (${orgUnits.validTo} is null or ${orgUnits.validTo} >= ${onDate}::date))`;
}
