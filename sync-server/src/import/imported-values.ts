import { defineIssues, type Issue } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { daysInMonth, parsePartialDate, type PartialDate } from '#shared/dates/partial-date.ts';
import { isKnownProvinceCode } from '#shared/identifiers/known-province-code.ts';
import { parsePersonalId, type PersonalId, type RecordedSex } from '#shared/identifiers/personal-id.ts';
import { LANDLINE_PHONE_PATTERN, normalizePhone, parsePhone } from '#shared/identifiers/phone-number.ts';

/**
 * Reading one imported cell into the record's form, the way the lists people keep write it: dates as Excel serials,
 * `dd/mm/yyyy`, `mm/yyyy` or a year; a CCCD or phone number whose leading zero Excel dropped (restored where only one
 * reading is possible, with a warning; refused where it is not); sex as words or QĐ 130's codes. Each refusal names
 * the column (`path`) and says what to fix in Vietnamese.
 */
const issue = defineIssues({
  'imported-date-format':
    'Ngày "{input}" không đọc được. Ghi ngày/tháng/năm (21/03/1950), tháng/năm (03/1950) hoặc năm (1950).',
  'imported-date-impossible': 'Ngày "{input}" không có trong lịch. Kiểm tra lại ngày và tháng.',
  'imported-date-two-digit-year':
    'Ngày "{input}" chỉ có 2 chữ số năm, không biết là 19xx hay 20xx. Ghi năm đủ 4 chữ số.',
  'imported-id-scientific':
    'Số "{input}" đã bị Excel đổi sang dạng số mũ và mất chữ số cuối. Định dạng cột là Văn bản (Text) rồi nhập lại số đầy đủ.',
  'imported-id-zero-restored':
    'Số định danh "{input}" thiếu số 0 ở đầu (Excel bỏ đi); đã khôi phục thành {value}. Đối chiếu với thẻ nếu cần.',
  'imported-id-zero-ambiguous':
    'Số định danh "{input}" có {length} chữ số: có thể Excel đã bỏ số 0 ở đầu nhưng không khôi phục chắc chắn được. Định dạng cột là Văn bản (Text) rồi nhập lại số đầy đủ.',
  'imported-sex-unknown': 'Giới tính "{input}" không đọc được. Ghi Nam hoặc Nữ.',
  'imported-phone-zero-restored':
    'Số điện thoại "{input}" thiếu số 0 ở đầu (Excel bỏ đi); đã khôi phục thành {value}.',
  'imported-phone-format':
    'Số điện thoại "{input}" không đúng: di động có 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09; máy bàn có 11 chữ số bắt đầu bằng 02.',
});
export type ImportedValueIssueCode = Parameters<typeof issue>[0];
type Read<T> = Result<T>;

/** Excel's day 0 is 30/12/1899 (its day 60, the 29/02/1900 that never was, is skipped by every real date). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serials from 1/1/1900 to 31/12/2099: a five-digit number in a date column is a serial, not a year. */
const SERIAL = /^\d{3,5}(?:\.\d+)?$/;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const MY = /^(\d{1,2})[/.-](\d{4})$/;
const ISO = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell: full, month or year precision; an Excel serial or an ISO date from a workbook's date cell. */
export function importedDate(input: string, path?: string): Read<PartialDate> {
  const text = input.trim();
  const refuse = (
    code: 'imported-date-format' | 'imported-date-impossible' | 'imported-date-two-digit-year',
  ) => fail(issue(code, { input: text }, path));
  const iso = ISO.exec(text);
  if (iso !== null) return checked(iso[1] ?? '', refuse);
  if (/^\d{4}$/.test(text)) return checked(text, refuse);
  if (SERIAL.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial < 1 || serial > 73_050) return refuse('imported-date-format');
    return checked(new Date(EXCEL_EPOCH_UTC + serial * DAY_MS).toISOString().slice(0, 10), refuse);
  }
  const dmy = DMY.exec(text);
  if (dmy !== null) {
    const [, day, month, year] = dmy;
    if ((year ?? '').length === 2) return refuse('imported-date-two-digit-year');
    const m = Number(month);
    const d = Number(day);
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(Number(year), m))
      return refuse('imported-date-impossible');
    return checked(`${year ?? ''}-${pad(m)}-${pad(d)}`, refuse);
  }
  const my = MY.exec(text);
  if (my !== null) {
    const m = Number(my[1]);
    if (m < 1 || m > 12) return refuse('imported-date-impossible');
    return checked(`${my[2] ?? ''}-${pad(m)}`, refuse);
  }
  return refuse('imported-date-format');
}

