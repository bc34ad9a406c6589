import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { canonicalizeTonePlacement } from './canonical-tone-placement.ts';
import {
  matchesSearchQuery,
  NAME_SEARCH_KEY_MAX_LENGTH,
  nameSearchKey,
  prefixRange,
  searchKey,
} from './search-keys.ts';
import { anyText, fullName, messySpelling } from './vietnamese-arbitraries.test-support.ts';

describe('searchKey', () => {
  it('gives one key to every spelling of a name: case, NFC/NFD, tone placement, spaces, đ', () => {
    const spellings = [
      'Nguyễn Thị Hoà',
      'nguyen thi hòa',
      'Nguyễn Thị Hoà'.normalize('NFD'),
      '  NGUYỄN  THỊ HÒA\u200b',
    ];
    for (const spelling of spellings) expect(searchKey(spelling)).toBe('nguyen thi hoa');
    expect(searchKey('Đặng Thuỳ Dương')).toBe('dang thuy duong');
  });

  it('is idempotent on any text', () => {
    fc.assert(fc.property(anyText, (s) => searchKey(searchKey(s)) === searchKey(s)));
  });

  it('does not change when the name is typed in NFD, with other spaces, or with the old tone placement', () => {
    fc.assert(
      fc.property(
        fullName.chain((name) => fc.tuple(fc.constant(name), messySpelling(name))),
        ([name, typed]) => {
          expect(searchKey(typed)).toBe(searchKey(name));
          expect(searchKey(canonicalizeTonePlacement(name))).toBe(searchKey(name));
        },
      ),
    );
  });
});

describe('nameSearchKey', () => {
  it('is the search key of the full name', () => {
    expect(nameSearchKey(' Trần  Thị Minh Hằng ')).toBe('tran thi minh hang');
  });

  it('stays within 200 UTF-16 units as a prefix of the full key, without splitting a surrogate pair', () => {
    const long = 'Nguyễn '.repeat(40);
    expect(nameSearchKey(long)).toHaveLength(NAME_SEARCH_KEY_MAX_LENGTH);
    expect(nameSearchKey('Abcd '.repeat(50))).toBe('abcd '.repeat(40).trimEnd());
    expect(searchKey(long).startsWith(nameSearchKey(long))).toBe(true);
    const astral = `${'a'.repeat(199)}𠀀b`;
    expect(nameSearchKey(astral)).toBe('a'.repeat(199));
    fc.assert(
      fc.property(
        fc.array(anyText, { maxLength: 12 }).map((parts) => parts.join('')),
        (s) => {
          const key = nameSearchKey(s);
          expect(key.length).toBeLessThanOrEqual(NAME_SEARCH_KEY_MAX_LENGTH);
          expect(searchKey(s).startsWith(key)).toBe(true);
        },
      ),
    );
  });
});

describe('matchesSearchQuery', () => {
  const key = nameSearchKey('Nguyễn Thị Hoà');

  it.each(['ng th h', 'nguyen', 'Thị Hòa', 'hoa nguyen', 'NGUYỄN THỊ HOÀ', 'h', ''])(
    'finds the name for "%s"',
    (query) => {
      expect(matchesSearchQuery(query, key)).toBe(true);
    },
  );

  it.each(['nguyen van', 'guyen', 'hoan', 'thi hoa x'])('does not find the name for "%s"', (query) => {
    expect(matchesSearchQuery(query, key)).toBe(false);
  });

  it('always finds a name by itself and by any prefix of any of its words', () => {
    fc.assert(
      fc.property(
        fullName.chain((name) =>
          fc.tuple(
            fc.constant(name),
            fc.array(
              fc.tuple(fc.nat(), fc.nat()).map(([w, n]) => {
                const words = name.split(' ');
                const word = words[w % words.length] ?? '';
                return word.slice(0, 1 + (n % word.length));
              }),
              { minLength: 1, maxLength: 3 },
            ),
          ),
        ),
        ([name, prefixes]) => {
          const nameKey = nameSearchKey(name);
          expect(matchesSearchQuery(name, nameKey)).toBe(true);
          for (const prefix of prefixes) expect(matchesSearchQuery(prefix, nameKey)).toBe(true);
          expect(matchesSearchQuery(prefixes.join(' '), nameKey)).toBe(true);
        },
      ),
    );
  });
});

describe('prefixRange', () => {
  it('bounds the keys that start with the folded query', () => {
    expect(prefixRange('Ngu')).toEqual({ gte: 'ngu', lt: 'ngv' });
    expect(prefixRange('Nguyễn T')).toEqual({ gte: 'nguyen t', lt: 'nguyen u' });
  });

  it('has no upper bound for an empty query', () => {
    expect(prefixRange('  ')).toEqual({ gte: '' });
  });

  it('holds exactly the keys that start with the folded query', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'z', ' ', 'ă', '\uffff', '😀'), maxLength: 6 });
    fc.assert(
      fc.property(text, text, (query, stored) => {
        const key = searchKey(stored);
        const { gte, lt } = prefixRange(query);
        const inRange = key >= gte && (lt === undefined || key < lt);
        expect(inRange).toBe(key.startsWith(searchKey(query)));
      }),
    );
  });
});
