const HANOI_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The calendar date (yyyy-mm-dd) in Hà Nội (UTC+7, no daylight saving) at the instant `now`: "today" for worklists,
 * due doses and validity dates, whatever the machine's time zone (a UTC date is yesterday until 07:00 in Hà Nội).
 */
export function hanoiCalendarDate(now: Date): string {
  return new Date(now.getTime() + HANOI_OFFSET_MS).toISOString().slice(0, 10);
}
