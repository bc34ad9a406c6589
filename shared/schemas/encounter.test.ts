import { describe, expect, it } from 'vitest';
import { sampleEncounter, without } from './document-arbitraries.test-support.ts';
import { validateEncounter } from './encounter.ts';

function reasonsOf(input: unknown): unknown[] {
  const result = validateEncounter(input);
  return result.ok ? [] : result.errors.map((e) => e.params?.['reason']);
}

describe('validateEncounter', () => {
  it('accepts a signed periodic exam unchanged', () => {
    expect(validateEncounter(sampleEncounter)).toEqual({ ok: true, value: sampleEncounter, warnings: [] });
  });

  it('accepts a well-formed ICD-10 code missing from the shipped subset, upper-casing it', () => {
    const result = validateEncounter({
      ...sampleEncounter,
      diagnoses: [{ icd10: ' t78.4 ', name: 'Dị ứng', primary: true }],
    });
    expect(result.ok && result.value.diagnoses[0]?.icd10).toBe('T78.4');
  });

  it('accepts a diagnosis written without a code only when it is marked uncoded', () => {
    const uncoded = { name: 'Đau mỏi vai gáy kéo dài', uncoded: true, primary: true };
    expect(validateEncounter({ ...sampleEncounter, diagnoses: [uncoded] }).ok).toBe(true);
    expect(
      reasonsOf({ ...sampleEncounter, diagnoses: [{ name: 'Đau mỏi vai gáy', primary: true }] }),
    ).toEqual(['diagnosis-code-or-uncoded']);
    expect(reasonsOf({ ...sampleEncounter, diagnoses: [{ ...uncoded, icd10: 'M54.2' }] })).toEqual([
      'diagnosis-code-or-uncoded',
    ]);
  });

  it('requires a signer and a signing time once signed, and no signing time on a draft', () => {
    expect(reasonsOf(without(sampleEncounter, 'signedAt'))).toEqual(['signed-without-signature']);
    expect(reasonsOf({ ...sampleEncounter, status: 'draft' })).toEqual(['draft-with-signature']);
  });

  it('allows one primary diagnosis at most', () => {
    const diagnoses = [
      { icd10: 'I10', name: 'Tăng huyết áp', primary: true },
      { icd10: 'E11.9', name: 'Đái tháo đường', primary: true },
    ];
    expect(reasonsOf({ ...sampleEncounter, diagnoses })).toEqual(['several-primary-diagnoses']);
  });

  it('refuses an amendment of itself', () => {
    expect(reasonsOf({ ...sampleEncounter, amends: sampleEncounter.id })).toEqual(['amends-itself']);
  });

  it('refuses a vital sign typed without its decimal point', () => {
    const result = validateEncounter({ ...sampleEncounter, vitals: { temperatureC: 372 } });
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.params?.['reason']])).toEqual([
      ['vitals.temperatureC', 'too_big'],
    ]);
  });
});
