import { describe, expect, it } from 'vitest';
import { icd10FullRows } from '../reference-data/icd10-full.generated.ts';
import { icd10Entries } from '../reference-data/icd10-list.ts';
import { icd10Common } from '../reference-data/icd10.generated.ts';
import { isValidOn } from '../reference-data/reference-types.ts';
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

describe('ICD-10 search over a given list', () => {
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

describe('ICD-10 search over the full Vietnamese list', () => {
  const entries = icd10Entries(icd10FullRows);
  const preferred = new Set(icd10Common.map((entry) => entry.code));
  const after = createIcd10Search(entries, '2026-12-07', { preferred });
  const before = createIcd10Search(entries, '2026-03-15', { preferred });
  const codes = (matches: readonly { code: string }[]) => matches.map((m) => m.code);

  it('holds every TT 06 code and fills the dual-classification rows from QĐ 4469', () => {
    const valid = entries.filter((entry) => isValidOn(entry, '2026-12-07'));
    expect(new Set(valid.map((entry) => entry.code)).size).toBe(valid.length);
    expect(valid.length).toBeGreaterThan(15_700);
    expect(entries.find((entry) => entry.code === 'E11.2')).toMatchObject({
      source: 'qd4469',
      mark: '†',
      validTo: null,
    });
    expect(entries.find((entry) => entry.code === 'A90' && isValidOn(entry, '2026-12-07'))).toBeUndefined();
  });

  it('finds the general check-up by code and by words', () => {
    expect(codes(after('Z00'))[0]).toBe('Z00');
    expect(codes(after('z000'))).toEqual(['Z00.0']);
    expect(codes(after('kham suc khoe')).slice(0, 2)).toEqual(['Z00.0', 'Z00']);
  });

  it('finds abbreviations and lay words first', () => {
    expect(codes(after('THA')).slice(0, 3)).toEqual(['I10', 'I11', 'I15']);
    expect(codes(after('cao huyết áp'))[0]).toBe('I10');
    expect(codes(after('ĐTĐ'))[0]).toBe('E11');
    expect(codes(after('tieu duong'))[0]).toBe('E11');
    expect(codes(after('dai thao duong typ 2'))).toContain('E11.9');
  });

  it('matches the words of a name in any order, with or without diacritics', () => {
    expect(codes(after('huyet ap tang vo can'))).toContain('I10');
    expect(codes(after('viêm họng cấp'))).toContain('J02.9');
  });

  it('names a code as it was worded on the date asked', () => {
    expect(after('I10')[0]?.name).toBe('Bệnh tăng huyết áp vô căn (nguyên phát)');
    expect(before('I10')[0]?.name).toBe('Bệnh lý tăng huyết áp');
    expect(codes(before('A90'))).toEqual(['A90']);
    expect(codes(after('A90'))).toEqual([]);
  });
});
