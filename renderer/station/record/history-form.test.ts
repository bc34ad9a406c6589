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

  it("records the condition at birth with the mother's tetanus doses, a comma read as the decimal point", () => {
    const values = historyValuesOf({ surgeries: [{ bodyPart: 'Ruột thừa', year: 2010 }] });
    values.birthCondition.deliveryMode = 'cesarean';
    values.birthCondition.preterm = 'no';
    values.birthCondition.birthWeightGrams = '3100';
    values.birthCondition.birthLengthCm = '49,5';
    values.birthCondition.maternalTetanusDoses = '2';
    const parsed = historySchema({}).safeParse(values);
    expect(parsed.success && parsed.data.birthCondition).toEqual({
      deliveryMode: 'cesarean',
      preterm: false,
      birthWeightGrams: 3100,
      birthLengthCm: 49.5,
      maternalTetanusDoses: 2,
    });
    const again = historyValuesOf(parsed.success ? parsed.data : {});
    expect(again.birthCondition).toMatchObject({ preterm: 'no', maternalTetanusDoses: '2', asphyxia: '' });
  });

  it('refuses a tetanus dose count that is not a whole number from 0 to 10, at its field', () => {
    for (const typed of ['1,5', 'hai', '11']) {
      const values = historyValuesOf({});
      values.birthCondition.maternalTetanusDoses = typed;
      const parsed = historySchema({}).safeParse(values);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['birthCondition', 'maternalTetanusDoses']);
    }
  });

  it('refuses a drink count that is not a whole number', () => {
    const values = historyValuesOf({});
    values.riskFactors.alcoholDrinksPerDay = '2,5';
    expect(historySchema({}).safeParse(values).success).toBe(false);
  });

  it('records disabilities, surgeries, family history and reproductive health (part B §4–7)', () => {
    const values = historyValuesOf({ otherIssues: 'Mất ngủ' });
    values.disabilities.hearing = 'Nghe kém tai trái';
    values.surgeries.push(
      { bodyPart: 'Ruột thừa', year: '2010', note: '' },
      { bodyPart: '', year: '', note: '' },
    );
    values.familyHistory.hypertension = { present: 'yes', detail: '', affected: 'Bố' };
    values.familyHistory.asthma.present = 'no';
    values.reproductiveHealth.pregnancies = '2';
    values.reproductiveHealth.livingChildren = '2';
    values.reproductiveHealth.contraception = 'Vòng tránh thai';
    const parsed = historySchema({ otherIssues: 'Mất ngủ' }).safeParse(values);
    expect(parsed.success && parsed.data).toEqual({
      otherIssues: 'Mất ngủ',
      disabilities: { hearing: 'Nghe kém tai trái' },
      surgeries: [{ bodyPart: 'Ruột thừa', year: 2010 }],
      familyHistory: { hypertension: { present: true, affected: 'Bố' }, asthma: { present: false } },
      reproductiveHealth: { contraception: 'Vòng tránh thai', pregnancies: 2, livingChildren: 2 },
    });
    // And back: the form shows what it stored.
    const again = historyValuesOf(parsed.success ? parsed.data : {});
    expect(again.surgeries).toEqual([{ bodyPart: 'Ruột thừa', year: '2010', note: '' }]);
    expect(again.familyHistory.hypertension).toEqual({ present: 'yes', detail: '', affected: 'Bố' });
  });

  it('refuses a surgery row with a year but no body part, at that row', () => {
    const values = historyValuesOf({});
    values.surgeries.push({ bodyPart: '', year: '2015', note: '' });
    const parsed = historySchema({}).safeParse(values);
    expect(parsed.error?.issues[0]?.path).toEqual(['surgeries', 0, 'bodyPart']);
  });
});
