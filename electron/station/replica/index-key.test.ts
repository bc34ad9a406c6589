import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexKey } from './index-key.ts';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const jsCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

describe('indexKey', () => {
  it('orders byte-wise exactly as JavaScript orders the strings, astral characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(sign(Buffer.compare(indexKey(a), indexKey(b)))).toBe(jsCompare(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('makes SQLite sort BLOB keys in JavaScript order where TEXT sorts 😃 after U+FFFF', () => {
    const values = ['a', 'Đ', 'ệ', '\uFFFD', '\uFFFF', '😃', '𠀀', 'a😃', 'a\uFFFF'];
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (s TEXT, k BLOB)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    for (const v of values) insert.run(v, indexKey(v));
    const byBlob = db.prepare('SELECT s FROM t ORDER BY k').pluck().all();
    const byText = db.prepare('SELECT s FROM t ORDER BY s').pluck().all();
    db.close();
    expect(byBlob).toEqual([...values].sort());
    expect(byText).not.toEqual([...values].sort());
  });
});
