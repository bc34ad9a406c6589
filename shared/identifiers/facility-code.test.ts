import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { facilityProvince, isPlaceholderFacility, parseFacilityCode } from './facility-code.ts';

describe('parseFacilityCode', () => {
  it('accepts the codes of the regulation and upper-cases a typed lower-case letter', () => {
    for (const code of ['01032', '01I29', '01000'])
      expect(parseFacilityCode(code)).toMatchObject({ ok: true, value: code });
    expect(parseFacilityCode(' 01i29 ')).toMatchObject({ ok: true, value: '01I29' });
  });

  it('refuses other shapes with a stable code and a Vietnamese message', () => {
    for (const code of ['0103', '010321', 'AB032', '01-32', '']) {
      const result = parseFacilityCode(code, 'facilityCode');
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.errors[0]).toMatchObject({ code: 'facility-code-format', path: 'facilityCode' });
    }
  });

  it('tells the province and the temporary-card placeholder', () => {
    const code = parseFacilityCode('01000');
    if (!code.ok) throw new Error('expected a valid code');
    expect(facilityProvince(code.value)).toBe('01');
    expect(isPlaceholderFacility(code.value)).toBe(true);
  });

  it('accepts exactly the strings of two digits and three digits or capitals', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (s) => {
        expect(parseFacilityCode(s).ok).toBe(/^\d{2}[0-9A-Z]{3}$/.test(s.trim().toUpperCase()));
      }),
    );
  });

  it('answers anything that is not text (a number, null, an object) with the format issue, never a crash', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((value) => typeof value !== 'string'),
        (value) => {
          expect(parseFacilityCode(value)).toMatchObject({
            ok: false,
            errors: [{ code: 'facility-code-format' }],
          });
        },
      ),
    );
  });
});
