import { describe, expect, it } from 'vitest';
import { covid19SearchWords, covid19Vaccines } from './covid19-vaccines.ts';
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
    expect(covid19Vaccines.map((v) => v.code)).toEqual([
      'COVID19_AZ',
      'COVID19_SPUTNIK',
      'COVID19_VEROCELL',
      'COVID19_PFIZER',
      'COVID19_PFIZER_PED',
      'COVID19_MODERNA',
      'COVID19_JANSSEN',
      'COVID19_HAYAT',
      'COVID19_ABDALA',
    ]);
    // Each product from the day it was approved in Vietnam, none ended (boosters went on).
    expect(covid19Vaccines.every((v) => v.validFrom !== null && v.validTo === null && !v.confirmed)).toBe(
      true,
    );
    expect(
      Object.keys({ ...vaccineSearchWords, ...covid19SearchWords }).sort((a, b) => a.localeCompare(b)),
    ).toEqual([...codes].sort((a, b) => a.localeCompare(b)));
  });

  it('knows a COVID-19 product only from its approval, and warns (not refuses) on a dose before it', () => {
    expect(vaccineEntryOn('COVID19_PFIZER', '2021-06-12')?.name).toBe('COVID-19 Pfizer-BioNTech (Comirnaty)');
    expect(vaccineEntryOn('COVID19_PFIZER', '2021-06-11')).toBeUndefined();
    expect(vaccineEntryOn('COVID19_AZ', '2026-12-07')?.population).toBe('service');
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
    expect(['COVID19', 'COVID19_MODERNA'].map(group)).toEqual(['covid-19', 'covid-19']);
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
    expect(found('covid')).toEqual(['COVID19', ...covid19Vaccines.map((v) => v.code)]);
    expect(found('vero cell')).toEqual(['COVID19_VEROCELL']);
    expect(found('pfizer nhi')).toEqual(['COVID19_PFIZER_PED']);
    expect(found('astra')).toEqual(['COVID19_AZ']);
    expect(found('viem gan a')).toEqual(['HEPA']);
  });
});
