import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { cleanText } from './clean-text.ts';
import { compoundSurnames, joinNameParts, splitFullName } from './split-full-name.ts';
import { anyText, fullName, messySpelling } from './vietnamese-arbitraries.test-support.ts';

describe('splitFullName', () => {
  it.each([
    ['Nguyễn Văn A', { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'A' }],
    ['Trần Thị Minh Hằng', { familyName: 'Trần', middleName: 'Thị Minh', givenName: 'Hằng' }],
    ['Lê Lợi', { familyName: 'Lê', middleName: '', givenName: 'Lợi' }],
    ['Tôn Nữ Thị Hoa', { familyName: 'Tôn Nữ', middleName: 'Thị', givenName: 'Hoa' }],
    ['Công Tằng Tôn Nữ Diệu Hạnh', { familyName: 'Công Tằng Tôn Nữ', middleName: 'Diệu', givenName: 'Hạnh' }],
    ['Âu Dương Phong', { familyName: 'Âu Dương', middleName: '', givenName: 'Phong' }],
    ['Y-Moan Êban', { familyName: 'Y-Moan', middleName: '', givenName: 'Êban' }],
    ["H'Hen Niê", { familyName: "H'Hen", middleName: '', givenName: 'Niê' }],
  ])('splits %s into họ, tên đệm and tên', (name, parts) => {
    expect(splitFullName(name)).toEqual({ ok: true, value: parts, warnings: [] });
  });

  it('cleans the name first: spaces, NFD, zero-width characters', () => {
    const result = splitFullName('  nguye\u0302\u0303n \u200b  văn\tan ');
    expect(result).toEqual({
      ok: true,
      value: { familyName: 'nguyễn', middleName: 'văn', givenName: 'an' },
      warnings: [],
    });
  });

  it('takes a compound surname only when a word is left for the tên', () => {
    expect(splitFullName('Tôn Nữ')).toMatchObject({
      ok: true,
      value: { familyName: 'Tôn', givenName: 'Nữ' },
    });
    expect(splitFullName('Âu Dương')).toMatchObject({
      ok: true,
      value: { familyName: 'Âu', givenName: 'Dương' },
    });
    expect(splitFullName('Công Tằng Tôn Nữ Hạnh')).toMatchObject({
      ok: true,
      value: { familyName: 'Công Tằng Tôn Nữ', middleName: '', givenName: 'Hạnh' },
    });
  });

  it('reads Nguyễn Phúc as họ and tên đệm, the common case', () => {
    expect(splitFullName('Nguyễn Phúc Thành')).toMatchObject({
      ok: true,
      value: { familyName: 'Nguyễn', middleName: 'Phúc', givenName: 'Thành' },
    });
  });

  it('recognises a compound surname whatever its case or tone placement', () => {
    expect(splitFullName('TÔN THẤT THUYẾT')).toMatchObject({ ok: true, value: { familyName: 'TÔN THẤT' } });
    expect(splitFullName('Hoàng Phủ Ngọc Tường')).toMatchObject({
      ok: true,
      value: { familyName: 'Hoàng Phủ' },
    });
  });

  it('treats a one-word name as a tên with no họ', () => {
    expect(splitFullName('Hùng')).toEqual({
      ok: true,
      value: { familyName: '', middleName: '', givenName: 'Hùng' },
      warnings: [],
    });
  });

  it.each([[''], ['   '], ['\u200b\ufeff'], ["- '"], [undefined], [null], [42], [{ name: 'An' }]])(
    'rejects %j as an empty name',
    (input) => {
      const result = splitFullName(input, 'fullName');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'full-name-empty', path: 'fullName' });
    },
  );

  it.each(['Nguyễn Văn 2', 'Lê Thị B.', 'Trần_An', 'An@home', 'Phạm (Hải)'])(
    'rejects %s for its digits or symbols and names them',
    (input) => {
      const result = splitFullName(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors[0].code).toBe('full-name-characters');
        expect(result.errors[0].message).toContain(input);
      }
    },
  );

  it('lists compound surnames as words of the cleaned, NFC form', () => {
    for (const surname of compoundSurnames) expect(cleanText(surname)).toBe(surname);
  });

  it('gives back the cleaned name when the parts are joined again', () => {
    const anyName = fc.oneof(
      fullName,
      fc.tuple(fc.constantFrom(...compoundSurnames), fullName).map(([surname, rest]) => `${surname} ${rest}`),
    );
    fc.assert(
      fc.property(
        anyName.chain((name) => messySpelling(name)),
        (typed) => {
          const result = splitFullName(typed);
          expect(result.ok).toBe(true);
          if (result.ok) expect(joinNameParts(result.value)).toBe(cleanText(typed));
        },
      ),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (input) => typeof splitFullName(input).ok === 'boolean'));
    fc.assert(fc.property(anyText, (input) => typeof splitFullName(input).ok === 'boolean'));
  });
});

describe('joinNameParts', () => {
  it('skips an empty tên đệm or họ and cleans the edited parts', () => {
    expect(joinNameParts({ familyName: 'Lê', middleName: '', givenName: 'Lợi' })).toBe('Lê Lợi');
    expect(joinNameParts({ familyName: '', middleName: '', givenName: 'Hùng' })).toBe('Hùng');
    expect(joinNameParts({ familyName: ' Trần ', middleName: 'Thị  Minh', givenName: 'Hằng\n' })).toBe(
      'Trần Thị Minh Hằng',
    );
  });
});
