import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { canonicalizeTonePlacement } from './canonical-tone-placement.ts';
import { foldDiacritics } from './fold-diacritics.ts';
import { anyText, syllable } from './vietnamese-arbitraries.test-support.ts';

// [old style, canonical style]
const SWINGING = [
  ['hoà', 'hòa'],
  ['hoá', 'hóa'],
  ['hoạ', 'họa'],
  ['toả', 'tỏa'],
  ['xoã', 'xõa'],
  ['oà', 'òa'],
  ['loè', 'lòe'],
  ['khoẻ', 'khỏe'],
  ['xoè', 'xòe'],
  ['thuý', 'thúy'],
  ['tuỳ', 'tùy'],
  ['thuỷ', 'thủy'],
  ['uỷ', 'ủy'],
  ['nguỵ', 'ngụy'],
  ['luỹ', 'lũy'],
] as const;

const UNTOUCHED = [
  ...[
    'hoàn',
    'khoảng',
    'tuyến',
    'hoạch',
    'quý',
    'quả',
    'quỳ',
    'giữa',
    'ngoài',
    'khuỷu',
    'thuở',
    'hoa',
    'Nguyễn',
  ],
  ...['quyển', 'xoáy', 'thuyền', 'khoèo', 'hoặc'],
];

describe('canonicalizeTonePlacement', () => {
  it.each(SWINGING)('moves the tone of old-style %s onto the first vowel', (oldStyle, canonical) => {
    expect(canonicalizeTonePlacement(oldStyle)).toBe(canonical);
  });

  it.each(SWINGING)('keeps the canonical spelling of %s as it is', (_, canonical) => {
    expect(canonicalizeTonePlacement(canonical)).toBe(canonical);
  });

  it.each(UNTOUCHED)('leaves %s alone: closed syllable, after q or gi, or not a swinging cluster', (word) => {
    expect(canonicalizeTonePlacement(word)).toBe(word);
  });

  it('preserves case letter by letter', () => {
    expect(canonicalizeTonePlacement('HOÀ')).toBe('HÒA');
    expect(canonicalizeTonePlacement('Hoà')).toBe('Hòa');
    expect(canonicalizeTonePlacement('ThuÝ')).toBe('ThúY');
  });

  it('works word by word in running text, NFC or NFD, and returns NFC', () => {
    expect(canonicalizeTonePlacement('Nguyễn Thị Hoà, Uỷ ban Thuỷ lợi; Hoà-Bình')).toBe(
      'Nguyễn Thị Hòa, Ủy ban Thủy lợi; Hòa-Bình',
    );
    expect(canonicalizeTonePlacement('Hoà Khoẻ'.normalize('NFD'))).toBe('Hòa Khỏe');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = canonicalizeTonePlacement(s);
        return canonicalizeTonePlacement(once) === once;
      }),
    );
  });

  it('changes nothing but where a tone sits: folding the result equals folding the input', () => {
    const oldStyleText = fc
      .array(fc.oneof(syllable, fc.constantFrom(...SWINGING.map(([oldStyle]) => oldStyle))), { minLength: 1 })
      .map((words) => words.join(' '));
    fc.assert(
      fc.property(oldStyleText, (s) => foldDiacritics(canonicalizeTonePlacement(s)) === foldDiacritics(s)),
    );
    fc.assert(
      fc.property(anyText, (s) => foldDiacritics(canonicalizeTonePlacement(s)) === foldDiacritics(s)),
    );
  });

  it('keeps syllables spelled the modern way unchanged', () => {
    fc.assert(fc.property(syllable, (word) => canonicalizeTonePlacement(word) === word));
  });
});
