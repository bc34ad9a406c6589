import { describe, expect, it } from 'vitest';
import { vaccineCatalogue } from '#shared/reference-data/vaccine-catalogue.ts';
import { vaccineCodeOfName } from './vaccine-names.ts';

describe('vaccine names in imported lists', () => {
  it('read the COVID-19 campaign’s product names', () => {
    expect(
      [
        'AstraZeneca',
        'Astra Zeneca (Vaxzevria)',
        'Vero Cell',
        'Sinopharm',
        'Pfizer',
        'Pfizer-BioNTech (Comirnaty)',
        'Pfizer (trẻ 5-11 tuổi)',
        'Pfizer nắp cam',
        'Moderna',
        'Sputnik V',
        'Abdala',
        'Hayat-Vax',
        'Janssen',
        'Vắc xin COVID-19',
      ].map(vaccineCodeOfName),
    ).toEqual([
      'COVID19_AZ',
      'COVID19_AZ',
      'COVID19_VEROCELL',
      'COVID19_VEROCELL',
      'COVID19_PFIZER',
      'COVID19_PFIZER',
      'COVID19_PFIZER_PED',
      'COVID19_PFIZER_PED',
      'COVID19_MODERNA',
      'COVID19_SPUTNIK',
      'COVID19_ABDALA',
      'COVID19_HAYAT',
      'COVID19_JANSSEN',
      'COVID19',
    ]);
  });

  it('read the immunisation system’s antigen names, the specific before the general', () => {
    expect(
      [
        'VGB sơ sinh',
        'Viêm gan B sơ sinh',
        'BCG',
        'DPT-VGB-Hib',
        '5 trong 1',
        'OPV',
        'Bại liệt tiêm (IPV)',
        'Sởi',
        'Sởi-Rubella',
        'Sởi - Quai bị - Rubella',
        'DPT4',
        'VNNB',
        'Uốn ván 2',
        'Viêm gan A',
        'Phế cầu',
      ].map(vaccineCodeOfName),
    ).toEqual([
      'HEPB0',
      'HEPB0',
      'BCG',
      'DPT_VGB_HIB',
      'DPT_VGB_HIB',
      'OPV',
      'IPV',
      'MEASLES',
      'MR',
      'MMR',
      'DPT4',
      'JE',
      'TT',
      'HEPA',
      'PCV',
    ]);
  });

  it('take every catalogue code as it is, and guess nothing', () => {
    for (const entry of vaccineCatalogue)
      expect(vaccineCodeOfName(entry.code.toLowerCase())).toBe(entry.code);
    expect(vaccineCodeOfName('Vắc xin lạ')).toBeUndefined();
    expect(vaccineCodeOfName('   ')).toBeUndefined();
  });
});
