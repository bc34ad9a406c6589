import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePartialDate, type PartialDate } from '../dates/partial-date.ts';
import { unwrap } from '../errors/result.ts';
import { ageOn } from './age.ts';

const dob = (text: string): PartialDate => unwrap(parsePartialDate(text));

describe('ageOn', () => {
  it('gives the exact age and completed months for a full date of birth', () => {
    expect(ageOn(dob('2023-05-20'), '2025-03-19')).toEqual({
      ok: true,
      value: { minYears: 1, maxYears: 1, exact: true, months: 21 },
      warnings: [],
    });
    expect(unwrap(ageOn(dob('1950-03-21'), '2025-03-21'))).toEqual({
      minYears: 75,
      maxYears: 75,
      exact: true,
      months: 900,
    });
    expect(unwrap(ageOn(dob('1950-03-21'), '2025-03-20'))).toMatchObject({ minYears: 74, maxYears: 74 });
  });

  it('is zero on the day of birth', () => {
    expect(unwrap(ageOn(dob('2025-01-31'), '2025-01-31'))).toEqual({
      minYears: 0,
      maxYears: 0,
      exact: true,
      months: 0,
    });
  });

  it('turns a person born on 29 February a year older on 28 February of a common year', () => {
    expect(unwrap(ageOn(dob('2020-02-29'), '2021-02-28'))).toMatchObject({ minYears: 1, months: 12 });
    expect(unwrap(ageOn(dob('2020-02-29'), '2021-02-27'))).toMatchObject({ minYears: 0, months: 11 });
  });

  it('gives a range for a date of birth known only to the year', () => {
    expect(unwrap(ageOn(dob('1950'), '2025-06-15'))).toEqual({ minYears: 74, maxYears: 75, exact: false });
    expect(unwrap(ageOn(dob('1950'), '2025-12-31'))).toEqual({ minYears: 75, maxYears: 75, exact: true });
    expect(unwrap(ageOn(dob('1950'), '2025-01-01'))).toEqual({ minYears: 74, maxYears: 75, exact: false });
  });

  it('gives a range for a date of birth known only to the month', () => {
    expect(unwrap(ageOn(dob('2000-03'), '2025-03-15'))).toEqual({ minYears: 24, maxYears: 25, exact: false });
    expect(unwrap(ageOn(dob('2000-03'), '2025-04-01'))).toEqual({ minYears: 25, maxYears: 25, exact: true });
  });

  it('counts a day inside the birth year or month as age zero, not an error', () => {
    expect(unwrap(ageOn(dob('2025'), '2025-06-01'))).toEqual({ minYears: 0, maxYears: 0, exact: true });
  });

  it('refuses a date before the birth and a date that is not a full day', () => {
    const codeOf = (birth: string, on: string) => {
      const result = ageOn(dob(birth), on);
      return result.ok ? 'ok' : result.errors[0].code;
    };
    expect(codeOf('2025-03-21', '2025-03-20')).toBe('age-before-birth');
    expect(codeOf('2025', '2024-12-31')).toBe('age-before-birth');
    expect(codeOf('2000', '2025-03')).toBe('age-on-date-format');
    expect(codeOf('2000', '2025-02-30')).toBe('age-on-date-format');
  });

  it('keeps minYears ≤ maxYears and grows by one year per year elapsed', () => {
    const births = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2100-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10))
      .filter((d) => !d.endsWith('-02-29')); // the 29 February rule has its own example above
    fc.assert(
      fc.property(
        births,
        fc.constantFrom(4, 7, 10),
        fc.integer({ min: 0, max: 120 }),
        (birth, length, years) => {
          const onDate = `${String(Number(birth.slice(0, 4)) + years)}${birth.slice(4)}`;
          const age = unwrap(ageOn(dob(birth.slice(0, length)), onDate));
          expect(age.minYears).toBeLessThanOrEqual(age.maxYears);
          expect(age.maxYears - age.minYears).toBeLessThanOrEqual(1);
          if (length === 10) expect(age).toMatchObject({ minYears: years, maxYears: years, exact: true });
          else expect(years === age.minYears || years === age.maxYears).toBe(true);
        },
      ),
    );
  });
});
