import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fullMonthsBetween } from './calendar-days.ts';

const isoDates = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('calendar days', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-15', 540)).toBe('2025-07-08');
  });

  it('counts days between dates, negative when going back', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('undoes adding days by counting them', () => {
    fc.assert(
      fc.property(isoDates, fc.integer({ min: -20_000, max: 20_000 }), (date, days) => {
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
    );
  });

  it('completes a month on the same day, or on the last day of a shorter month', () => {
    expect(fullMonthsBetween('2024-01-15', '2024-02-14')).toBe(0);
    expect(fullMonthsBetween('2024-01-15', '2024-02-15')).toBe(1);
    expect(fullMonthsBetween('2023-01-31', '2023-02-28')).toBe(1);
    expect(fullMonthsBetween('2024-01-31', '2024-02-28')).toBe(0);
    expect(fullMonthsBetween('2024-01-31', '2024-02-29')).toBe(1);
    expect(fullMonthsBetween('2024-01-31', '2024-03-30')).toBe(1);
    expect(fullMonthsBetween('2020-02-29', '2021-02-28')).toBe(12);
    expect(fullMonthsBetween('2020-02-29', '2021-02-27')).toBe(11);
  });
});
