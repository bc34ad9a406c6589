import { z } from 'zod';
import type { Result } from '../errors/result.ts';
import { facilityCode } from './bhyt-card-row.ts';
import { diagnosis } from './diagnosis.ts';
import { documentBaseShape } from './document-base.ts';
import { documentId } from './document-id.ts';
import { encounterFieldGroups } from './field-groups.ts';
import { hospitalVisit } from './hospital-visit.ts';
import { isoDate } from './iso-date.ts';
import { isoDateTime } from './iso-datetime.ts';
import { labRow } from './lab-row.ts';
import { optionalTexts } from './optional-texts.ts';
import { organSystems } from './organ-systems.ts';
import { TEXT_LIMITS, requiredText, text } from './text-field.ts';
import { validateDocument } from './validate-document.ts';
import { vitals } from './vitals.ts';

/**
 * One exam or visit, QĐ 831 part D (or a hospital visit received through interop): the `encounters` collection.
 * Append-only once signed: a correction is a new encounter that `amends` the original.
 */
export const encounterKinds = ['periodic-exam', 'sick-visit', 'screening', 'hospital-visit'] as const;
export type EncounterKind = (typeof encounterKinds)[number];
export const encounterStatuses = ['draft', 'signed'] as const;
export type EncounterStatus = (typeof encounterStatuses)[number];
export const encounterSourceKinds = ['station', 'interop'] as const;
/** QĐ 831 part D 2.2: uncorrected and corrected visual acuity per eye, as written ("10/10", "ĐNT 1m"). */
export const visualAcuityKeys = [
  'rightUncorrected',
  'leftUncorrected',
  'rightCorrected',
  'leftCorrected',
] as const;
/** QĐ 831 part D 2.3.1: general examination. */
export const generalExamKeys = ['skinMucosa', 'other'] as const;

export const VISUAL_ACUITY_MAX_LENGTH = 20;

export const encounterShape = {
  ...documentBaseShape(encounterFieldGroups),
  personId: documentId,
  kind: z.enum(encounterKinds),
  date: isoDate,
  history: text(TEXT_LIMITS.note).exactOptional(),
  vitals: vitals.exactOptional(),
  visualAcuity: optionalTexts(visualAcuityKeys, VISUAL_ACUITY_MAX_LENGTH).exactOptional(),
  generalExam: optionalTexts(generalExamKeys, TEXT_LIMITS.line).exactOptional(),
  organSystems: organSystems.exactOptional(),
  developmentAssessment: text(TEXT_LIMITS.note).exactOptional(),
  labs: z.array(labRow).max(200).exactOptional(),
  diagnoses: z.array(diagnosis).max(50),
  advice: text(TEXT_LIMITS.note).exactOptional(),
  signer: z
    .strictObject({ practitionerId: requiredText(40), name: requiredText(TEXT_LIMITS.name) })
    .exactOptional(),
  status: z.enum(encounterStatuses),
  signedAt: isoDateTime.exactOptional(),
  amends: documentId.exactOptional(),
  source: z.strictObject({ kind: z.enum(encounterSourceKinds), facilityCode }),
  /** A hospital visit received through the QĐ 130 intake: what the hospital's XML adds (only on `hospital-visit`). */
  hospital: hospitalVisit.exactOptional(),
};

export const encounter = z.strictObject(encounterShape).superRefine((value, ctx) => {
  if (value.status === 'signed' && (value.signedAt === undefined || value.signer === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [value.signer === undefined ? 'signer' : 'signedAt'],
      message: 'Phiếu khám đã ký phải có người ký và thời điểm ký. Ký lại phiếu khám.',
      params: { reason: 'signed-without-signature' },
    });
  }
  if (value.status === 'draft' && value.signedAt !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['signedAt'],
      message: 'Phiếu khám chưa ký không được có thời điểm ký. Xóa signedAt hoặc ký phiếu khám.',
      params: { reason: 'draft-with-signature' },
    });
  }
  if (value.diagnoses.filter((d) => d.primary).length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['diagnoses'],
      message: 'Chỉ được có một chẩn đoán chính. Bỏ đánh dấu "chính" ở các chẩn đoán còn lại.',
      params: { reason: 'several-primary-diagnoses' },
    });
  }
  if (value.hospital !== undefined && value.kind !== 'hospital-visit') {
    ctx.addIssue({
      code: 'custom',
      path: ['hospital'],
      message:
        'Chỉ lượt khám chữa bệnh tại bệnh viện mới có thông tin hồ sơ bệnh viện. Bỏ phần này hoặc đổi loại lượt khám.',
      params: { reason: 'hospital-block-on-station-visit' },
    });
  }
  if (value.amends === value.id) {
    ctx.addIssue({
      code: 'custom',
      path: ['amends'],
      message: 'Phiếu khám không thể sửa chính nó. Chọn phiếu khám gốc cần sửa.',
      params: { reason: 'amends-itself' },
    });
  }
});
export type Encounter = z.infer<typeof encounter>;

/** Validates an encounter document from outside (renderer → core, client → server); never throws. */
export function validateEncounter(input: unknown): Result<Encounter> {
  return validateDocument(encounter, input);
}
