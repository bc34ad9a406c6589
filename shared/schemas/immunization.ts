import { z } from 'zod';
import { defineIssues, type Issue } from '../errors/issue.ts';
import { ok, type Result } from '../errors/result.ts';
import { vaccineEntryOn } from '../reference-data/vaccine-catalogue.ts';
import { facilityCode } from './bhyt-card-row.ts';
import { documentBaseShape } from './document-base.ts';
import { documentId } from './document-id.ts';
import { immunizationFieldGroups } from './field-groups.ts';
import { isoDate } from './iso-date.ts';
import { TEXT_LIMITS, requiredText, singleLine, text } from './text-field.ts';
import { validateDocument } from './validate-document.ts';

/**
 * One vaccine dose, QĐ 831 part C: the `immunizations` collection. `recorded`: the dose was given on `date`.
 * `not-vaccinated`: the form's "Chưa chủng ngừa", noted on `date` (the person has not had this dose; it stays due).
 * Append-only: a mistake is marked `entered-in-error`, a correction is a new record that `amends` the old one.
 *
 * Vaccine codes are our short stable codes (`DPT_VGB_HIB`) from the vaccine catalogue (the TCMR schedule and the
 * service vaccines). Records from elsewhere may name a vaccine the catalogue lacks, so a well-formed code missing
 * from it is accepted with a warning, not refused.
 */
export const immunizationStatuses = ['recorded', 'entered-in-error', 'not-vaccinated'] as const;
export type ImmunizationStatus = (typeof immunizationStatuses)[number];
export const immunizationSourceKinds = ['station', 'interop', 'import'] as const;

export const VACCINE_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,31}$/;

export const immunizationShape = {
  ...documentBaseShape(immunizationFieldGroups),
  personId: documentId,
  vaccineCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(
      VACCINE_CODE_PATTERN,
      'Mã vắc xin gồm chữ in hoa, chữ số và dấu gạch dưới, ví dụ BCG hoặc DPT_VGB_HIB.',
    ),
  dose: z.int().min(1).max(20),
  date: isoDate,
  facility: singleLine(TEXT_LIMITS.name).exactOptional(),
  lot: singleLine(50).exactOptional(),
  reaction: text(TEXT_LIMITS.line).exactOptional(),
  nextAppointment: isoDate.exactOptional(),
  pregnancyMonth: z.int().min(1).max(10).exactOptional(),
  source: z.strictObject({
    kind: z.enum(immunizationSourceKinds),
    facilityCode: facilityCode.exactOptional(),
  }),
  amends: documentId.exactOptional(),
  status: z.enum(immunizationStatuses),
  /**
   * Recorded although the schedule questioned it (too young, too soon after the previous dose…): the codes of those
   * findings and the health worker's reason.
   */
  safetyOverride: z
    .strictObject({
      reason: requiredText(TEXT_LIMITS.line),
      findings: z.array(z.string().max(40)).max(10),
    })
    .exactOptional(),
};

export const immunization = z.strictObject(immunizationShape).superRefine((value, ctx) => {
  if (value.amends === value.id) {
    ctx.addIssue({
      code: 'custom',
      path: ['amends'],
      message: 'Mũi tiêm không thể sửa chính nó. Chọn bản ghi tiêm gốc cần sửa.',
      params: { reason: 'amends-itself' },
    });
  }
});
export type Immunization = z.infer<typeof immunization>;

const issue = defineIssues({
  'vaccine-not-in-schedule':
    'Mã vắc xin "{vaccineCode}" không có trong danh mục vắc xin áp dụng vào ngày {date}. Nếu đúng là vắc xin khác thì bỏ qua cảnh báo; nếu không, chọn lại vắc xin.',
  'dose-beyond-series':
    'Vắc xin {vaccineCode} chỉ có {doses} mũi trong lịch tiêm nhưng bản ghi là mũi {dose}. Kiểm tra lại số mũi.',
  'appointment-before-dose':
    'Ngày hẹn tiêm tiếp {nextAppointment} trước ngày tiêm {date}. Kiểm tra lại ngày hẹn.',
});
export type ImmunizationWarningCode = Parameters<typeof issue>[0];

/**
 * Validates an immunization document from outside (renderer → core, client → server); never throws. Warnings:
 * a vaccine outside the catalogue valid on the dose date, a dose number past that series, an appointment before
 * the dose.
 */
export function validateImmunization(input: unknown): Result<Immunization> {
  const result = validateDocument(immunization, input);
  if (!result.ok) return result;
  return ok(result.value, immunizationWarnings(result.value));
}

function immunizationWarnings(value: Immunization): Issue[] {
  const { vaccineCode, dose, date, nextAppointment } = value;
  const warnings: Issue[] = [];
  const entry = vaccineEntryOn(vaccineCode, date);
  if (entry === undefined) {
    warnings.push(issue('vaccine-not-in-schedule', { vaccineCode, date }, 'vaccineCode'));
  } else if (entry.doses !== null && dose > entry.doses) {
    warnings.push(issue('dose-beyond-series', { vaccineCode, doses: entry.doses, dose }, 'dose'));
  }
  if (nextAppointment !== undefined && nextAppointment < date) {
    warnings.push(issue('appointment-before-dose', { nextAppointment, date }, 'nextAppointment'));
  }
  return warnings;
}
