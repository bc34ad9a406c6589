/**
 * A (partial) ISO date as Vietnamese staff read and type it: `yyyy-mm-dd` → `dd/mm/yyyy`, `yyyy-mm` → `mm/yyyy`,
 * `yyyy` → `yyyy`; one-digit months and days as written (`1950-3-21` → `21/3/1950`); any other text as it is.
 */
export function formatPartialDate(date: string): string {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(date);
  if (match === null) return date;
  const [, year = '', month, day] = match;
  if (month === undefined) return year;
  if (day === undefined) return `${month}/${year}`;
  return `${day}/${month}/${year}`;
}
