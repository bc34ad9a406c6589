import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInsuranceInput } from './insurance-input.ts';

const kindOf = (input: unknown) => {
  const result = parseInsuranceInput(input);
  return result.ok ? result.value.kind : result.errors[0].code;
};

describe('parseInsuranceInput', () => {
  it('recognises a BHYT card, a BHXH number and a CCCD by their shape', () => {
    expect(parseInsuranceInput('hc4010123456789')).toMatchObject({
      ok: true,
      value: { kind: 'bhyt-card', card: { code: 'HC4010123456789', bhxhNumber: '0123456789' } },
    });
    expect(parseInsuranceInput('0123 456 789')).toEqual({
      ok: true,
      value: { kind: 'bhxh-number', bhxhNumber: '0123456789' },
      warnings: [],
    });
    expect(parseInsuranceInput('001.099.012.345')).toMatchObject({
      ok: true,
      value: { kind: 'personal-id', personalId: { kind: 'cccd', value: '001099012345', birthYear: 1999 } },
    });
  });

  it('passes on the warnings of the identifier it recognised', () => {
    const result = parseInsuranceInput('ZZ4010123456789');
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(['bhyt-card-unknown-group']);
  });

  it('reports a 15-character input that is not a valid card with the card error', () => {
    expect(kindOf('DN7010123456789')).toBe('bhyt-card-benefit-level');
  });

  it('refuses a legacy CMND and other shapes, naming the three accepted forms', () => {
    expect(kindOf('012345678')).toBe('insurance-input-unrecognized');
    expect(kindOf('01234567890')).toBe('insurance-input-unrecognized');
    expect(kindOf('0123456789012')).toBe('insurance-input-unrecognized');
    expect(kindOf('')).toBe('insurance-input-required');
    expect(kindOf(undefined)).toBe('insurance-input-required');
    const result = parseInsuranceInput('12345');
    expect(result.ok ? '' : result.errors[0].message).toContain('15 ký tự');
  });

  it('round-trips each generated identifier to its own kind', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), fc.constantFrom('DN', 'HT', 'TE'), (digits, group) => {
        expect(kindOf(digits)).toBe('bhxh-number');
        expect(kindOf(`001${digits.slice(0, 9)}`)).toBe('personal-id');
        expect(parseInsuranceInput(`${group}401${digits}`)).toMatchObject({
          ok: true,
          value: { kind: 'bhyt-card', card: { bhxhNumber: digits } },
        });
      }),
    );
  });

  it('never throws and always returns a result, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^[A-Z0-9]{9,16}$/)), (input) => {
        expect(typeof parseInsuranceInput(input).ok).toBe('boolean');
      }),
    );
  });
});
