import { parsePartialDate, type PartialDate } from '../dates/partial-date.ts';
import { defineIssues } from '../errors/issue.ts';
import type { Issue } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { parsePersonalId, type CccdNumber, type PersonalIdIssueCode } from './personal-id.ts';

/**
 * The text of the QR code on a chip CCCD (domain-reference §4.1):
 * `số CCCD|số CMND cũ|Họ tên|ddMMyyyy|Nam/Nữ|Địa chỉ|ddMMyyyy (ngày cấp)`, seven fields, empty ones kept
 * (the old CMND and the issue date may be empty). Some cards leave the old CMND out instead of empty: six fields
 * whose second is not a number are read as that layout. Dates come out as `yyyy-mm-dd`, text fields as trimmed NFC.
 */
export type CccdQr = {
  readonly personalId: CccdNumber;
  readonly legacyId?: string;
  readonly fullName: string;
  readonly dateOfBirth: PartialDate;
  readonly sex: 'male' | 'female';
  readonly address: string;
  readonly issueDate?: PartialDate;
};

export const CCCD_QR_FIELD_COUNT = 7;
/** A card without the old CMND field: `số CCCD|Họ tên|ddMMyyyy|Nam/Nữ|Địa chỉ|ddMMyyyy`. */
const FIELD_COUNT_WITHOUT_CMND = 6;

const issue = defineIssues({
  'cccd-qr-required':
    'Không đọc được mã QR trên thẻ căn cước. Quét lại mặt sau của thẻ, hoặc nhập thông tin bằng tay.',
  'cccd-qr-field-count':
    'Mã QR có {count} trường thông tin, mã QR thẻ căn cước có 7 trường (hoặc 6 khi thẻ không ghi số CMND cũ) ngăn cách bởi dấu |. Quét lại thẻ hoặc nhập bằng tay.',
  'cccd-qr-not-cccd':
    'Trường đầu của mã QR ("{input}") không phải số CCCD 12 chữ số. Quét lại thẻ hoặc nhập bằng tay.',
  'cccd-qr-name-missing': 'Mã QR không có họ tên. Quét lại thẻ hoặc nhập họ tên bằng tay.',
  'cccd-qr-date-of-birth':
    'Ngày sinh trong mã QR ("{input}") không phải ngày hợp lệ dạng ngàythángnăm (ví dụ 21031950). Quét lại thẻ hoặc nhập ngày sinh bằng tay.',
  'cccd-qr-sex':
    'Giới tính trong mã QR ("{input}") không phải "Nam" hoặc "Nữ". Quét lại thẻ hoặc chọn giới tính bằng tay.',
  'cccd-qr-issue-date':
    'Ngày cấp trong mã QR ("{input}") không phải ngày hợp lệ dạng ngàythángnăm. Quét lại thẻ hoặc nhập ngày cấp bằng tay.',
  'cccd-qr-issue-date-before-birth':
    'Ngày cấp trong mã QR ({issueDate}) trước ngày sinh ({dateOfBirth}). Quét lại thẻ hoặc nhập thông tin bằng tay.',
  'cccd-qr-address-missing': 'Mã QR không có địa chỉ thường trú. Hỏi người dân và nhập địa chỉ bằng tay.',
});
export type CccdQrIssueCode = Parameters<typeof issue>[0] | PersonalIdIssueCode;

const sexes: Readonly<Record<string, 'male' | 'female'>> = { nam: 'male', nữ: 'female' };

/** Parses the CCCD chip QR text field by field, reporting every bad field at once; never throws. */
export function parseCccdQr(text: unknown): Result<CccdQr, CccdQrIssueCode> {
  if (typeof text !== 'string' || text.trim() === '') return fail(issue('cccd-qr-required'));
  const scanned = text.normalize('NFC').trim().split('|');
  const withoutCmnd = scanned.length === FIELD_COUNT_WITHOUT_CMND && !/^[\d\s]*$/.test(scanned[1] ?? '');
  if (scanned.length !== CCCD_QR_FIELD_COUNT && !withoutCmnd)
    return fail(issue('cccd-qr-field-count', { count: scanned.length }));
  const fields = withoutCmnd ? [scanned[0] ?? '', '', ...scanned.slice(1)] : scanned;
  const [idField, legacyField, nameField, dobField, sexField, addressField, issueField] =
    fields.map(cleanText);

  const errors: Issue<CccdQrIssueCode>[] = [];
  const warnings: Issue<CccdQrIssueCode>[] = [];

  const dateOfBirth = dateFromDdMmYyyy(dobField);
  if (dateOfBirth === undefined)
    errors.push(issue('cccd-qr-date-of-birth', { input: dobField ?? '' }, 'dateOfBirth'));

  const sex = sexes[(sexField ?? '').toLowerCase()];
  if (sex === undefined) errors.push(issue('cccd-qr-sex', { input: sexField ?? '' }, 'sex'));

  const id = parsePersonalId(idField, { dateOfBirth, sex, path: 'personalId' });
  let personalId: CccdNumber | undefined;
  if (!id.ok) errors.push(...id.errors);
  else if (id.value.kind !== 'cccd')
    errors.push(issue('cccd-qr-not-cccd', { input: id.value.value }, 'personalId'));
  else {
    personalId = id.value;
    warnings.push(...id.warnings);
  }

  let legacyId: string | undefined;
  if (legacyField !== undefined && legacyField !== '') {
    // An old CMND has no CCCD structure to cross-check, so its warnings are not meaningful here.
    const legacy = parsePersonalId(legacyField, { path: 'legacyId' });
    if (legacy.ok) legacyId = legacy.value.value;
    else errors.push(...legacy.errors);
  }

  const fullName = nameField ?? '';
  if (fullName === '') errors.push(issue('cccd-qr-name-missing', undefined, 'fullName'));

  const address = addressField ?? '';
  if (address === '') warnings.push(issue('cccd-qr-address-missing', undefined, 'address'));

  let issueDate: PartialDate | undefined;
  if (issueField !== undefined && issueField !== '') {
    issueDate = dateFromDdMmYyyy(issueField);
    if (issueDate === undefined) errors.push(issue('cccd-qr-issue-date', { input: issueField }, 'issueDate'));
    else if (dateOfBirth !== undefined && issueDate < dateOfBirth) {
      errors.push(issue('cccd-qr-issue-date-before-birth', { issueDate, dateOfBirth }, 'issueDate'));
    }
  }

  const [firstError, ...moreErrors] = errors;
  if (firstError !== undefined) return fail(firstError, ...moreErrors);
  if (personalId === undefined || dateOfBirth === undefined || sex === undefined) {
    throw new Error('parseCccdQr: a missing field was not reported as an error');
  }
  return ok(
    {
      personalId,
      ...(legacyId === undefined ? {} : { legacyId }),
      fullName,
      dateOfBirth,
      sex,
      address,
      ...(issueDate === undefined ? {} : { issueDate }),
    },
    warnings,
  );
}

/** Trimmed, with runs of whitespace inside (double spaces, tabs from a scanner) collapsed to one space. */
function cleanText(field: string): string {
  return field.replace(/\s+/gu, ' ').trim();
}

/** `ddMMyyyy` to a day-precision `yyyy-mm-dd`, or `undefined` when it is not a real calendar date. */
function dateFromDdMmYyyy(field: string | undefined): PartialDate | undefined {
  if (field === undefined || !/^\d{8}$/.test(field)) return undefined;
  const parsed = parsePartialDate(`${field.slice(4)}-${field.slice(2, 4)}-${field.slice(0, 2)}`);
  return parsed.ok ? parsed.value : undefined;
}
