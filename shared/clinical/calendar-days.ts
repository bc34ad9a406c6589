import { daysInMonth } from '../dates/partial-date.ts';

/**
 * Day arithmetic on ISO dates (`yyyy-mm-dd`) in the proleptic Gregorian calendar, with no time zone: a date of
 * birth or a vaccination date is a calendar day, not an instant. Inputs are assumed valid (parse them first).
 */
const MS_PER_DAY = 86_400_000;

function toDayNumber(isoDate: string): number {
  return (
    Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) /
    MS_PER_DAY
  );
}

/** The ISO date `days` days after `isoDate` (before it when negative). */
export function addDays(isoDate: string, days: number): string {
  return new Date((toDayNumber(isoDate) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Completed months from `from` to `to` (`to` not earlier). A month completes on the same day of a later month, or
 * on that month's last day when it is shorter (born 31 January: one month old on 28 February), the rule of
 * Bộ luật Dân sự 2015 Art. 148 for periods counted in months [I: recalled, not re-read].
 */
export function fullMonthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = [Number(from.slice(0, 4)), Number(from.slice(5, 7)), Number(from.slice(8, 10))];
  const [ty, tm, td] = [Number(to.slice(0, 4)), Number(to.slice(5, 7)), Number(to.slice(8, 10))];
  const months = (ty - fy) * 12 + (tm - fm);
  return td < Math.min(fd, daysInMonth(ty, tm)) ? months - 1 : months;
}
