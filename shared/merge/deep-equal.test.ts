import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepEqual } from './deep-equal.ts';

describe('deepEqual', () => {
  it('ignores the order of object keys', () => {
    expect(deepEqual({ a: 1, b: { c: 'x', d: [1, 2] } }, { b: { d: [1, 2], c: 'x' }, a: 1 })).toBe(true);
  });

  it('respects the order of array items', () => {
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });

  it('treats a key holding undefined as an absent key', () => {
    expect(deepEqual({ a: 1, email: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, email: undefined })).toBe(true);
  });

  it('tells apart values that differ in one nested leaf', () => {
    expect(deepEqual({ a: { b: [{ c: 'x' }] } }, { a: { b: [{ c: 'y' }] } })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual('1', 1)).toBe(false);
  });

  it('agrees with JSON equality on values with sorted keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(deepEqual(a, a)).toBe(true);
        expect(deepEqual(a, JSON.parse(JSON.stringify(b)) as unknown)).toBe(deepEqual(b, a));
        if (deepEqual(a, b)) expect(canonicalJson(a)).toBe(canonicalJson(b));
      }),
    );
  });
});

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : inner,
  );
}
