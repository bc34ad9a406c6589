import { describe, expect, it } from 'vitest';
import type { Result } from '#shared/errors/result.ts';
import { importedDate, importedPersonalId, importedPhone, importedSex } from './imported-values.ts';

const value = <T>(read: Result<T>) => (read.ok ? read.value : undefined);
const code = <T>(read: Result<T>) => (read.ok ? undefined : read.errors[0].code);
const warnings = <T>(read: Result<T>) => (read.ok ? read.warnings.map((w) => w.code) : []);

describe('imported cells', () => {
  it('read dates as lists write them: dd/mm/yyyy, d-m-yyyy, mm/yyyy, a year, ISO from a date cell, an Excel serial', () => {
    expect(value(importedDate('21/03/1950'))).toBe('1950-03-21');
    expect(value(importedDate('1-2-2021'))).toBe('2021-02-01');
    expect(value(importedDate('05.11.1988'))).toBe('1988-11-05');
    expect(value(importedDate('03/1950'))).toBe('1950-03');
    expect(value(importedDate('1950'))).toBe('1950');
    expect(value(importedDate('2021-07-15'))).toBe('2021-07-15');
    expect(value(importedDate('2021-07-15T00:00'))).toBe('2021-07-15');
    // Serials as Excel counts them (45000 is 15/03/2023, 32813 is 01/11/1989; a time of day is dropped).
    expect(value(importedDate('45000'))).toBe('2023-03-15');
    expect(value(importedDate('32813.5'))).toBe('1989-11-01');
  });

  it('refuse a date that cannot be, one with a two-digit year, and one that is not a date', () => {
    expect(code(importedDate('31/02/2021'))).toBe('imported-date-impossible');
    expect(code(importedDate('13/2021'))).toBe('imported-date-impossible');
    expect(code(importedDate('21/03/50'))).toBe('imported-date-two-digit-year');
    expect(code(importedDate('hôm qua'))).toBe('imported-date-format');
    expect(code(importedDate('999999'))).toBe('imported-date-format');
    const refused = importedDate('31/02/2021', 'Ngày sinh');
    expect(refused.ok ? undefined : refused.errors[0]).toMatchObject({
      path: 'Ngày sinh',
      message: expect.stringContaining('31/02/2021') as unknown,
    });
  });

  it('restore a CCCD’s or CMND’s leading zero where only one reading is possible, and flag it', () => {
    // Ten digits: two zeros gone, or a typo; not guessed.
    expect(code(importedPersonalId('1085012345'))).toBe('imported-id-zero-ambiguous');
    const restored = importedPersonalId('01085012345');
    expect(value(restored)).toMatchObject({ kind: 'cccd', value: '001085012345' });
    // 11 digits starting with a province code: the zero was dropped.
    const hanoi = importedPersonalId('01190054321');
    expect(value(hanoi)).toMatchObject({ value: '001190054321' });
    expect(warnings(hanoi)).toContain('imported-id-zero-restored');
    // 11 digits that are no province: not guessed.
    expect(code(importedPersonalId('99190054321'))).toBe('imported-id-zero-ambiguous');
    // A CMND of 8 digits: its zero back.
    expect(value(importedPersonalId('12345678'))).toEqual({ kind: 'cmnd', value: '012345678' });
    // Whole numbers as typed, with separators or Excel's text mark.
    expect(value(importedPersonalId("'001 190 054 321"))).toMatchObject({ value: '001190054321' });
    expect(warnings(importedPersonalId('001190054321'))).not.toContain('imported-id-zero-restored');
  });

  it('refuse a number Excel turned into a power of ten', () => {
    expect(code(importedPersonalId('1,08501E+11'))).toBe('imported-id-scientific');
    expect(code(importedPersonalId('1.085E11'))).toBe('imported-id-scientific');
  });

  it('read sex as words, letters or QĐ 130’s codes', () => {
    expect(['Nam', 'nam', 'NỮ', 'Nu', 'F', '1', '2', 'Khác'].map((text) => value(importedSex(text)))).toEqual(
      ['male', 'male', 'female', 'female', 'female', 'male', 'female', 'unknown'],
    );
    expect(code(importedSex('x'))).toBe('imported-sex-unknown');
  });

  it('restore a phone number’s leading zero and accept +84, refusing what is no number', () => {
    const mobile = importedPhone('912345678');
    expect(value(mobile)).toBe('0912345678');
    expect(warnings(mobile)).toEqual(['imported-phone-zero-restored']);
    expect(value(importedPhone('+84 912 345 678'))).toBe('0912345678');
    expect(warnings(importedPhone('0912.345.678'))).toEqual([]);
    expect(value(importedPhone('2438251234'))).toBe('02438251234');
    expect(code(importedPhone('12345'))).toBe('imported-phone-format');
  });
});
