import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors/result.ts';
import { classifyBmi, computeBmi, type BmiThresholds } from './bmi.ts';

const codeOf = (result: { ok: true } | { ok: false; errors: readonly [{ code: string }, ...unknown[]] }) =>
  result.ok ? 'ok' : result.errors[0].code;

describe('computeBmi', () => {
  it('divides kilograms by the square of metres and rounds to one decimal', () => {
    expect(computeBmi(70, 175)).toEqual({ ok: true, value: 22.9, warnings: [] });
    expect(unwrap(computeBmi(55.5, 160))).toBe(21.7);
    expect(unwrap(computeBmi(3.2, 50))).toBe(12.8);
  });

  it('reports a missing weight or height instead of computing with it', () => {
    expect(codeOf(computeBmi(undefined, 170))).toBe('bmi-weight-missing');
    expect(codeOf(computeBmi(null, 170))).toBe('bmi-weight-missing');
    expect(codeOf(computeBmi(Number.NaN, 170))).toBe('bmi-weight-missing');
    expect(codeOf(computeBmi(60, undefined))).toBe('bmi-height-missing');
  });

  it('refuses measurements typed in the wrong unit', () => {
    expect(codeOf(computeBmi(60_000, 170))).toBe('bmi-weight-implausible');
    expect(codeOf(computeBmi(60, 1.7))).toBe('bmi-height-implausible');
    expect(codeOf(computeBmi(-60, 170))).toBe('bmi-weight-implausible');
    expect(codeOf(computeBmi(Number.POSITIVE_INFINITY, 170))).toBe('bmi-weight-implausible');
    const result = computeBmi(60, 1.7);
    expect(result.ok ? '' : result.errors[0].message).toContain('cm');
  });

  it('refuses plausible measurements that combine into an impossible body', () => {
    expect(codeOf(computeBmi(0.3, 200))).toBe('bmi-implausible');
    expect(codeOf(computeBmi(400, 25))).toBe('bmi-implausible');
  });

  it('returns either a BMI within bounds with at most one decimal or an error value, never throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), fc.constant(undefined), fc.constant(null)),
        fc.oneof(fc.double({ min: 0, max: 300 }), fc.constant(undefined)),
        (w, h) => {
          const result = computeBmi(w, h);
          if (!result.ok) return;
          expect(result.value).toBeGreaterThanOrEqual(5);
          expect(result.value).toBeLessThanOrEqual(250);
          expect(Math.abs(result.value * 10 - Math.round(result.value * 10))).toBeLessThan(1e-6);
        },
      ),
    );
  });

  it('computes a BMI for every adult-sized body', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 30, max: 200, noNaN: true }),
        fc.double({ min: 130, max: 210, noNaN: true }),
        (w, h) => {
          expect(Math.abs(unwrap(computeBmi(w, h)) - w / (h / 100) ** 2)).toBeLessThanOrEqual(0.05 + 1e-9);
        },
      ),
    );
  });
});

describe('classifyBmi', () => {
  it('uses the Asian adult cut-offs by default, with Vietnamese labels', () => {
    const classOf = (bmi: number) => unwrap(classifyBmi(bmi)).class;
    expect(classOf(18.4)).toBe('underweight');
    expect(classOf(18.5)).toBe('normal');
    expect(classOf(22.9)).toBe('normal');
    expect(classOf(23)).toBe('overweight');
    expect(classOf(24.9)).toBe('overweight');
    expect(classOf(25)).toBe('obese');
    expect(classOf(41.2)).toBe('obese');
    expect(unwrap(classifyBmi(23.5)).label).toBe('Thừa cân');
  });

  it('classifies a computed BMI end to end', () => {
    expect(classifyBmi(unwrap(computeBmi(70, 175)))).toMatchObject({ ok: true, value: { class: 'normal' } });
    expect(classifyBmi(unwrap(computeBmi(70, 165)))).toMatchObject({ ok: true, value: { class: 'obese' } });
  });

  it('follows thresholds given as configuration, with their own classes', () => {
    const who: BmiThresholds<'under' | 'normal' | 'over' | 'obese-1' | 'obese-2'> = {
      source: 'WHO global adult cut-offs',
      bands: [
        { class: 'under', label: 'Gầy', minBmi: 0 },
        { class: 'normal', label: 'Bình thường', minBmi: 18.5 },
        { class: 'over', label: 'Thừa cân', minBmi: 25 },
        { class: 'obese-1', label: 'Béo phì độ I', minBmi: 30 },
        { class: 'obese-2', label: 'Béo phì độ II', minBmi: 35 },
      ],
    };
    expect(unwrap(classifyBmi(24, who)).class).toBe('normal');
    expect(unwrap(classifyBmi(36, who))).toEqual({ class: 'obese-2', label: 'Béo phì độ II' });
  });

  it('refuses a BMI that is not a positive number', () => {
    expect(codeOf(classifyBmi(0))).toBe('bmi-implausible');
    expect(codeOf(classifyBmi(Number.NaN))).toBe('bmi-implausible');
  });
});
