import { z } from 'zod';
import type { Issue } from '../errors/issue.ts';
import { ok, type Result } from '../errors/result.ts';
import { parseBhxhNumber } from '../identifiers/bhxh-number.ts';
import { parseBhytCard } from '../identifiers/bhyt-card.ts';
import { parseHealthId } from '../identifiers/health-id.ts';
import { isKnownProvinceCode } from '../identifiers/known-province-code.ts';
import { parsePersonalId } from '../identifiers/personal-id.ts';
import { parsePhone } from '../identifiers/phone-number.ts';
import { ethnicGroups } from '../reference-data/ethnic-groups.generated.ts';
import { educationLevels, maritalStatuses } from '../reference-data/person-code-lists.ts';
import { address, communeCode } from './address.ts';
import { bhytCardRow } from './bhyt-card-row.ts';
import { documentBaseShape } from './document-base.ts';
import { documentId } from './document-id.ts';
import { personFieldGroups } from './field-groups.ts';
import { history831 } from './history-831.ts';
import { isoDate } from './iso-date.ts';
import { isoDateTime } from './iso-datetime.ts';
import { parsedField } from './parsed-field.ts';
import { partialDate } from './partial-date-field.ts';
import { TEXT_LIMITS, requiredText, singleLine, text } from './text-field.ts';
import { validateDocument } from './validate-document.ts';

/**
 * A resident (đối tượng), QĐ 831 parts A and B: the `persons` collection. Mutable; merged field group by field group
 * (`personFieldGroups`). `searchName`, `sortKey` and `identityKey` are derived from the name and identifiers by
 * `withDerivedPersonFields` on every write; this validator checks their shape, not their value.
 */
export const personSexes = ['male', 'female', 'unknown'] as const;
export type PersonSex = (typeof personSexes)[number];
export const personStatuses = ['active', 'moved_out', 'deceased', 'merged'] as const;
export type PersonStatus = (typeof personStatuses)[number];
export const aboGroups = ['A', 'B', 'AB', 'O'] as const;
export const rhFactors = ['+', '-'] as const;

export const PHONE_PATTERN = /^\+?\d{8,15}$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const OCCUPATION_CODE_PATTERN = /^\d{5}$/;
export const NATIONALITY_CODE_PATTERN = /^[0-9A-Z]{2,3}$/;
export const TWO_DIGIT_CODE_PATTERN = /^\d{2}$/;

const ethnicityCodes: ReadonlySet<string> = new Set(ethnicGroups.map((group) => group.code));

const healthId = parsedField((input) => {
  const result = parseHealthId(input);
  return result.ok ? ok<string>(result.value.value) : result;
});
const personalIdNumber = parsedField((input) => {
  const result = parsePersonalId(input);
  return result.ok ? ok(result.value.value) : result;
});
const bhxhNumber = parsedField((input) => {
  const result = parseBhxhNumber(input);
  return result.ok ? ok<string>(result.value) : result;
});

/** A phone number as stored: digits with an optional leading +; spaces, dots, dashes and brackets typed are dropped. */
export const phone = z
  .string()
  .overwrite((value) => value.replace(/[\s.()-]/g, ''))
  .regex(PHONE_PATTERN, 'Số điện thoại phải gồm 8–15 chữ số, có thể bắt đầu bằng dấu +, ví dụ 0912345678.');

/**
 * A mobile or landline number as typed at a station, checked against Vietnamese numbering and stored in national form
 * (`parsePhone`: `+84 912 345 678` → `0912345678`). Stored documents keep the looser `phone`, so numbers recorded
 * before this rule (or by other systems) still replicate; what people type now is held to it.
 */
export const mobilePhone = parsedField((input) => parsePhone(input, 'mobile'));
export const landlinePhone = parsedField((input) => parsePhone(input, 'landline'));

const email = z
  .string()
  .trim()
  .max(254)
  .regex(EMAIL_PATTERN, 'Địa chỉ email không đúng dạng, ví dụ ten@example.com.');

const ethnicityCode = z.string().refine((code) => ethnicityCodes.has(code), {
  message: 'Mã dân tộc không có trong danh mục dân tộc (QĐ 121-TCTK): 2 chữ số, ví dụ 01 là Kinh.',
  params: { reason: 'ethnicity-unknown' },
});

const provinceCode = z
  .string()
  .refine((code) => TWO_DIGIT_CODE_PATTERN.test(code) && isKnownProvinceCode(code), {
    message: 'Mã tỉnh không có trong danh mục tỉnh: 2 chữ số, ví dụ 01 là Hà Nội.',
    params: { reason: 'province-unknown' },
  });

const personName = requiredText(TEXT_LIMITS.name);

/** The fields whose correction must say why (a birth date or sex typed wrongly changes who the record is). */
export const reasonedFields = ['dateOfBirth', 'sex'] as const;
export type ReasonedField = (typeof reasonedFields)[number];
export const MAX_CORRECTIONS = 50;

/**
 * One correction of a birth date or sex: what it was, why it changed, when and by whom (the signed-in account). Kept
 * in the demographics group beside the values, so a merge carries the reason with the value it explains.
 */
export const demographicCorrection = z.strictObject({
  field: z.enum(reasonedFields),
  previous: singleLine(TEXT_LIMITS.short),
  reason: requiredText(TEXT_LIMITS.line),
  at: isoDateTime,
  by: singleLine(TEXT_LIMITS.short).exactOptional(),
});
export type DemographicCorrection = z.infer<typeof demographicCorrection>;

