import { describe, expect, it } from 'vitest';
import { formatDateTime, formatPartialDate, localIsoDate } from './format-date.ts';

describe('dates shown as dd/mm/yyyy', () => {
  it('shows a partial date with the precision it has', () => {
    expect(formatPartialDate('1988-07-01')).toBe('01/07/1988');
    expect(formatPartialDate('1988-07')).toBe('07/1988');
    expect(formatPartialDate('1988')).toBe('1988');
  });

  it('shows anything that is not an ISO date unchanged rather than guessing', () => {
    expect(formatPartialDate('01/07/1988')).toBe('01/07/1988');
  });

  it('shows a date-time in local time and a local calendar date', () => {
    const at = new Date(2026, 0, 5, 7, 3);
    expect(formatDateTime(at.toISOString())).toBe('05/01/2026 07:03');
    expect(localIsoDate(at)).toBe('2026-01-05');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
