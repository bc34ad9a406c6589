/**
 * Dates as Vietnamese staff read them: dd/mm/yyyy, and a partial date with the precision it has
 * (`07/1988`, `1988`). Stored values stay ISO; only the display changes. Times are the computer's local time.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** Partial dates (`07/1988`, `1988`) are shown as the shared kernel writes them in its messages. */
export { formatPartialDate } from '#shared/dates/format-partial-date.ts';

/** An ISO date-time → `dd/mm/yyyy HH:mm` in local time. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${pad(at.getDate())}/${pad(at.getMonth() + 1)}/${String(at.getFullYear())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The local time of day of `at` as `HH:mm`. */
export function formatTime(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The local calendar date of `at` as `yyyy-mm-dd` (the station's "today"). */
export function localIsoDate(at: Date): string {
  return `${String(at.getFullYear())}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
