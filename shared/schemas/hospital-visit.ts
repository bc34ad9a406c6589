import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { bhytCardRow, bhytCardRowJson, facilityCode, facilityCodeJson } from './bhyt-card-row.ts';
import { isoDate, isoDateJson } from './iso-date.ts';
import { isoDateTime, isoDateTimeJson } from './iso-datetime.ts';
import { jsonEnum, jsonObject } from './json-schema-parts.ts';
import { TEXT_LIMITS, requiredText, requiredTextJson, singleLine, text, textJson } from './text-field.ts';

/** KET_QUA_DTRI (QĐ 130 XML1): 1 khỏi … 7 chưa xác định. */
export const treatmentOutcomes = ['1', '2', '3', '4', '5', '6', '7'] as const;
/** MA_LOAI_RV (QĐ 130 XML1): 1 ra viện, 2 chuyển tuyến chuyên môn, 3 trốn viện, 4 xin ra viện, 5 chuyển tuyến theo yêu cầu. */
export const dischargeTypes = ['1', '2', '3', '4', '5'] as const;
/** MA_LYDO_CT (QĐ 130 XML13): 1 đúng quy định, 2 vượt khả năng cơ sở, 3 theo yêu cầu người bệnh. */
export const referralReasons = ['1', '2', '3'] as const;
/** MA_LOAI_KCB: two digits from the DMDC list (01 khám bệnh, 03 nội trú…); kept as sent. */
export const VISIT_TYPE_PATTERN = /^\d{2}$/;

export const MAX_HOSPITAL_DRUGS = 300;
export const MAX_HOSPITAL_SERVICES = 300;
export const MAX_CLINICAL_COURSE = 100;

const code = (max: number) => singleLine(max).exactOptional();

/** One drug given or prescribed (XML2), summarised: what, how much, how. Prices stay in the original XML. */
export const hospitalDrug = z.strictObject({
  code: code(255),
  name: requiredText(TEXT_LIMITS.name),
  strength: code(TEXT_LIMITS.short),
  unit: code(50),
  route: code(TEXT_LIMITS.short),
  dosage: text(TEXT_LIMITS.line).exactOptional(),
  quantity: z.number().min(0).max(1_000_000).exactOptional(),
});

/** One technical service or supply (XML3), summarised. */
export const hospitalService = z.strictObject({
  code: code(50),
  name: requiredText(TEXT_LIMITS.name),
  quantity: z.number().min(0).max(1_000_000).exactOptional(),
});

/** One entry of the clinical course (XML5). */
export const clinicalCourseEntry = z.strictObject({
  at: isoDateTime.exactOptional(),
  course: text(TEXT_LIMITS.note),
  stage: text(TEXT_LIMITS.line).exactOptional(),
});

/**
 * What a hospital visit received through the QĐ 130 intake adds to an encounter of kind `hospital-visit`: the visit
 * key and times, the outcome and discharge, the card used, summaries of the drugs (XML2), services (XML3) and clinical
 * course (XML5), the discharge paper and record summary (XML7, XML8), a referral (XML13) and a follow-up appointment
 * (XML14 or XML1 NGAY_TAI_KHAM), which the station shows as an upcoming appointment. Diagnoses, labs (XML4), weight
 * and the doctor's advice go in the encounter's own fields. The hospital's original XML is kept on the server.
 */
