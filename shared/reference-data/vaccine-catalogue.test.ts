import { describe, expect, it } from 'vitest';
import { serviceVaccines, vaccineSearchWords } from './service-vaccines.ts';
import { vaccineCatalogue, vaccineEntryOn, vaccineGroupOf, vaccineMatches } from './vaccine-catalogue.ts';

const found = (query: string) =>
  vaccineCatalogue.filter((v) => vaccineMatches(query, v.code)).map((v) => v.code);

describe('vaccine catalogue', () => {
  it('holds the programme and the service vaccines the form and the issue name, each code once', () => {
    const codes = vaccineCatalogue.map((v) => v.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(serviceVaccines.map((v) => v.code)).toEqual([
      'MUMPS',
      'MMR',
      'INFLUENZA',
      'HPV',
      'PCV',
      'RABIES',
      'VARICELLA',
      'HEPA',
      'COVID19',
    ]);
    expect(serviceVaccines.every((v) => v.population === 'service' && !v.confirmed)).toBe(true);
    expect(serviceVaccines.every((v) => v.note.includes('UNCONFIRMED'))).toBe(true);
    expect(Object.keys(vaccineSearchWords).sort()).toEqual([...codes].sort());
  });

  it('numbers each vaccine’s dose rules from 1 and never beyond its series', () => {
    for (const v of vaccineCatalogue) {
      expect(
        v.doseRules.map((r) => r.dose),
        v.code,
      ).toEqual(v.doseRules.map((_, i) => i + 1));
      if (v.doses !== null) expect(v.doseRules.length, v.code).toBeLessThanOrEqual(v.doses);
    }
  });

  it('groups programme vaccines apart from services', () => {
    const group = (code: string) => {
      const entry = vaccineEntryOn(code, '2026-12-07');
      return entry === undefined ? undefined : vaccineGroupOf(entry);
    };
    expect(['BCG', 'TT', 'CHOLERA', 'HPV'].map(group)).toEqual([
      'programme-child',
      'programme-women',
      'programme-risk-area',
      'service',
    ]);
    expect(group('ZOSTER')).toBeUndefined();
  });

  it('finds a vaccine by the words staff type, with or without diacritics', () => {
    expect(found('cum')).toEqual(['INFLUENZA']);
    expect(found('phế cầu')).toEqual(['PCV']);
    expect(found('ung thu co tu cung')).toEqual(['HPV']);
    expect(found('5 trong 1')).toEqual(['DPT_VGB_HIB']);
    expect(found('thuy dau')).toEqual(['VARICELLA']);
    expect(found('dai')).toEqual(['RABIES']);
    expect(found('quai bi')).toEqual(['MUMPS', 'MMR']);
    expect(found('covid')).toEqual(['COVID19']);
    expect(found('viem gan a')).toEqual(['HEPA']);
  });
});
