import { yearOf, type PartialDate } from '../dates/partial-date.ts';
import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import type { Issue } from '../errors/issue.ts';
import { compactIdentifier } from './compact-identifier.ts';
import { isKnownProvinceCode } from './known-province-code.ts';

/**
 * Personal identification number (số định danh cá nhân), domain-reference §4.1.
 * A 12-digit number `PPP G YY RRRRRR` is read as a CCCD: PPP is the place of birth registration (`0` + GSO province
 * code for births in Vietnam), G the century and sex, YY the birth year. It has NO check digit. A 9-digit number is a
 * legacy CMND. Format problems are errors; disagreements with the rest of the record are warnings, because the card
 * is usually right and the typed record wrong, or the person was born abroad.
 */
export type CccdNumber = {
  readonly kind: 'cccd';
  readonly value: string;
  /** The 3 digits PPP as printed. */
  readonly registrationCode: string;
  /** The 2-digit GSO province code when PPP is `0` + a known province, else `null` (e.g. births abroad). */
  readonly provinceCode: string | null;
  readonly sex: 'male' | 'female';
  readonly birthYear: number;
};
export type CmndNumber = { readonly kind: 'cmnd'; readonly value: string };
export type PersonalId = CccdNumber | CmndNumber;

export type RecordedSex = 'male' | 'female' | 'unknown';

/** What the rest of the record says, to cross-check a CCCD against; `onDate` (yyyy-mm-dd) enables the future check. */
export type PersonalIdContext = {
  readonly dateOfBirth?: PartialDate | undefined;
  readonly sex?: RecordedSex | undefined;
  readonly onDate?: string | undefined;
  readonly path?: string | undefined;
};

export const CCCD_LENGTH = 12;
export const CMND_LENGTH = 9;

const issue = defineIssues({
  'personal-id-required':
    'Chưa nhập số định danh cá nhân. Nhập 12 chữ số trên thẻ căn cước (CCCD) hoặc 9 chữ số CMND cũ.',
  'personal-id-non-digit':
    'Số định danh "{input}" chỉ được gồm chữ số. Kiểm tra lại và nhập 12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ).',
  'personal-id-length':
    'Số định danh "{input}" có {length} chữ số. Số CCCD có 12 chữ số, CMND cũ có 9 chữ số; kiểm tra lại.',
  'personal-id-unknown-province':
    'Mã nơi đăng ký khai sinh "{registrationCode}" của số CCCD {value} không có trong danh mục tỉnh. Nếu người dân sinh ở nước ngoài thì bỏ qua cảnh báo này; nếu không, kiểm tra lại 3 chữ số đầu.',
  'personal-id-birth-year-in-future':
    'Số CCCD {value} cho năm sinh {birthYear}, muộn hơn năm hiện tại. Kiểm tra lại chữ số thứ 4 đến thứ 6 của số CCCD.',
  'personal-id-birth-year-mismatch':
    'Số CCCD {value} cho năm sinh {birthYear} nhưng hồ sơ ghi năm sinh {recordedYear}. Đối chiếu với thẻ và sửa số CCCD hoặc ngày sinh.',
  'personal-id-sex-mismatch':
    'Số CCCD {value} ứng với giới tính {cccdSex} nhưng hồ sơ ghi {recordedSex}. Đối chiếu với thẻ và sửa số CCCD hoặc giới tính.',
});
export type PersonalIdIssueCode = Parameters<typeof issue>[0];

const sexLabel = { male: 'nam', female: 'nữ' } as const;

/** Parses a CCCD (12 digits) or CMND (9 digits), ignoring spaces and dots; never throws. */
export function parsePersonalId(
  input: unknown,
  context: PersonalIdContext = {},
): Result<PersonalId, PersonalIdIssueCode> {
  const { path } = context;
  const text = compactIdentifier(input);
  if (text === undefined || text === '') return fail(issue('personal-id-required', undefined, path));
  if (!/^\d+$/.test(text)) return fail(issue('personal-id-non-digit', { input: text }, path));
  if (text.length === CMND_LENGTH) return ok({ kind: 'cmnd', value: text });
  if (text.length !== CCCD_LENGTH) {
    return fail(issue('personal-id-length', { input: text, length: text.length }, path));
  }
  const cccd = decodeCccd(text);
  return ok(cccd, cccdWarnings(cccd, context));
}

function decodeCccd(value: string): CccdNumber {
  const registrationCode = value.slice(0, 3);
  const centurySex = Number(value[3]);
  const province = registrationCode.slice(1);
  return {
    kind: 'cccd',
    value,
    registrationCode,
    provinceCode: registrationCode.startsWith('0') && isKnownProvinceCode(province) ? province : null,
    sex: centurySex % 2 === 0 ? 'male' : 'female',
    birthYear: 1900 + Math.floor(centurySex / 2) * 100 + Number(value.slice(4, 6)),
  };
}

function cccdWarnings(cccd: CccdNumber, context: PersonalIdContext): Issue<PersonalIdIssueCode>[] {
  const { value, birthYear, registrationCode } = cccd;
  const { dateOfBirth, sex, onDate, path } = context;
  const warnings: Issue<PersonalIdIssueCode>[] = [];
  if (cccd.provinceCode === null) {
    warnings.push(issue('personal-id-unknown-province', { value, registrationCode }, path));
  }
  if (onDate !== undefined && birthYear > Number(onDate.slice(0, 4))) {
    warnings.push(issue('personal-id-birth-year-in-future', { value, birthYear }, path));
  }
  if (dateOfBirth !== undefined && yearOf(dateOfBirth) !== birthYear) {
    warnings.push(
      issue('personal-id-birth-year-mismatch', { value, birthYear, recordedYear: yearOf(dateOfBirth) }, path),
    );
  }
  if (sex !== undefined && sex !== 'unknown' && sex !== cccd.sex) {
    warnings.push(
      issue(
        'personal-id-sex-mismatch',
        { value, cccdSex: sexLabel[cccd.sex], recordedSex: sexLabel[sex] },
        path,
      ),
    );
  }
  return warnings;
}
