import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { formatPartialDate } from './format-partial-date.ts';

/**
 * A date that may be known only to the year or month, as on many older records ("sinh năm 1950").
 * Stored as ISO text with the precision it has: `yyyy`, `yyyy-mm` or `yyyy-mm-dd`. Always a real calendar date.
 */
export type PartialDate = string & { readonly __brand: 'PartialDate' };
export type DatePrecision = 'year' | 'month' | 'day';

export const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

// Messages show dates as a person types them (dd/mm/yyyy, mm/yyyy, yyyy), whatever form reached the parser.
const issue = defineIssues({
  'partial-date-missing':
    'Chưa nhập ngày. Nhập năm (1950), tháng/năm (03/1950) hoặc ngày đầy đủ (21/03/1950).',
  'partial-date-format':
    'Ngày "{input}" không hợp lệ. Nhập năm (1950), tháng/năm (03/1950) hoặc ngày đầy đủ (21/03/1950).',
  'partial-date-out-of-range': 'Ngày "{input}" không tồn tại trong lịch. Kiểm tra lại ngày và tháng.',
});

export type PartialDateIssueCode = Parameters<typeof issue>[0];

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses `yyyy`, `yyyy-mm` or `yyyy-mm-dd` (years 1800–2299); nothing entered is `partial-date-missing`, anything
 * else, a non-string too, an error value.
 */
export function parsePartialDate(input: unknown, path?: string): Result<PartialDate, PartialDateIssueCode> {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === ''))
    return fail(issue('partial-date-missing', {}, path));
  const text = typeof input === 'string' ? input.trim() : '';
  const m = PARTIAL_DATE_PATTERN.exec(text);
  if (!m) return fail(issue('partial-date-format', { input: formatPartialDate(text) }, path));
  const year = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (year < 1800 || year > 2299)
    return fail(issue('partial-date-out-of-range', { input: formatPartialDate(text) }, path));
  if (month !== undefined && (month < 1 || month > 12))
    return fail(issue('partial-date-out-of-range', { input: formatPartialDate(text) }, path));
  if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month))) {
    return fail(issue('partial-date-out-of-range', { input: formatPartialDate(text) }, path));
  }
  return ok(text as PartialDate);
}

export function precisionOf(date: PartialDate): DatePrecision {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

/** The earliest and latest full ISO dates (yyyy-mm-dd) the partial date can stand for. */
export function partialDateBounds(date: PartialDate): { earliest: string; latest: string } {
  const [y, m, d] = date.split('-');
  const year = y ?? '';
  if (m === undefined) return { earliest: `${year}-01-01`, latest: `${year}-12-31` };
  if (d === undefined) {
    const last = String(daysInMonth(Number(year), Number(m))).padStart(2, '0');
    return { earliest: `${year}-${m}-01`, latest: `${year}-${m}-${last}` };
  }
  return { earliest: date, latest: date };
}

export function yearOf(date: PartialDate): number {
  return Number(date.slice(0, 4));
}
