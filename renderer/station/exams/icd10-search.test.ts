import { describe, expect, it } from 'vitest';
import { icd10Common } from '#shared/reference-data/icd10.generated.ts';
import { createIcd10Search } from './icd10-search.ts';

const list = [
  { code: 'I10', name: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', validFrom: null, validTo: null },
  { code: 'E11.9', name: 'Đái tháo đường type 2 không có biến chứng', validFrom: null, validTo: null },
  {
    code: 'J06.9',
    name: 'Nhiễm trùng hô hấp trên cấp, không đặc hiệu',
    validFrom: null,
    validTo: '2020-12-31',
  },
];

describe('ICD-10 search in the diagnosis picker', () => {
  const search = createIcd10Search(list, '2026-11-26');

  it('finds a Vietnamese name typed without diacritics', () => {
    expect(search('tang huyet ap')).toEqual([{ code: 'I10', name: list[0]?.name }]);
    expect(search('dai thao duong').map((m) => m.code)).toEqual(['E11.9']);
    expect(search('Đái tháo')).toHaveLength(1);
  });

  it('finds a code typed with or without its dot, codes first', () => {
    expect(search('e119').map((m) => m.code)).toEqual(['E11.9']);
    expect(search('E11.9').map((m) => m.code)).toEqual(['E11.9']);
    expect(search('i1').map((m) => m.code)).toEqual(['I10']);
  });

  it('leaves out codes no longer valid and answers nothing to an empty query', () => {
    expect(search('nhiem trung')).toEqual([]);
    expect(search('  ')).toEqual([]);
  });

  it('searches the shipped primary-care list', () => {
    const shipped = createIcd10Search(icd10Common, '2026-11-26');
    expect(shipped('viem ruot').length).toBeGreaterThan(0);
  });
});
