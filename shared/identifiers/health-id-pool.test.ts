import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHealthId } from './health-id.ts';
import { isPoolLow, remainingInPool, takeHealthId, type HealthIdPool } from './health-id-pool.ts';

const pool = (firstSerial: number, lastSerial: number, nextSerial = firstSerial): HealthIdPool => ({
  poolId: 'tram-01001-1',
  firstSerial,
  lastSerial,
  nextSerial,
});

describe('health ID pool', () => {
  it('hands out the next serial and returns the advanced pool without changing the old one', () => {
    const before = pool(100, 102);
    const taken = takeHealthId(before);
    expect(taken).toMatchObject({ ok: true, value: { pool: { nextSerial: 101 } } });
    expect(taken.ok && parseHealthId(taken.value.healthId)).toMatchObject({
      ok: true,
      value: { serial: 100 },
    });
    expect(before.nextSerial).toBe(100);
  });

  it('reports an exhausted pool as an error value naming the pool', () => {
    const result = takeHealthId(pool(100, 102, 103));
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.errors[0]).toMatchObject({
      code: 'health-id-pool-exhausted',
      params: { poolId: 'tram-01001-1' },
    });
  });

  it('refuses a pool whose serials are out of order or out of range', () => {
    const codeOf = (p: HealthIdPool) => {
      const result = takeHealthId(p);
      return result.ok ? 'ok' : result.errors[0].code;
    };
    expect(codeOf(pool(100, 99))).toBe('health-id-pool-invalid');
    expect(codeOf(pool(100, 200, 99))).toBe('health-id-pool-invalid');
    expect(codeOf(pool(100, 200, 202))).toBe('health-id-pool-invalid');
    expect(codeOf(pool(-1, 200))).toBe('health-id-pool-invalid');
    expect(codeOf(pool(1, 10_000_000_000))).toBe('health-id-pool-invalid');
    expect(codeOf(pool(1.5, 10))).toBe('health-id-pool-invalid');
  });

  it('counts the remaining IDs and calls the pool low at or below the threshold', () => {
    expect(remainingInPool(pool(100, 199))).toBe(100);
    expect(remainingInPool(pool(100, 199, 150))).toBe(50);
    expect(remainingInPool(pool(100, 199, 200))).toBe(0);
    expect(isPoolLow(pool(100, 199, 150), 50)).toBe(true);
    expect(isPoolLow(pool(100, 199, 149), 50)).toBe(false);
    expect(isPoolLow(pool(100, 199, 200), 0)).toBe(true);
  });

  it('yields n distinct IDs within the range when n are taken', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (first, size, wanted) => {
          let current = pool(first, first + size - 1);
          const serials = new Set<number>();
          for (let i = 0; i < wanted; i++) {
            const taken = takeHealthId(current);
            if (!taken.ok) {
              expect(taken.errors[0].code).toBe('health-id-pool-exhausted');
              expect(i).toBe(size);
              break;
            }
            const parsed = parseHealthId(taken.value.healthId);
            if (!parsed.ok) throw new Error(`generated an invalid ID ${taken.value.healthId}`);
            serials.add(parsed.value.serial);
            current = taken.value.pool;
          }
          expect(serials.size).toBe(Math.min(wanted, size));
          for (const s of serials) {
            expect(s).toBeGreaterThanOrEqual(first);
            expect(s).toBeLessThanOrEqual(first + size - 1);
          }
          expect(remainingInPool(current)).toBe(size - serials.size);
        },
      ),
    );
  });
});
