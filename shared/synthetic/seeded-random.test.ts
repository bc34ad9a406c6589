import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.ts';

describe('createSeededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const c = createSeededRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps every draw in range', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat({ max: 1000 }),
        (seed, min, span) => {
          const random = createSeededRandom(seed);
          for (let i = 0; i < 50; i++) {
            const f = random.next();
            expect(f >= 0 && f < 1).toBe(true);
            const n = random.int(min, min + span);
            expect(n >= min && n <= min + span && Number.isInteger(n)).toBe(true);
          }
          expect(random.digits(12)).toMatch(/^\d{12}$/);
        },
      ),
    );
  });

  it('forks independent, reproducible child sequences', () => {
    const first = createSeededRandom(7).fork('household:1').next();
    const parent = createSeededRandom(7);
    parent.next();
    expect(parent.fork('household:1').next()).toBe(first);
    expect(createSeededRandom(7).fork('household:2').next()).not.toBe(first);
  });

  it('picks by weight roughly in proportion', () => {
    const random = createSeededRandom(1);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        random.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
  });
});
