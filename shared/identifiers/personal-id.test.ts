import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors/result.ts';
import { parsePartialDate } from '../dates/partial-date.ts';
import { provinces } from '../reference-data/provinces.generated.ts';
import { parsePersonalId } from './personal-id.ts';

const dob = (text: string) => unwrap(parsePartialDate(text));
const warningCodes = (input: unknown, context?: Parameters<typeof parsePersonalId>[1]) => {
  const result = parsePersonalId(input, context);
  return result.ok ? result.warnings.map((w) => w.code) : ['not ok'];
};

describe('parsePersonalId', () => {
  it('decodes province, century, sex and birth year of a 12-digit CCCD', () => {
    expect(parsePersonalId('001099012345')).toEqual({
      ok: true,
      value: {
        kind: 'cccd',
        value: '001099012345',
        registrationCode: '001',
        provinceCode: '01',
        sex: 'male',
        birthYear: 1999,
      },
      warnings: [],
    });
    const woman2005 = unwrap(parsePersonalId('079305123456'));
    expect(woman2005).toMatchObject({ provinceCode: '79', sex: 'female', birthYear: 2005 });
  });

  it('maps every century digit to its century and sex', () => {
    const expected = [
      [1900, 'male'],
      [1900, 'female'],
      [2000, 'male'],
      [2000, 'female'],
      [2100, 'male'],
      [2100, 'female'],
      [2200, 'male'],
      [2200, 'female'],
      [2300, 'male'],
      [2300, 'female'],
    ] as const;
    expected.forEach(([century, sex], g) => {
      expect(unwrap(parsePersonalId(`001${g}07123456`))).toMatchObject({ birthYear: century + 7, sex });
    });
  });

  it('reads a 9-digit number as a legacy CMND', () => {
    expect(parsePersonalId('012345678')).toEqual({
      ok: true,
      value: { kind: 'cmnd', value: '012345678' },
      warnings: [],
    });
  });

  it('ignores spaces and dots people type between digit groups', () => {
    expect(unwrap(parsePersonalId(' 001.099 012\u00a0345 ')).value).toBe('001099012345');
  });

  it('rejects non-digits, wrong lengths, empty text and non-strings with distinct codes', () => {
    const codeOf = (input: unknown) => {
      const result = parsePersonalId(input);
      return result.ok ? 'ok' : result.errors[0].code;
    };
    expect(codeOf('00109901234A')).toBe('personal-id-non-digit');
    expect(codeOf('0010990123')).toBe('personal-id-length');
    expect(codeOf('0010990123456')).toBe('personal-id-length');
    expect(codeOf('  ')).toBe('personal-id-required');
    expect(codeOf(1099012345)).toBe('personal-id-required');
    expect(codeOf(null)).toBe('personal-id-required');
  });

  it('puts the field path on its issues', () => {
    const result = parsePersonalId('abc', { path: 'personalId' });
    expect(result.ok ? undefined : result.errors[0].path).toBe('personalId');
  });

  it('warns, without failing, when the birth-registration code is not a province', () => {
    expect(warningCodes('099099012345')).toEqual(['personal-id-unknown-province']);
    expect(warningCodes('101099012345')).toEqual(['personal-id-unknown-province']);
    expect(unwrap(parsePersonalId('101099012345'))).toMatchObject({
      registrationCode: '101',
      provinceCode: null,
    });
  });

  it('accepts province codes that only exist since the 2025 reform and those abolished by it', () => {
    expect(warningCodes('002099012345')).toEqual([]); // Hà Giang, merged in 2025
    expect(warningCodes('015099012345')).toEqual([]);
  });

  it('warns when the birth year lies after the year of the given date', () => {
    expect(warningCodes('001230012345', { onDate: '2029-05-01' })).toEqual([
      'personal-id-birth-year-in-future',
    ]);
    expect(warningCodes('001230012345', { onDate: '2030-01-01' })).toEqual([]);
    expect(warningCodes('001230012345')).toEqual([]);
  });

  it('warns when the birth year disagrees with the recorded date of birth, at any precision', () => {
    expect(warningCodes('001099012345', { dateOfBirth: dob('1998-12-31') })).toEqual([
      'personal-id-birth-year-mismatch',
    ]);
    expect(warningCodes('001099012345', { dateOfBirth: dob('1999') })).toEqual([]);
    expect(warningCodes('001099012345', { dateOfBirth: dob('1999-03') })).toEqual([]);
  });

  it('warns when the sex digit disagrees with the recorded sex, but not when the sex is unknown', () => {
    expect(warningCodes('001099012345', { sex: 'female' })).toEqual(['personal-id-sex-mismatch']);
    expect(warningCodes('001199012345', { sex: 'female' })).toEqual([]);
    expect(warningCodes('001199012345', { sex: 'unknown' })).toEqual([]);
    const result = parsePersonalId('001099012345', { sex: 'female' });
    expect(result.ok && result.warnings[0]?.message).toContain('nam');
  });

  it('never checks the CMND against the record', () => {
    expect(
      warningCodes('012345678', { sex: 'female', dateOfBirth: dob('1950'), onDate: '1900-01-01' }),
    ).toEqual([]);
  });

  it('never throws and always returns a result, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^[\d .]{0,16}$/)), (input) => {
        const result = parsePersonalId(input);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('round-trips every well-formed CCCD', () => {
    const codes = provinces.map((p) => `0${p.code}`);
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 99 }),
        fc.stringMatching(/^\d{6}$/),
        (ppp, g, yy, rest) => {
          const value = `${ppp}${g}${String(yy).padStart(2, '0')}${rest}`;
          const result = parsePersonalId(value);
          expect(result).toEqual({
            ok: true,
            value: {
              kind: 'cccd',
              value,
              registrationCode: ppp,
              provinceCode: ppp.slice(1),
              sex: g % 2 === 0 ? 'male' : 'female',
              birthYear: 1900 + Math.floor(g / 2) * 100 + yy,
            },
            warnings: [],
          });
        },
      ),
    );
  });
});
