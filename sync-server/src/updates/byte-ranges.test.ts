import { describe, expect, it } from 'vitest';
import { parseByteRanges } from './byte-ranges.ts';

describe('parseByteRanges', () => {
  it('reads single, suffix, open-ended and several ranges, clamped to the file', () => {
    expect(parseByteRanges('bytes=0-9', 100)).toEqual([{ start: 0, end: 9 }]);
    expect(parseByteRanges('bytes=-10', 100)).toEqual([{ start: 90, end: 99 }]);
    expect(parseByteRanges('bytes=-500', 100)).toEqual([{ start: 0, end: 99 }]);
    expect(parseByteRanges('bytes=95-', 100)).toEqual([{ start: 95, end: 99 }]);
    expect(parseByteRanges('bytes=50-60, 0-1', 100)).toEqual([
      { start: 50, end: 60 },
      { start: 0, end: 1 },
    ]);
  });

  it('ignores headers it cannot read (whole file) and refuses ranges outside the file', () => {
    for (const header of [undefined, 'items=0-1', 'bytes=', 'bytes=9-1', 'bytes=a-b', 'bytes=-']) {
      expect(parseByteRanges(header, 100), String(header)).toBe('none');
    }
    expect(parseByteRanges('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseByteRanges('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseByteRanges(`bytes=${Array.from({ length: 300 }, () => '0-1').join(',')}`, 100)).toBe('none');
  });
});
