import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors/result.ts';
import {
  bloodPressureGrades,
  classifyBloodPressure,
  defaultBloodPressureThresholds,
} from './blood-pressure.ts';

const classOf = (systolic: number, diastolic: number) =>
  unwrap(classifyBloodPressure({ systolic, diastolic })).class;
const codeOf = (systolic: number | null | undefined, diastolic: number | null | undefined) => {
  const result = classifyBloodPressure({ systolic, diastolic });
  return result.ok ? 'ok' : result.errors[0].code;
};

describe('classifyBloodPressure', () => {
  it('puts readings with both numbers in one band into that band', () => {
    expect(classOf(115, 75)).toBe('optimal');
    expect(classOf(125, 82)).toBe('normal');
    expect(classOf(135, 87)).toBe('high-normal');
    expect(classOf(150, 95)).toBe('grade-1');
    expect(classOf(170, 105)).toBe('grade-2');
    expect(classOf(185, 115)).toBe('grade-3');
  });

  it('places each band boundary in the higher band', () => {
    expect(classOf(119, 79)).toBe('optimal');
    expect(classOf(120, 79)).toBe('normal');
    expect(classOf(119, 80)).toBe('normal');
    expect(classOf(140, 90)).toBe('grade-1');
    expect(classOf(160, 100)).toBe('grade-2');
    expect(classOf(180, 110)).toBe('grade-3');
  });

  it('lets the higher of the two readings decide', () => {
    expect(classOf(118, 88)).toBe('high-normal');
    expect(classOf(145, 112)).toBe('grade-3');
    expect(classOf(125, 101)).toBe('grade-2');
  });

  it('calls a high systolic with a diastolic below 90 isolated systolic hypertension, graded by the systolic', () => {
    expect(unwrap(classifyBloodPressure({ systolic: 150, diastolic: 85 }))).toEqual({
      class: 'isolated-systolic',
      grade: 'grade-1',
      label: 'Tăng huyết áp tâm thu đơn độc',
    });
    expect(unwrap(classifyBloodPressure({ systolic: 200, diastolic: 70 }))).toMatchObject({
      class: 'isolated-systolic',
      grade: 'grade-3',
    });
    expect(classOf(139, 85)).toBe('high-normal');
    expect(classOf(140, 89)).toBe('isolated-systolic');
  });

  it('gives the Vietnamese label of the band', () => {
    expect(unwrap(classifyBloodPressure({ systolic: 165, diastolic: 95 })).label).toBe('Tăng huyết áp độ 2');
  });

  it('follows configured cut-offs', () => {
    const stricter = {
      ...defaultBloodPressureThresholds,
      categories: defaultBloodPressureThresholds.categories.map((c) =>
        c.grade === 'grade-1' ? { ...c, minSystolic: 130, minDiastolic: 80 } : c,
      ),
    };
    expect(unwrap(classifyBloodPressure({ systolic: 132, diastolic: 78 }, stricter)).class).toBe('grade-1');
  });

  it('refuses missing, implausible and inverted readings with distinct codes', () => {
    expect(codeOf(undefined, 80)).toBe('blood-pressure-missing');
    expect(codeOf(120, null)).toBe('blood-pressure-missing');
    expect(codeOf(Number.NaN, 80)).toBe('blood-pressure-missing');
    expect(codeOf(1200, 80)).toBe('blood-pressure-implausible');
    expect(codeOf(120, 8)).toBe('blood-pressure-implausible');
    expect(codeOf(Number.POSITIVE_INFINITY, 80)).toBe('blood-pressure-implausible');
    expect(codeOf(80, 120)).toBe('blood-pressure-inverted');
    expect(codeOf(90, 90)).toBe('blood-pressure-inverted');
  });

  it('agrees with the published cut-off table for every plausible reading', () => {
    const rank = (value: number, cutOffs: readonly number[]) => cutOffs.filter((c) => value >= c).length;
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 300 }), fc.integer({ min: 20, max: 200 }), (s, d) => {
        const result = classifyBloodPressure({ systolic: s, diastolic: d });
        if (s <= d) {
          expect(result.ok).toBe(false);
          return;
        }
        const grade =
          bloodPressureGrades[Math.max(rank(s, [120, 130, 140, 160, 180]), rank(d, [80, 85, 90, 100, 110]))];
        expect(unwrap(result)).toMatchObject({
          grade,
          class: s >= 140 && d < 90 ? 'isolated-systolic' : grade,
        });
      }),
    );
  });
});