export const hospitalVisit = z.strictObject({
  facilityCode,
  /** MA_LK: the facility's key of this visit; with the facility it identifies the visit. */
  visitKey: requiredText(100),
  recordNumber: code(100),
  visitType: z.string().regex(VISIT_TYPE_PATTERN).exactOptional(),
  admittedAt: isoDateTime,
  inpatientFrom: isoDateTime.exactOptional(),
  dischargedAt: isoDateTime.exactOptional(),
  treatmentDays: z.int().min(0).max(999).exactOptional(),
  reasonForVisit: text(TEXT_LIMITS.line).exactOptional(),
  admissionDiagnosis: text(TEXT_LIMITS.note).exactOptional(),
  dischargeDiagnosis: text(TEXT_LIMITS.note).exactOptional(),
  treatment: text(TEXT_LIMITS.note).exactOptional(),
  outcome: z.enum(treatmentOutcomes).exactOptional(),
  dischargeType: z.enum(dischargeTypes).exactOptional(),
  insuranceCard: bhytCardRow.exactOptional(),
  drugs: z.array(hospitalDrug).max(MAX_HOSPITAL_DRUGS),
  services: z.array(hospitalService).max(MAX_HOSPITAL_SERVICES),
  clinicalCourse: z.array(clinicalCourseEntry).max(MAX_CLINICAL_COURSE),
  dischargeSummary: text(TEXT_LIMITS.note).exactOptional(),
  referral: z
    .strictObject({
      toFacility: facilityCode.exactOptional(),
      fromFacility: facilityCode.exactOptional(),
      paperNumber: code(50),
      reason: z.enum(referralReasons).exactOptional(),
    })
    .exactOptional(),
  followUp: z
    .strictObject({ date: isoDate, paperNumber: code(50), note: text(TEXT_LIMITS.line).exactOptional() })
    .exactOptional(),
  /** Version of the hồ sơ this visit holds: 1 when first received, +1 for each corrected re-send. */
  version: z.int().min(1).max(10_000),
  receivedAt: isoDateTime,
});
export type HospitalVisit = z.infer<typeof hospitalVisit>;

const quantityJson: JsonSchema = { type: 'number', minimum: 0, maximum: 1_000_000 };

export const hospitalVisitJson: JsonSchema = jsonObject(
  {
    facilityCode: facilityCodeJson,
    visitKey: requiredTextJson(100),
    recordNumber: textJson(100),
    visitType: { type: 'string', maxLength: 2, pattern: VISIT_TYPE_PATTERN.source },
    admittedAt: isoDateTimeJson,
    inpatientFrom: isoDateTimeJson,
    dischargedAt: isoDateTimeJson,
    treatmentDays: { type: 'integer', minimum: 0, maximum: 999 },
    reasonForVisit: textJson(TEXT_LIMITS.line),
    admissionDiagnosis: textJson(TEXT_LIMITS.note),
    dischargeDiagnosis: textJson(TEXT_LIMITS.note),
    treatment: textJson(TEXT_LIMITS.note),
    outcome: jsonEnum(treatmentOutcomes),
    dischargeType: jsonEnum(dischargeTypes),
    insuranceCard: bhytCardRowJson,
    drugs: {
      type: 'array',
      maxItems: MAX_HOSPITAL_DRUGS,
      items: jsonObject(
        {
          code: textJson(255),
          name: requiredTextJson(TEXT_LIMITS.name),
          strength: textJson(TEXT_LIMITS.short),
          unit: textJson(50),
          route: textJson(TEXT_LIMITS.short),
          dosage: textJson(TEXT_LIMITS.line),
          quantity: quantityJson,
        },
        ['name'],
      ),
    },
    services: {
      type: 'array',
      maxItems: MAX_HOSPITAL_SERVICES,
      items: jsonObject(
        { code: textJson(50), name: requiredTextJson(TEXT_LIMITS.name), quantity: quantityJson },
        ['name'],
      ),
    },
    clinicalCourse: {
      type: 'array',
      maxItems: MAX_CLINICAL_COURSE,
      items: jsonObject(
        { at: isoDateTimeJson, course: textJson(TEXT_LIMITS.note), stage: textJson(TEXT_LIMITS.line) },
        ['course'],
      ),
    },
    dischargeSummary: textJson(TEXT_LIMITS.note),
    referral: jsonObject(
      {
        toFacility: facilityCodeJson,
        fromFacility: facilityCodeJson,
        paperNumber: textJson(50),
        reason: jsonEnum(referralReasons),
      },
      [],
    ),
    followUp: jsonObject({ date: isoDateJson, paperNumber: textJson(50), note: textJson(TEXT_LIMITS.line) }, [
      'date',
    ]),
    version: { type: 'integer', minimum: 1, maximum: 10_000 },
    receivedAt: isoDateTimeJson,
  },
  ['facilityCode', 'visitKey', 'admittedAt', 'drugs', 'services', 'clinicalCourse', 'version', 'receivedAt'],
);
