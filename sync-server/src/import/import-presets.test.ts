import { describe, expect, it } from 'vitest';
import { findHeaderRow, mapColumns, presetOf } from './import-presets.ts';

describe('finding the columns of an imported list', () => {
  it('maps the COVID-19 campaign’s export by its headers, in any order, whatever the extra columns', () => {
    const headers = [
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Giới tính',
      'Số CCCD/CMND',
      'Số điện thoại',
      'Địa chỉ',
      'Tên vắc xin',
      'Mũi tiêm',
      'Ngày tiêm',
      'Số lô',
      'Cơ sở tiêm chủng',
      'Ghi chú',
    ];
    const mapping = mapColumns(headers);
    expect(mapping).toEqual({
      fullName: 1,
      dateOfBirth: 2,
      sex: 3,
      personalId: 4,
      phone: 5,
      address: 6,
      vaccine: 7,
      dose: 8,
      vaccinationDate: 9,
      lot: 10,
      facility: 11,
    });
    expect(presetOf(mapping)).toBe('covid-19');
  });

  it('tells the mother’s name from the child’s, and the immunisation system’s export from the campaign’s', () => {
    const mapping = mapColumns([
      'Họ tên trẻ',
      'Ngày sinh',
      'Giới tính',
      'Họ tên mẹ',
      'Kháng nguyên',
      'Ngày tiêm',
      'Xã/Phường',
    ]);
    expect(mapping).toEqual({
      fullName: 0,
      dateOfBirth: 1,
      sex: 2,
      motherName: 3,
      vaccine: 4,
      vaccinationDate: 5,
      commune: 6,
    });
    expect(presetOf(mapping)).toBe('immunisation-system');
  });

  it('finds the header row under a title, and a resident list among them', () => {
    const rows = [
      { line: 1, cells: ['TRẠM Y TẾ PHƯỜNG BA ĐÌNH'] },
      { line: 2, cells: ['DANH SÁCH HỘ GIA ĐÌNH NĂM 2019'] },
      { line: 4, cells: ['TT', 'HỌ VÀ TÊN', 'NĂM SINH', 'GIỚI', 'DÂN TỘC', 'THÔN/TỔ', 'SỐ THẺ BHYT'] },
      { line: 5, cells: ['1', 'Nguyễn Văn An', '1950', 'Nam', 'Kinh', 'Tổ 3', ''] },
    ];
    const found = findHeaderRow(rows);
    expect(found?.line).toBe(4);
    expect(found?.mapping).toEqual({
      fullName: 1,
      dateOfBirth: 2,
      sex: 3,
      ethnicity: 4,
      address: 5,
      bhytCard: 6,
    });
    expect(presetOf(found?.mapping ?? {})).toBe('residents');
    expect(findHeaderRow([{ line: 1, cells: ['a', 'b'] }])).toBeUndefined();
  });
});
