import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bhytBeneficiaryGroups } from '../reference-data/bhyt-beneficiary-groups.generated.ts';
import { provinces } from '../reference-data/provinces.generated.ts';
import { parseBhytCard } from './bhyt-card.ts';

const codeOf = (input: unknown) => {
  const result = parseBhytCard(input);
  return result.ok ? 'ok' : result.errors[0].code;
};
const warningCodes = (input: unknown) => {
  const result = parseBhytCard(input);
  return result.ok ? result.warnings.map((w) => w.code) : ['not ok'];
};

describe('parseBhytCard', () => {
  it('splits a card code into group, benefit level, province and BHXH number', () => {
    expect(parseBhytCard('DN4010123456789')).toEqual({
      ok: true,
      value: {
        code: 'DN4010123456789',
        group: 'DN',
        benefitLevel: 4,
        provinceCode: '01',
        bhxhNumber: '0123456789',
      },
      warnings: [],
    });
  });

  it('upper-cases the input and ignores spaces between the parts', () => {
    expect(parseBhytCard(' te 1 01 0123456789 ')).toMatchObject({
      ok: true,
      value: { code: 'TE1010123456789', group: 'TE', benefitLevel: 1 },
    });
  });

  it('rejects a wrong length, a bad benefit level and misplaced characters with distinct codes', () => {
    expect(codeOf('DN401012345678')).toBe('bhyt-card-length');
    expect(codeOf('DN6010123456789')).toBe('bhyt-card-benefit-level');
    expect(codeOf('DN0010123456789')).toBe('bhyt-card-benefit-level');
    expect(codeOf('D14010123456789')).toBe('bhyt-card-format');
    expect(codeOf('DN4A10123456789')).toBe('bhyt-card-format');
    expect(codeOf('DN401012345678X')).toBe('bhyt-card-format');
    expect(codeOf('')).toBe('bhyt-card-required');
    expect(codeOf({ code: 'DN4010123456789' })).toBe('bhyt-card-required');
  });

  it('warns, without failing, on a group or province missing from the reference lists', () => {
    expect(warningCodes('ZZ4010123456789')).toEqual(['bhyt-card-unknown-group']);
    expect(warningCodes('DN4990123456789')).toEqual(['bhyt-card-unknown-province']);
    expect(warningCodes('ZZ4990123456789')).toEqual([
      'bhyt-card-unknown-group',
      'bhyt-card-unknown-province',
    ]);
  });

  it('never throws and always returns a result, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^[A-Za-z0-9 ]{13,17}$/)),
        (input) => {
          expect(typeof parseBhytCard(input).ok).toBe('boolean');
        },
      ),
    );
  });

  it('round-trips every card built from known groups and provinces without warnings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bhytBeneficiaryGroups.map((g) => g.code)),
        fc.constantFrom(1, 2, 3, 4, 5),
        fc.constantFrom(...provinces.map((p) => p.code)),
        fc.stringMatching(/^\d{10}$/),
        (group, level, province, bhxh) => {
          const code = `${group}${level}${province}${bhxh}`;
          expect(parseBhytCard(code.toLowerCase())).toEqual({
            ok: true,
            value: { code, group, benefitLevel: level, provinceCode: province, bhxhNumber: bhxh },
            warnings: [],
          });
        },
      ),
    );
  });
});
