import { parsePartialDate, partialDateBounds, precisionOf, type PartialDate } from '../dates/partial-date.ts';
import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { fullMonthsBetween } from './calendar-days.ts';

/**
 * Age in completed years on a given day. A date of birth known only to the year or month gives a range
 * (`minYears`–`maxYears`); `exact` says the range is one value. `months`, the completed months of life, is given
 * only when the date of birth is known to the day (children's schedules and growth charts need it).
 */
export type Age = {
  readonly minYears: number;
  readonly maxYears: number;
  readonly exact: boolean;
  readonly months?: number;
};

const issue = defineIssues({
  'age-on-date-format':
    'Ngày tính tuổi "{onDate}" không hợp lệ. Dùng ngày đầy đủ dạng năm-tháng-ngày (2025-03-21).',
  'age-before-birth':
    'Ngày {onDate} trước ngày sinh ({dateOfBirth}). Kiểm tra lại ngày sinh hoặc ngày khám/ngày tiêm.',
});
export type AgeIssueCode = Parameters<typeof issue>[0];

/** Age on `onDate` (yyyy-mm-dd); an error when `onDate` is not a full date or precedes every possible birth day. */
export function ageOn(dateOfBirth: PartialDate, onDate: string): Result<Age, AgeIssueCode> {
  const on = parsePartialDate(onDate);
  if (!on.ok || precisionOf(on.value) !== 'day') return fail(issue('age-on-date-format', { onDate }));
  const { earliest, latest } = partialDateBounds(dateOfBirth);
  if (onDate < earliest) return fail(issue('age-before-birth', { onDate, dateOfBirth }));
  const maxYears = Math.floor(fullMonthsBetween(earliest, onDate) / 12);
  const minYears = latest > onDate ? 0 : Math.floor(fullMonthsBetween(latest, onDate) / 12);
  const exact = minYears === maxYears;
  if (precisionOf(dateOfBirth) !== 'day') return ok({ minYears, maxYears, exact });
  return ok({ minYears, maxYears, exact, months: fullMonthsBetween(dateOfBirth, onDate) });
}
