import { sql, type SQL } from 'drizzle-orm';
import { orgUnits } from '../db/schema/org-units.ts';

const HANOI_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date (yyyy-mm-dd) in Hà Nội (UTC+7, no daylight saving) at the instant `now`. */
export function hanoiCalendarDate(now: Date): string {
  return new Date(now.getTime() + HANOI_OFFSET_MS).toISOString().slice(0, 10);
}

/** SQL: true when the org unit row is valid on the ISO date `onDate` (validity bounds are inclusive, null = open). */
export function orgUnitValidOn(onDate: string): SQL<boolean> {
  return sql<boolean>`((${orgUnits.validFrom} is null or ${orgUnits.validFrom} <= ${onDate}::date)
    and (${orgUnits.validTo} is null or ${orgUnits.validTo} >= ${onDate}::date))`;
}
