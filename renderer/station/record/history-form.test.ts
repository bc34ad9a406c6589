import { describe, expect, it } from 'vitest';
import { historySchema, historyValuesOf } from './history-form.ts';

describe('the history form (QĐ 831 part B)', () => {
  it('round-trips a history and keeps the parts it does not show', () => {
    const previous = {
      birthCondition: { preterm: true },
      riskFactors: { smoking: 'quit' as const, alcoholDrinksPerDay: 2 },
      chronicConditions: { hypertension: true, icd10Codes: ['I10'] },
    };
    const values = historyValuesOf(previous);
    expect(values.riskFactors.smoking).toBe('quit');
    expect(values.chronicFlags).toEqual(['hypertension']);
    const parsed = historySchema(previous).safeParse(values);
    expect(parsed.success && parsed.data).toEqual(previous);
  });

  it('stores an unchecked illness as "no" once it had been answered, and leaves blanks as "not asked"', () => {
    const previous = { chronicConditions: { hypertension: true } };
    const values = historyValuesOf(previous);
    values.chronicFlags = ['diabetes'];
    values.allergies.drug = 'Penicillin';
    const parsed = historySchema(previous).safeParse(values);
    expect(parsed.success && parsed.data).toEqual({
      allergies: { drug: 'Penicillin' },
      chronicConditions: { hypertension: false, diabetes: true },
    });
  });

  it('refuses a drink count that is not a whole number', () => {
    const values = historyValuesOf({});
    values.riskFactors.alcoholDrinksPerDay = '2,5';
    expect(historySchema({}).safeParse(values).success).toBe(false);
  });
});
