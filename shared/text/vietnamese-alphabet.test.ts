import { describe, expect, it } from 'vitest';

import {
  toneMarks,
  toneRank,
  vietnameseAlphabet,
  vietnameseLowercaseLetters,
} from './vietnamese-alphabet.ts';

describe('vietnamese alphabet tables', () => {
  it('lists the 29 Vietnamese letters and f, j, w, z in dictionary order', () => {
    expect(vietnameseAlphabet.join('')).toBe('aăâbcdđeêfghijklmnoôơpqrstuưvwxyz');
    expect([...vietnameseAlphabet].sort(new Intl.Collator('vi').compare)).toEqual([...vietnameseAlphabet]);
  });

  it('ranks tones huyền, hỏi, ngã, sắc, nặng from 1 to 5 and anything else 0', () => {
    expect(['\u0300', '\u0309', '\u0303', '\u0301', '\u0323', '\u0302', 'a'].map(toneRank)).toEqual([
      1, 2, 3, 4, 5, 0, 0,
    ]);
    expect(toneMarks.map((mark) => `a${mark}`.normalize('NFC'))).toEqual(['à', 'ả', 'ã', 'á', 'ạ']);
  });

  it('lists 89 distinct precomposed lowercase letters: 17 consonants and 12 vowels in 6 tones', () => {
    expect(vietnameseLowercaseLetters).toHaveLength(89);
    expect(new Set(vietnameseLowercaseLetters).size).toBe(89);
    for (const letter of vietnameseLowercaseLetters) expect(letter).toHaveLength(1);
    expect(vietnameseLowercaseLetters).toContain('ỵ');
    expect(vietnameseLowercaseLetters).toContain('đ');
  });
});
