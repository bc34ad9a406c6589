import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PartialDate } from '#shared/dates/partial-date.ts';
import { inertCellText, worklistWorkbook } from './worklist-workbook.ts';

async function cellsOf(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Danh sách');
  if (sheet === undefined) throw new Error('no sheet');
  return sheet;
}

describe('worklistWorkbook', () => {
  it('writes the due list with Vietnamese headers, dd/mm/yyyy dates, how overdue, phone and parent', async () => {
    const sheet = await cellsOf(
      await worklistWorkbook({
        kind: 'vaccinations-due',
        onDate: '2026-12-07',
        stationName: 'Trạm Y tế Phường Ba Đình',
        exportedBy: '01T03_lanvt',
        filterLine: 'Nữ',
        rows: [
          {
            id: 'p1',
            healthId: '0100000025',
            fullName: 'Trần Thị Bích Ngọc',
            dateOfBirth: '2026-09-28' as PartialDate,
            sex: 'female',
            status: 'active',
            due: [{ vaccineCode: 'OPV', dose: 1, dueDate: '2026-11-28' }],
            phone: '0912345678',
            parent: 'Trần Thị Hoa',
          },
        ],
      }),
    );
    expect(sheet.getCell('A1').value).toBe('Danh sách: Đến hạn tiêm chủng');
    expect(sheet.getCell('A4').value).toBe('Lọc: Nữ');
    const header = sheet.getRow(6).values as unknown[];
    expect(header.slice(1)).toEqual([
      'STT',
      'Họ và tên',
      'Mã định danh y tế',
      'Ngày sinh',
      'Tuổi',
      'Giới tính',
      'Địa chỉ',
      'Mũi đến hạn',
      'Số điện thoại',
      'Cha/mẹ hoặc người chăm sóc',
    ]);
    expect((sheet.getRow(7).values as unknown[]).slice(1)).toEqual([
      '1',
      'Trần Thị Bích Ngọc',
      '0100000025',
      '28/09/2026',
      '0',
      'Nữ',
      '',
      'Bại liệt uống (OPV) mũi 1: quá hạn 9 ngày',
      '0912 345 678',
      'Trần Thị Hoa',
    ]);
  });

  it('never lets a typed value become a formula', async () => {
    expect(['=1+1', '+84', '-2', '@SUM(A1)', '\tx', 'An'].map(inertCellText)).toEqual([
      "'=1+1",
      "'+84",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      'An',
    ]);
    const sheet = await cellsOf(
      await worklistWorkbook({
        kind: 'missing-phone',
        onDate: '2026-12-07',
        stationName: 'Trạm',
        exportedBy: 'lan',
        filterLine: '',
        rows: [
          {
            id: 'p2',
            fullName: '=HYPERLINK("http://evil","x")',
            dateOfBirth: '1980' as PartialDate,
            sex: 'male',
            status: 'active',
            address: '@cmd',
          },
        ],
      }),
    );
    const name = sheet.getCell('B6');
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe('\'=HYPERLINK("http://evil","x")');
    expect(sheet.getCell('G6').value).toBe("'@cmd");
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      });
    });
  });
});
