import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePartialDate, partialDateBounds, precisionOf, yearOf } from './partial-date.ts';

describe('parsePartialDate', () => {
  it.each([
    ['1950', 'year', '1950-01-01', '1950-12-31'],
    ['1988-02', 'month', '1988-02-01', '1988-02-29'],
    ['1989-02', 'month', '1989-02-01', '1989-02-28'],
    ['2024-02-29', 'day', '2024-02-29', '2024-02-29'],
  ])('accepts %s with %s precision and bounds %s – %s', (input, precision, earliest, latest) => {
    const result = parsePartialDate(input);
    if (!result.ok) throw new Error(result.errors[0].message);
    expect(precisionOf(result.value)).toBe(precision);
    expect(partialDateBounds(result.value)).toEqual({ earliest, latest });
    expect(yearOf(result.value)).toBe(Number(input.slice(0, 4)));
  });

  it('explains a missing date and shows a refused one as typed (dd/mm/yyyy), never as stored', () => {
    expect(parsePartialDate('  ', 'dateOfBirth')).toMatchObject({
      ok: false,
      errors: [{ code: 'partial-date-missing', path: 'dateOfBirth' }],
    });
    const refused = parsePartialDate('2023-02-29');
    expect(refused.ok ? '' : refused.errors[0].message).toBe(
      'Ngày "29/02/2023" không tồn tại trong lịch. Kiểm tra lại ngày và tháng.',
    );
    const badFormat = parsePartialDate('1950-3-21');
    expect(badFormat.ok ? '' : badFormat.errors[0].message).toContain('"21/3/1950"');
    expect(badFormat.ok ? '' : badFormat.errors[0].message).not.toMatch(/\d{4}-\d{2}/);
  });

  it.each([
    ['năm 1950', 'partial-date-format', 'năm 1950'],
    ['21/03/1950', 'partial-date-format', '21/03/1950'],
    ['1950-3-21', 'partial-date-format', '21/3/1950'],
    ['2023-02-29', 'partial-date-out-of-range', '29/02/2023'],
    ['1950-13', 'partial-date-out-of-range', '13/1950'],
    ['1799', 'partial-date-out-of-range', '1799'],
  ])('refuses %s with %s and a Vietnamese message showing it as %s', (input, code, shown) => {
    const result = parsePartialDate(input, 'dateOfBirth');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ code, path: 'dateOfBirth' });
    expect(result.errors[0].message).toContain(`"${shown}"`);
  });

  it('accepts every real calendar day and its month and year, and bounds contain the date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1800-01-01'), max: new Date('2299-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          for (const text of [iso, iso.slice(0, 7), iso.slice(0, 4)]) {
            const result = parsePartialDate(text);
            expect(result.ok).toBe(true);
            if (result.ok) {
              const { earliest, latest } = partialDateBounds(result.value);
              expect(earliest <= iso && iso <= latest).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(typeof parsePartialDate(s).ok).toBe('boolean');
      }),
    );
  });

  it('answers anything that is not text with the format issue, never a crash', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((value) => typeof value !== 'string' && value !== undefined && value !== null),
        (value) => {
          expect(parsePartialDate(value)).toMatchObject({
            ok: false,
            errors: [{ code: 'partial-date-format' }],
          });
        },
      ),
    );
  });
});
