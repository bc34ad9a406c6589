import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBhxhNumber } from './bhxh-number.ts';

const codeOf = (input: unknown) => {
  const result = parseBhxhNumber(input);
  return result.ok ? 'ok' : result.errors[0].code;
};

describe('parseBhxhNumber', () => {
  it('accepts ten digits, ignoring spaces and dots', () => {
    expect(parseBhxhNumber('01 2345.6789')).toEqual({ ok: true, value: '0123456789', warnings: [] });
  });

  it('rejects anything that is not exactly ten digits', () => {
    expect(codeOf('012345678')).toBe('bhxh-number-format');
    expect(codeOf('01234567890')).toBe('bhxh-number-format');
    expect(codeOf('012345678O')).toBe('bhxh-number-format');
    expect(codeOf('')).toBe('bhxh-number-required');
    expect(codeOf(123456789)).toBe('bhxh-number-required');
  });

  it('never throws and always returns a result, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string()), (input) => {
        expect(typeof parseBhxhNumber(input).ok).toBe('boolean');
      }),
    );
  });

  it('round-trips every ten-digit number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), (digits) => {
        expect(parseBhxhNumber(digits)).toEqual({ ok: true, value: digits, warnings: [] });
      }),
    );
  });
});
