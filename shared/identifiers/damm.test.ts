import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dammCheckDigit, isDammValid } from './damm.ts';

describe('Damm check digit', () => {
  it('matches the published worked example (572 → 4)', () => {
    expect(dammCheckDigit('572')).toBe(4);
    expect(isDammValid('5724')).toBe(true);
    expect(isDammValid('5723')).toBe(false);
  });

  it('gives 0 for the empty prefix and for all-zero prefixes', () => {
    expect(dammCheckDigit('')).toBe(0);
    expect(dammCheckDigit('0000')).toBe(0);
  });

  it('refuses non-digits: a thrown RangeError from the generator, false from the validator', () => {
    expect(() => dammCheckDigit('12a')).toThrow(RangeError);
    expect(isDammValid('12a4')).toBe(false);
    expect(isDammValid('')).toBe(false);
    expect(isDammValid('٥٧٢٤')).toBe(false);
  });

  it('validates every number it generated a check digit for', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,20}$/), (digits) => {
        expect(isDammValid(`${digits}${dammCheckDigit(digits)}`)).toBe(true);
      }),
    );
  });

  it('catches every adjacent transposition of two different digits, check digit included', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,15}$/), (digits) => {
        const valid = `${digits}${dammCheckDigit(digits)}`;
        for (let i = 0; i + 1 < valid.length; i++) {
          const a = valid.charAt(i);
          const b = valid.charAt(i + 1);
          if (a === b) continue;
          expect(isDammValid(valid.slice(0, i) + b + a + valid.slice(i + 2))).toBe(false);
        }
      }),
    );
  });
});
