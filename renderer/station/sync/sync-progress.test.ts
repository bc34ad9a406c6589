import { describe, expect, it } from 'vitest';
import { progressRows, timeLeftOf } from './sync-progress.ts';

describe('first-sync progress per collection', () => {
  it('orders collections as they are pulled and shows received against expected', () => {
    expect(
      progressRows({
        received: { encounters: 10, persons: 50, zeta: 1 },
        expected: { persons: 200, encounters: 40 },
      }),
    ).toEqual([
      { collection: 'persons', received: 50, total: 200, percent: 25 },
      { collection: 'encounters', received: 10, total: 40, percent: 25 },
      { collection: 'zeta', received: 1, total: null, percent: null },
    ]);
  });

  it('never passes 100 %, and an empty collection is complete', () => {
    expect(
      progressRows({
        received: { 'health-id-pools': 1, persons: 0 },
        expected: { 'health-id-pools': 0, persons: 0 },
      }),
    ).toEqual([
      { collection: 'health-id-pools', received: 1, total: 1, percent: 100 },
      { collection: 'persons', received: 0, total: 0, percent: 100 },
    ]);
  });
});

describe('time left of a first sync', () => {
  it('rounds up: tens of seconds, then minutes, then hours and minutes; nothing when unknown', () => {
    expect(timeLeftOf(null)).toBeNull();
    expect(timeLeftOf(0)).toBeNull();
    expect(timeLeftOf(7)).toEqual({ unit: 'seconds', seconds: 10 });
    expect(timeLeftOf(41)).toEqual({ unit: 'seconds', seconds: 50 });
    expect(timeLeftOf(61)).toEqual({ unit: 'minutes', minutes: 2 });
    expect(timeLeftOf(3540)).toEqual({ unit: 'minutes', minutes: 59 });
    expect(timeLeftOf(3599)).toEqual({ unit: 'hours', hours: 1, minutes: 0 });
    expect(timeLeftOf(3600)).toEqual({ unit: 'hours', hours: 1, minutes: 0 });
    expect(timeLeftOf(5000)).toEqual({ unit: 'hours', hours: 1, minutes: 24 });
  });
});
