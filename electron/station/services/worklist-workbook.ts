import ExcelJS, { type PaperSize } from 'exceljs';
import { ageOn } from '#shared/clinical/age.ts';
import { daysBetween } from '#shared/clinical/calendar-days.ts';
import { formatPartialDate } from '#shared/dates/format-partial-date.ts';
import { formatPhone } from '#shared/identifiers/phone-number.ts';
import { vaccineCatalogue } from '#shared/reference-data/vaccine-catalogue.ts';
import type {
  DueResidentSummary,
  FollowUpResidentSummary,
  ResidentSummary,
  WorklistKind,
} from '#shared/station-api/station-api.ts';
import { worklistTitles } from '#shared/station-api/worklist-titles.ts';

/** ExcelJS's `PaperSize.A4`: a const enum, absent at run time, so its value is written here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the const enum's own value
const A4 = 9 as PaperSize;

const sexNames = { male: 'Nam', female: 'Nữ', unknown: 'Chưa rõ' } as const;
const vaccineNames = new Map(vaccineCatalogue.map((v) => [v.code, v.name]));

/**
 * A cell's text that no spreadsheet reads as a formula: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading apostrophe (OWASP's advice for exported files), and the cell is stored as text anyway.
 */
export function inertCellText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export type WorklistWorkbookInput = {
  readonly kind: WorklistKind;
  readonly rows: readonly (ResidentSummary | DueResidentSummary)[];
  /** yyyy-mm-dd, the day the list was computed for. */
  readonly onDate: string;
  readonly stationName: string;
  readonly exportedBy: string;
  /** A line saying which filter produced the rows, empty when none. */
  readonly filterLine: string;
};

/**
 * The worklist as an .xlsx workbook: a title block (list, station, date, who, filter), then one row per resident
 * with the columns staff work from; the due list adds the doses due with how overdue, the phone and the parent, the
 * hospital follow-ups the appointment, the hospital and the phone. Every
 * value is written as text (`inertCellText`), dates as dd/mm/yyyy.
 */
export async function worklistWorkbook(input: WorklistWorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sổ sức khỏe điện tử';
  const sheet = workbook.addWorksheet('Danh sách', {
    pageSetup: { paperSize: A4, orientation: 'landscape' },
  });
  const due = input.kind === 'vaccinations-due';
  const followUps = input.kind === 'hospital-follow-ups';
  const columns = [
    { header: 'STT', width: 6 },
    { header: 'Họ và tên', width: 28 },
    { header: 'Mã định danh y tế', width: 18 },
    { header: 'Ngày sinh', width: 12 },
    { header: 'Tuổi', width: 7 },
    { header: 'Giới tính', width: 10 },
    { header: 'Địa chỉ', width: 36 },
    ...(due
      ? [
          { header: 'Mũi đến hạn', width: 48 },
          { header: 'Số điện thoại', width: 15 },
          { header: 'Cha/mẹ hoặc người chăm sóc', width: 26 },
        ]
      : []),
    ...(followUps
      ? [
          { header: 'Ngày hẹn tái khám', width: 16 },
          { header: 'Bệnh viện hẹn', width: 32 },
          { header: 'Số điện thoại', width: 15 },
        ]
      : []),
  ];
  const title = [
    `Danh sách: ${input.kind in worklistTitles ? worklistTitles[input.kind] : input.kind}`,
    input.stationName,
    `Ngày lập: ${formatPartialDate(input.onDate)} · Người lập: ${input.exportedBy} · ${input.rows.length.toLocaleString('vi-VN')} người`,
    ...(input.filterLine === '' ? [] : [`Lọc: ${input.filterLine}`]),
  ];
  for (const line of title) sheet.addRow([inertCellText(line)]);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([]);
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  sheet.autoFilter = {
    from: { row: header.number, column: 1 },
    to: { row: header.number, column: columns.length },
  };

  input.rows.forEach((row, index) => {
    const age = ageOn(row.dateOfBirth, input.onDate);
    const values = [
      String(index + 1),
      row.fullName,
      row.healthId ?? '',
      formatPartialDate(row.dateOfBirth),
      age.ok
        ? age.value.exact
          ? String(age.value.minYears)
          : `${String(age.value.minYears)}–${String(age.value.maxYears)}`
        : '',
      sexNames[row.sex],
      row.address ?? '',
      ...(due ? dueCells(row, input.onDate) : []),
      ...(followUps ? followUpCells(row) : []),
    ];
    const added = sheet.addRow(values.map(inertCellText));
    added.eachCell((cell) => {
      cell.numFmt = '@';
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function dueCells(row: ResidentSummary | DueResidentSummary, onDate: string): string[] {
  const summary: Partial<DueResidentSummary> = row;
  const doses = (summary.due ?? [])
    .map((dose) => {
      const late = daysBetween(dose.dueDate, onDate);
      const name = vaccineNames.get(dose.vaccineCode) ?? dose.vaccineCode;
      return `${name} mũi ${String(dose.dose)}: ${late > 0 ? `quá hạn ${String(late)} ngày` : `đến hạn ${formatPartialDate(dose.dueDate)}`}`;
    })
    .join('; ');
  return [doses, summary.phone === undefined ? '' : formatPhone(summary.phone), summary.parent ?? ''];
}

function followUpCells(row: ResidentSummary): string[] {
  const summary: Partial<FollowUpResidentSummary> = row;
  return [
    summary.followUp === undefined ? '' : formatPartialDate(summary.followUp.date),
    summary.followUp?.hospital ?? '',
    summary.phone === undefined ? '' : formatPhone(summary.phone),
  ];
}
