import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { NameParts } from './split-full-name.ts';
import { anyText, spellSyllable, syllable, syllableShape } from './vietnamese-arbitraries.test-support.ts';
import {
  comparePeople,
  compareVietnamese,
  personSortKey,
  SORT_KEY_MAX_LENGTH,
  viSortKey,
} from './vietnamese-collation.ts';

function byKey(key: (s: string) => string): (a: string, b: string) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

function person(familyName: string, middleName: string, givenName: string): NameParts {
  return { familyName, middleName, givenName };
}

// Lowercase words of one to three syllables, tones placed the modern way (the generator's syllables are fixed
// points of canonicalizeTonePlacement; viSortKey ignores tone placement where ICU does not).
const phrase = fc.array(syllable, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));

describe('compareVietnamese', () => {
  it('orders letters and tones as a Vietnamese dictionary', () => {
    expect(['Bình', 'An', 'Ánh', 'Ân', 'Đào', 'Dũng'].sort(compareVietnamese)).toEqual([
      'An',
      'Ánh',
      'Ân',
      'Bình',
      'Dũng',
      'Đào',
    ]);
  });
});

describe('viSortKey', () => {
  it('sorts names in Vietnamese dictionary order', () => {
    expect(['Bình', 'An', 'Ánh', 'Ân', 'Đào', 'Dũng'].sort(byKey(viSortKey))).toEqual([
      'An',
      'Ánh',
      'Ân',
      'Bình',
      'Dũng',
      'Đào',
    ]);
  });

  it('orders tones none, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(['mạ', 'má', 'mã', 'mả', 'mà', 'ma'].sort(byKey(viSortKey))).toEqual([
      'ma',
      'mà',
      'mả',
      'mã',
      'má',
      'mạ',
    ]);
  });

  it('orders every letter of the alphabet after its plain form: a ă â, d đ, e ê, o ô ơ, u ư', () => {
    const alphabet = 'a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y'.split(' ');
    expect([...alphabet].reverse().sort(byKey(viSortKey))).toEqual(alphabet);
  });

  it('ignores case, spacing, NFC/NFD and tone placement', () => {
    expect(viSortKey('HOÀ')).toBe(viSortKey('hòa'));
    expect(viSortKey(' Nguyễn  Thị'.normalize('NFD'))).toBe(viSortKey('nguyễn thị'));
  });

  it('produces printable ASCII only', () => {
    fc.assert(fc.property(anyText, (s) => /^[\x20-\x7e]*$/.test(viSortKey(s))));
  });

  it('keeps keys within 300 characters', () => {
    expect(viSortKey('Nguyễn '.repeat(100))).toHaveLength(SORT_KEY_MAX_LENGTH);
  });

  it('agrees with Intl.Collator("vi") on words built from Vietnamese syllables', () => {
    fc.assert(
      fc.property(phrase, phrase, (a, b) => {
        expect(Math.sign(byKey(viSortKey)(a, b))).toBe(Math.sign(compareVietnamese(a, b)));
      }),
    );
  });

  it('agrees with Intl.Collator("vi") on words that differ only in their tones', () => {
    const tones = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(syllableShape, { minLength: 1, maxLength: 3 }),
        tones,
        tones,
        (shapes, tonesA, tonesB) => {
          const a = shapes.map((shape, i) => spellSyllable(shape, tonesA[i] ?? 0)).join(' ');
          const b = shapes.map((shape, i) => spellSyllable(shape, tonesB[i] ?? 0)).join(' ');
          expect(Math.sign(byKey(viSortKey)(a, b))).toBe(Math.sign(compareVietnamese(a, b)));
        },
      ),
    );
  });

  it('agrees with Intl.Collator("vi") when sorting lists of such words', () => {
    fc.assert(
      fc.property(fc.array(phrase, { maxLength: 20 }), (words) => {
        expect([...words].sort(byKey(viSortKey))).toEqual([...words].sort(compareVietnamese));
      }),
    );
  });
});

describe('personSortKey and comparePeople', () => {
  const people = [
    person('Lê', 'Thị', 'Bình'),
    person('Trần', 'Văn', 'An'),
    person('Nguyễn', 'Văn', 'An'),
    person('Phạm', '', 'An'),
    person('Đỗ', 'Thị', 'Ánh'),
  ];
  const expected = ['Phạm An', 'Nguyễn Văn An', 'Trần Văn An', 'Đỗ Thị Ánh', 'Lê Thị Bình'];
  const fullNames = (list: readonly NameParts[]): string[] =>
    list.map((p) => [p.familyName, p.middleName, p.givenName].filter((w) => w !== '').join(' '));

  it('sorts people by tên, then tên đệm, then họ', () => {
    expect(fullNames([...people].sort(comparePeople))).toEqual(expected);
    const byPersonKey = (a: NameParts, b: NameParts): number =>
      byKey((s) => s)(personSortKey(a), personSortKey(b));
    expect(fullNames([...people].sort(byPersonKey))).toEqual(expected);
  });

  it('puts Trần Văn An before Lê Thị Bình', () => {
    expect(comparePeople(person('Trần', 'Văn', 'An'), person('Lê', 'Thị', 'Bình'))).toBeLessThan(0);
    expect(personSortKey(person('Trần', 'Văn', 'An')) < personSortKey(person('Lê', 'Thị', 'Bình'))).toBe(
      true,
    );
  });

  it('orders generated people the same way by key as by comparePeople', () => {
    const somebody = fc
      .tuple(syllable, fc.option(phrase, { nil: '' }), syllable)
      .map(([f, m, g]) => person(f, m, g));
    fc.assert(
      fc.property(somebody, somebody, (a, b) => {
        const byKeys = personSortKey(a) < personSortKey(b) ? -1 : personSortKey(a) > personSortKey(b) ? 1 : 0;
        expect(byKeys).toBe(Math.sign(comparePeople(a, b)));
      }),
    );
  });

  it('keeps person keys within 300 characters', () => {
    const long = 'Nguyễn '.repeat(60);
    expect(personSortKey(person(long, long, long)).length).toBeLessThanOrEqual(SORT_KEY_MAX_LENGTH);
  });
});
