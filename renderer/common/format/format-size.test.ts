import { describe, expect, it } from 'vitest';
import { ageOf, formatBytes, formatDecimal } from './format-size.ts';

describe('sizes and ages as staff read them', () => {
  it('writes sizes with a decimal comma in the largest unit below 1024', () => {
    expect(formatBytes(850)).toBe('850 B');
    expect(formatBytes(12_595)).toBe('12,3 KB');
    expect(formatBytes(4.1 * 1024 * 1024)).toBe('4,1 MB');
  });

  it('says an age as just now, then minutes, hours, days', () => {
    expect(ageOf(59_000)).toEqual({ unit: 'now', count: 0 });
    expect(ageOf(61_000)).toEqual({ unit: 'minutes', count: 1 });
    expect(ageOf(3 * 3_600_000 + 5)).toEqual({ unit: 'hours', count: 3 });
    expect(ageOf(3 * 86_400_000)).toEqual({ unit: 'days', count: 3 });
  });

  it('writes measurements with a decimal comma', () => {
    expect(formatDecimal(36.8)).toBe('36,8');
    expect(formatDecimal(120)).toBe('120');
  });
});
