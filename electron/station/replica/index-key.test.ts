import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexKey } from './index-key.ts';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const jsCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** RxDB's indexable string: every part padded with spaces to its field's width, concatenated. */
const padded = (parts: readonly string[], widths: readonly number[]): string =>
  parts.map((part, i) => part.padEnd(widths[i] ?? 0, ' ')).join('');

// Units around every boundary of the encoding: controls, the space, ASCII edges, the 2- and 3-byte ranges,
// surrogate halves (alone and paired) and U+FFFF, RxDB's INDEX_MAX.
const edgeUnits = [
  '\u0000',
  '\u0001',
  '\t',
  '\u001f',
  ' ',
  '!',
  '0',
  'a',
  '~',
  '\u007f',
  '\u0080',
  'đ',
  '\u07ff',
  '\u0800',
  'ệ',
  '\ud83d',
  '\ude03',
  '😃',
  '\ufffd',
  '\uffff',
];

/** Field parts no longer than their widths, from edge units and from any UTF-16 units. */
function arbParts(widths: readonly number[]): fc.Arbitrary<string[]> {
  return fc.tuple(
    ...widths.map((width) =>
      fc
        .oneof(
          fc.string({ unit: fc.constantFrom(...edgeUnits), maxLength: width }),
          fc.string({ unit: fc.constantFrom(' ', 'a', '\t'), maxLength: width }),
          fc.string({ unit: 'binary', maxLength: width }),
          fc.constantFrom('\u0000'.repeat(width), '\uffff'.repeat(width), ''),
        )
        .map((s) => s.slice(0, width)),
    ),
  );
}

const arbPair = fc
  .array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 })
  .chain((widths) => fc.tuple(fc.constant(widths), arbParts(widths), arbParts(widths)));

describe('indexKey', () => {
  it("orders byte-wise exactly as JavaScript orders RxDB's padded index strings", () => {
    fc.assert(
      fc.property(arbPair, ([widths, a, b]) => {
        expect(sign(Buffer.compare(indexKey(a), indexKey(b)))).toBe(
          jsCompare(padded(a, widths), padded(b, widths)),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('gives a part and its padded form the same key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 8 }), fc.nat({ max: 8 }), (part, extra) => {
        expect(indexKey([part.padEnd(part.length + extra, ' '), 'x'])).toEqual(indexKey([part, 'x']));
      }),
    );
  });

  it('keeps keys short: no padding, one byte per ASCII unit and one per part', () => {
    expect(indexKey(['0', 'nguyen van an'.padEnd(200, ' '), 'syn3-p0000001'.padEnd(40, ' ')]).length).toBe(
      2 + 14 + 14,
    );
  });

  it('makes SQLite sort BLOB keys in JavaScript order, where TEXT sorts 😃 after U+FFFF and ignores the padding', () => {
    const values = [
      'a',
      'a b',
      'a\t',
      'a \t',
      'Đ',
      'ệ',
      '\uFFFD',
      '\uFFFF',
      '😃',
      '𠀀',
      'a😃',
      'a\uFFFF',
      '',
    ];
    const width = 4;
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (s TEXT, k BLOB)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    for (const v of values) insert.run(v, indexKey([v]));
    const byBlob = db.prepare('SELECT s FROM t ORDER BY k').pluck().all();
    const byText = db.prepare('SELECT s FROM t ORDER BY s').pluck().all();
    db.close();
    const jsOrder = [...values].sort((x, y) => jsCompare(x.padEnd(width, ' '), y.padEnd(width, ' ')));
    expect(byBlob).toEqual(jsOrder);
    expect(byText).not.toEqual(jsOrder);
  });
});
