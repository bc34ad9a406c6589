import { defineIssues, type Issue } from '../errors/issue.ts';
import { formatPartialDate } from './format-partial-date.ts';

const issue = defineIssues({
  'date-of-birth-in-future': 'Ngày sinh {born} ở sau hôm nay ({today}). Kiểm tra lại ngày sinh.',
});

/**
 * The problem with a (partial) birth date after `today` (yyyy-mm-dd), compared at the date's own precision (`2027`
 * and `2026-12-21` are after 07/12/2026, `2026-12` is not); undefined when there is none. Dates in the message are
 * as people read them.
 */
export function birthDateAfterToday(born: string, today: string, path?: string): Issue | undefined {
  if (born === '' || born.slice(0, today.length) <= today.slice(0, born.length)) return undefined;
  return issue(
    'date-of-birth-in-future',
    { born: formatPartialDate(born), today: formatPartialDate(today) },
    path,
  );
}
