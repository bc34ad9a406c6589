import { describe, expect, it } from 'vitest';
import { progressRows } from './sync-progress.ts';

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
