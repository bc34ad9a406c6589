import { describe, expect, it } from 'vitest';
import { emptyExam, examSchemaFor, examValuesOf, measurement } from './exam-form.ts';

const personId = 'person-1';

describe('the exam form (QĐ 831 part D)', () => {
  it('reads a decimal comma and refuses what is not a number', () => {
    expect(measurement('36,5')).toBe(36.5);
    expect(measurement(' 120 ')).toBe(120);
    expect(measurement('12a')).toBeNaN();
  });

  it('sends only what was filled, with measurements as numbers', () => {
    const values = emptyExam('2026-11-26');
    values.vitals.weightKg = '60';
    values.vitals.heightCm = '160';
    values.vitals.temperatureC = '36,8';
    values.organSystems.cardiovascular = 'Tim đều';
    values.labs = [
      { name: 'Glucose', value: '5,4', unit: 'mmol/L', conclusion: '' },
      { name: '', value: '', unit: '', conclusion: '' },
    ];
    values.diagnoses = [{ icd10: 'I10', name: 'Bệnh lý tăng huyết áp', primary: true }];
    const parsed = examSchemaFor(personId).safeParse(values);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual({
      personId,
      kind: 'periodic-exam',
      date: '2026-11-26',
      vitals: { weightKg: 60, heightCm: 160, temperatureC: 36.8 },
      organSystems: { cardiovascular: 'Tim đều' },
      labs: [{ name: 'Glucose', value: '5,4', unit: 'mmol/L' }],
      diagnoses: [{ icd10: 'I10', name: 'Bệnh lý tăng huyết áp', primary: true }],
    });
  });

  it('refuses a temperature typed out of range and a pulse that is not a number, on their fields', () => {
    const values = emptyExam('2026-11-26');
    values.vitals.temperatureC = '365';
    values.vitals.pulse = 'bảy mươi';
    const parsed = examSchemaFor(personId).safeParse(values);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'vitals.pulse',
      'vitals.temperatureC',
    ]);
  });

  it('shows a stored draft as it was typed', () => {
    const values = emptyExam('2026-11-26');
    values.vitals.systolic = '150';
    values.advice = 'Ăn nhạt';
    const parsed = examSchemaFor(personId).parse(values);
    const shown = examValuesOf({
      ...parsed,
      id: 'e1',
      orgUnitId: 'u',
      createdAt: '2026-11-26T01:00:00.000Z',
      updatedAt: '2026-11-26T01:00:00.000Z',
      synthetic: false,
      stamps: { clinical: '2026-11-26T01:00:00.000Z_0000_n', signature: '2026-11-26T01:00:00.000Z_0000_n' },
      status: 'draft',
      source: { kind: 'station', facilityCode: '01001' },
    });
    expect(shown).toEqual(values);
  });
});
