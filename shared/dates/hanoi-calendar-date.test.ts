import { describe, expect, it } from 'vitest';
import { hanoiCalendarDate } from './hanoi-calendar-date.ts';

describe('the calendar date in Hà Nội', () => {
  it('turns at midnight in Hà Nội (17:00 UTC), not at midnight UTC', () => {
    expect(hanoiCalendarDate(new Date('2026-11-26T16:59:59.999Z'))).toBe('2026-11-26');
    expect(hanoiCalendarDate(new Date('2026-11-26T17:00:00.000Z'))).toBe('2026-11-27');
    expect(hanoiCalendarDate(new Date('2026-12-31T20:00:00.000Z'))).toBe('2027-01-01');
  });
});