function checked(
  iso: string,
  refuse: (code: 'imported-date-impossible') => Result<never, ImportedValueIssueCode>,
): Read<PartialDate> {
  const parsed = parsePartialDate(iso);
  return parsed.ok ? ok(parsed.value) : refuse('imported-date-impossible');
}

const SCIENTIFIC = /^\d(?:[.,]\d+)?E\+?\d+$/i;

/**
 * A CCCD (12 digits) or CMND (9): an 11-digit number is a CCCD that lost its leading zero when its first two digits
 * are a province code (the zero is restored, with a warning); an 8-digit one a CMND that lost it. Any other length,
 * or a number Excel turned into `1,08E+11`, is refused: the digits are gone.
 */
export function importedPersonalId(input: string, path?: string): Read<PersonalId> {
  const text = input.trim().replace(/^'/, '');
  if (SCIENTIFIC.test(text.replace(/\s/g, '')))
    return fail(issue('imported-id-scientific', { input: text }, path));
  const digits = text.replace(/[\s.]/g, '');
  const restored = (value: string): Read<PersonalId> => {
    const parsed = parsePersonalId(value, { path });
    if (!parsed.ok) return parsed;
    return ok(parsed.value, [
      issue('imported-id-zero-restored', { input: text, value }, path),
      ...parsed.warnings,
    ]);
  };
  if (/^\d{11}$/.test(digits)) {
    return isKnownProvinceCode(digits.slice(0, 2))
      ? restored(`0${digits}`)
      : fail(issue('imported-id-zero-ambiguous', { input: text, length: 11 }, path));
  }
  if (/^\d{8}$/.test(digits)) return restored(`0${digits}`);
  if (/^\d{10}$/.test(digits))
    return fail(issue('imported-id-zero-ambiguous', { input: text, length: 10 }, path));
  return parsePersonalId(digits, { path });
}

const SEX_WORDS: Readonly<Record<string, RecordedSex>> = {
  nam: 'male',
  'nam giới': 'male',
  trai: 'male',
  m: 'male',
  male: 'male',
  nữ: 'female',
  nu: 'female',
  'nữ giới': 'female',
  gái: 'female',
  f: 'female',
  female: 'female',
  khác: 'unknown',
  'chưa xác định': 'unknown',
  // QĐ 130's GIOI_TINH: 1 male, 2 female, 3 not determined.
  '1': 'male',
  '2': 'female',
  '3': 'unknown',
};

export function importedSex(input: string, path?: string): Read<RecordedSex> {
  const sex = SEX_WORDS[input.trim().toLowerCase().normalize('NFC')];
  return sex === undefined ? fail(issue('imported-sex-unknown', { input: input.trim() }, path)) : ok(sex);
}

/** A phone number: a 9-digit mobile or 10-digit landline that lost its leading zero gets it back, with a warning. */
export function importedPhone(input: string, path?: string): Read<string> {
  const text = input.trim().replace(/^'/, '');
  const phone = normalizePhone(text);
  const restoredFrom = /^[35789]\d{8}$/.test(phone) || /^2\d{9}$/.test(phone) ? `0${phone}` : undefined;
  const candidate = restoredFrom ?? phone;
  const parsed = parsePhone(candidate, LANDLINE_PHONE_PATTERN.test(candidate) ? 'landline' : 'mobile', path);
  if (!parsed.ok) return fail(issue('imported-phone-format', { input: text }, path));
  const warnings: Issue[] =
    restoredFrom === undefined
      ? []
      : [issue('imported-phone-zero-restored', { input: text, value: parsed.value }, path)];
  return ok(parsed.value, warnings);
}
