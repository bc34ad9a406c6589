import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { foldDiacritics } from './fold-diacritics.ts';
import { vietnameseLowercaseLetters } from './vietnamese-alphabet.ts';
import { anyText } from './vietnamese-arbitraries.test-support.ts';

const vietnameseLetter = fc
  .record({ letter: fc.constantFrom(...vietnameseLowercaseLetters), upper: fc.boolean() })
  .map(({ letter, upper }) => (upper ? letter.toUpperCase() : letter));

describe('foldDiacritics', () => {
  it('removes tone and vowel marks and maps đ to d, keeping case', () => {
    expect(foldDiacritics('Nguyễn Thị Ánh Đào')).toBe('Nguyen Thi Anh Dao');
    expect(foldDiacritics('ĐẶNG ƯỚC ỞỢỄ đường')).toBe('DANG UOC OOE duong');
    expect(foldDiacritics('Nguye\u0302\u0303n')).toBe('Nguyen');
  });

  it('leaves ASCII text unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
        (s) => foldDiacritics(s) === s,
      ),
    );
  });

  it('never leaves a combining diacritic or đ/Đ, and returns NFC', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const folded = foldDiacritics(s);
        expect(folded).not.toMatch(/[\u0300-\u036fđĐ]/);
        expect(folded.normalize('NFC')).toBe(folded);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(fc.property(anyText, (s) => foldDiacritics(foldDiacritics(s)) === foldDiacritics(s)));
  });

  it('turns each Vietnamese letter into exactly one ASCII letter', () => {
    fc.assert(
      fc.property(fc.array(vietnameseLetter), (letters) => {
        const word = letters.join('');
        const folded = foldDiacritics(word.normalize('NFD'));
        expect(folded).toHaveLength(word.normalize('NFC').length);
        expect(folded).toMatch(/^[a-zA-Z]*$/);
      }),
    );
  });
});
