import { randomUUID } from 'node:crypto';
import { UUID } from 'builder-util-runtime';
import { describe, expect, it } from 'vitest';
import { isInRollout, stagingBucket } from './staging-bucket.ts';

describe('stagingBucket', () => {
  it('puts a station exactly where electron-updater 6 puts itself', () => {
    for (let i = 0; i < 500; i += 1) {
      const id = randomUUID();
      expect(stagingBucket(id)).toBe(UUID.parse(id).readUInt32BE(12) / 0xffffffff);
    }
  });

  it('includes a station only below the percentage, and everyone at 100 %', () => {
    const low = '3f1c2a9e-1111-4222-8333-000000000010';
    const high = '3f1c2a9e-1111-4222-8333-0000fffffff0';
    expect(isInRollout(low, 1)).toBe(true);
    expect(isInRollout(high, 99)).toBe(false);
    expect(isInRollout(low, 0)).toBe(false);
    expect(isInRollout(high, 100)).toBe(true);
    expect(isInRollout(undefined, 99)).toBe(false);
    expect(isInRollout('not-a-uuid', 100)).toBe(true);
    expect(stagingBucket('not-a-uuid')).toBeUndefined();
  });
});
