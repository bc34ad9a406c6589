import { describe, expect, it } from 'vitest';
import { sampleImmunization } from './document-arbitraries.test-support.ts';
import { validateImmunization } from './immunization.ts';

describe('validateImmunization', () => {
  it('accepts a tetanus dose in pregnancy unchanged and without warnings', () => {
    expect(validateImmunization(sampleImmunization)).toEqual({
      ok: true,
      value: sampleImmunization,
      warnings: [],
    });
  });

  it('accepts a service vaccine of the catalogue without a warning', () => {
    const flu = validateImmunization({ ...sampleImmunization, vaccineCode: 'influenza' });
    expect(flu.ok && flu.value.vaccineCode).toBe('INFLUENZA');
    expect(flu.ok && flu.warnings).toEqual([]);
  });

  it('accepts a vaccine outside the catalogue with a warning', () => {
    const zoster = validateImmunization({ ...sampleImmunization, vaccineCode: 'ZOSTER' });
    expect(zoster.ok && zoster.warnings.map((w) => [w.code, w.path])).toEqual([
      ['vaccine-not-in-schedule', 'vaccineCode'],
    ]);
  });

  it('warns about a dose number past the series and an appointment before the dose', () => {
    const result = validateImmunization({ ...sampleImmunization, dose: 6, nextAppointment: '2026-01-01' });
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual([
      'dose-beyond-series',
      'appointment-before-dose',
    ]);
  });

  it('refuses a vaccine code that is not a code', () => {
    const result = validateImmunization({ ...sampleImmunization, vaccineCode: 'Uốn ván' });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['vaccineCode']);
  });
});