export const personShape = {
  ...documentBaseShape(personFieldGroups),
  // identifiers
  healthId,
  personalId: personalIdNumber.exactOptional(),
  legacyId: personalIdNumber.exactOptional(),
  idIssueDate: isoDate.exactOptional(),
  idIssuePlace: singleLine(TEXT_LIMITS.short).exactOptional(),
  bhxhNumber: bhxhNumber.exactOptional(),
  bhytCards: z.array(bhytCardRow).max(20),
  // name
  fullName: personName,
  familyName: singleLine(TEXT_LIMITS.short),
  middleName: singleLine(TEXT_LIMITS.short),
  givenName: requiredText(TEXT_LIMITS.short),
  // demographics
  dateOfBirth: partialDate,
  sex: z.enum(personSexes),
  ethnicityCode: ethnicityCode.exactOptional(),
  nationalityCode: z.string().regex(NATIONALITY_CODE_PATTERN).exactOptional(),
  religion: singleLine(TEXT_LIMITS.short).exactOptional(),
  occupationCode: z.string().regex(OCCUPATION_CODE_PATTERN).exactOptional(),
  birthRegistrationProvince: provinceCode.exactOptional(),
  bloodGroup: z
    .strictObject({ abo: z.enum(aboGroups).exactOptional(), rh: z.enum(rhFactors).exactOptional() })
    .exactOptional(),
  educationLevel: z.enum(educationLevels).exactOptional(),
  maritalStatus: z.enum(maritalStatuses).exactOptional(),
  corrections: z.array(demographicCorrection).max(MAX_CORRECTIONS).exactOptional(),
  // addresses
  permanentAddress: address.exactOptional(),
  currentAddress: address,
  // contact
  /** Mobile numbers (di động), the first the one to call. */
  phones: z.array(phone).max(10),
  /** The household's landline (điện thoại cố định). */
  landline: phone.exactOptional(),
  email: email.exactOptional(),
  // household
  household: z
    .strictObject({ id: requiredText(40), relationToHead: singleLine(50).exactOptional() })
    .exactOptional(),
  mother: personName.exactOptional(),
  father: personName.exactOptional(),
  caregiver: z
    .strictObject({
      name: personName,
      relation: singleLine(50).exactOptional(),
      phone: phone.exactOptional(),
    })
    .exactOptional(),
  // history
  history: history831,
  // status
  status: z.enum(personStatuses),
  deathDate: partialDate.exactOptional(),
  mergedInto: documentId.exactOptional(),
  movedOutTo: communeCode.exactOptional(),
  // derived
  searchName: text(200),
  sortKey: z.string().max(300),
  identityKey: z.string().max(40),
};

export const person = z.strictObject(personShape).superRefine((value, ctx) => {
  if (value.status === 'merged' && value.mergedInto === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['mergedInto'],
      message: 'Hồ sơ đã gộp phải ghi mã hồ sơ được giữ lại (mergedInto).',
      params: { reason: 'merged-without-survivor' },
    });
  }
  if (value.status !== 'merged' && value.mergedInto !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['mergedInto'],
      message: 'Chỉ hồ sơ có trạng thái "đã gộp" mới ghi mergedInto. Xóa mergedInto hoặc đổi trạng thái.',
      params: { reason: 'survivor-without-merge' },
    });
  }
  if (value.mergedInto === value.id) {
    ctx.addIssue({
      code: 'custom',
      path: ['mergedInto'],
      message: 'Không thể gộp hồ sơ vào chính nó. Chọn hồ sơ được giữ lại khác.',
      params: { reason: 'merged-into-itself' },
    });
  }
});
export type Person = z.infer<typeof person>;

/**
 * Validates a person document from outside (renderer → core, client → server); never throws. Errors are
 * `schema-invalid`; warnings are the identifier cross-checks that should be confirmed, not refused (a CCCD whose
 * birth year or sex disagrees with the record, a BHYT group or province missing from the list).
 */
export function validatePerson(input: unknown): Result<Person> {
  const result = validateDocument(person, input);
  if (!result.ok) return result;
  return ok(result.value, identityWarnings(result.value));
}

/**
 * The identifier cross-checks of a record or a form being filled: a CCCD whose province, century, sex digit or birth
 * year disagrees with the record; a BHYT card whose group or province code is unknown. Warnings to confirm, never
 * reasons to refuse (the card may be right and the record wrong).
 */
export function identityWarnings(value: {
  readonly personalId?: string | undefined;
  /** A partial ISO date; anything else (a form still being filled) is not compared. */
  readonly dateOfBirth?: string | undefined;
  readonly sex?: PersonSex | undefined;
  readonly bhytCards?: readonly { readonly code: string }[] | undefined;
}): Issue[] {
  const warnings: Issue[] = [];
  if (value.personalId !== undefined) {
    const born = value.dateOfBirth;
    const context = {
      dateOfBirth:
        born !== undefined && /^\d{4}(-\d{2}){0,2}$/.test(born) ? (born as Person['dateOfBirth']) : undefined,
      sex: value.sex,
      path: 'personalId',
    };
    const personalId = parsePersonalId(value.personalId, context);
    if (personalId.ok) warnings.push(...personalId.warnings);
  }
  (value.bhytCards ?? []).forEach((card, i) => {
    const parsed = parseBhytCard(card.code, `bhytCards.${String(i)}.code`);
    if (parsed.ok) warnings.push(...parsed.warnings);
  });
  return warnings;
}
