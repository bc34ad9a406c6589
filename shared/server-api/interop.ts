import { z } from 'zod';

/**
 * The hospital intake (`POST /interop/qd130`, Art. 20): the answer to one hồ sơ giám định, one entry per hồ sơ in the
 * order sent (`position`, 1-based): accepted (with the resident's health ID), replaced (a corrected re-send: the same
 * visit, a new `version`), unchanged (sent before), review (kept for the district: several residents match, or nobody
 * does and the address has no Hanoi station), refused (every fault, each with its stable code, the field as `path`
 * — `XML1/NGAY_RA` — and a Vietnamese message with the rule).
 */
export const intakeOutcomes = ['accepted', 'replaced', 'unchanged', 'review', 'refused'] as const;
export type IntakeOutcomeName = (typeof intakeOutcomes)[number];
export const intakeReviewReasons = ['ambiguous', 'address-unplaceable'] as const;

export const intakeIssue = z.object({ code: z.string(), message: z.string(), path: z.string().optional() });

export const intakeRecordAnswer = z.object({
  position: z.number().int(),
  visitKey: z.string().optional(),
  outcome: z.enum(intakeOutcomes),
  healthId: z.string().optional(),
  version: z.number().int().optional(),
  reviewReason: z.enum(intakeReviewReasons).optional(),
  issues: z.array(intakeIssue),
});
export type IntakeRecordAnswer = z.infer<typeof intakeRecordAnswer>;

export const intakeAnswer = z.object({
  facilityCode: z.string(),
  /** When the server received the envelope (ISO, UTC). */
  receivedAt: z.string(),
  records: z.array(intakeRecordAnswer),
  /** How many hồ sơ had each outcome. */
  counts: z.object(
    Object.fromEntries(intakeOutcomes.map((o) => [o, z.number().int()])) as Record<
      IntakeOutcomeName,
      z.ZodNumber
    >,
  ),
});
export type IntakeAnswer = z.infer<typeof intakeAnswer>;

/** The media types of a hồ sơ giám định as hospitals send it. */
export const QD130_CONTENT_TYPES = ['application/xml', 'text/xml'] as const;

/**
 * The review queue of hospital visits (`GET /admin/intake/review`, city and district admins): hồ sơ whose patient the
 * intake could not decide — several residents match (`ambiguous`), or nobody does and the address names no Hanoi
 * station (`address-unplaceable`) — with the patient as the hospital described them and the candidate residents; and
 * the decision on one (`POST /admin/intake/review/:facilityCode/:visitKey`): attach it to a candidate, or create a new
 * resident in a commune.
 */
export const intakeReviewPatient = z.object({
  fullName: z.string(),
  dateOfBirth: z.string(),
  sex: z.string(),
  personalId: z.string().optional(),
  bhytCard: z.string().optional(),
  /** MATINH_CU_TRU / MAXA_CU_TRU / DIA_CHI as sent. */
  provinceCode: z.string().optional(),
  communeCode: z.string().optional(),
  addressDetail: z.string().optional(),
});
export const intakeReviewCandidate = z.object({
  id: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  sex: z.string(),
  healthId: z.string(),
  personalId: z.string().optional(),
  /** The station that manages the resident. */
  orgUnitId: z.string(),
  status: z.string(),
});
export const intakeReviewItem = z.object({
  facilityCode: z.string(),
  facilityName: z.string(),
  visitKey: z.string(),
  reason: z.enum(intakeReviewReasons),
  receivedAt: z.string(),
  /** yyyy-mm-dd: the day of NGAY_VAO. */
  visitDate: z.string(),
  diagnoses: z.array(z.object({ icd10: z.string(), name: z.string(), primary: z.boolean() })),
  patient: intakeReviewPatient,
  candidates: z.array(intakeReviewCandidate),
});
export type IntakeReviewItem = z.infer<typeof intakeReviewItem>;
export const intakeReviewAnswer = z.object({ items: z.array(intakeReviewItem) });

export const intakeReviewParams = z.strictObject({
  facilityCode: z.string().regex(/^\d{2}[0-9A-Z]{3}$/),
  visitKey: z.string().min(1).max(100),
});
export const intakeReviewDecision = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('attach'), personId: z.string().min(1).max(40) }),
  z.strictObject({ action: z.literal('create'), communeCode: z.string().regex(/^\d{5}$/) }),
]);
export type IntakeReviewDecision = z.infer<typeof intakeReviewDecision>;
export const intakeReviewResolved = z.object({
  visitKey: z.string(),
  personId: z.string(),
  healthId: z.string(),
  encounterId: z.string(),
});

/**
 * The same-day check (Art. 20): per facility and day, hồ sơ received and what became of them, those sent late (after
 * the day of NGAY_RA), and facilities silent for `silentDays` (`GET /admin/intake/figures`, city and district admins;
 * `GET /interop/qd130/figures`, a hospital's own). `from`/`to`: yyyy-mm-dd, Vietnamese days, inclusive.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const intakeFiguresQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  silentDays: z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(90))
    .optional(),
});
const counts = {
  received: z.number().int(),
  accepted: z.number().int(),
  replaced: z.number().int(),
  unchanged: z.number().int(),
  review: z.number().int(),
  refused: z.number().int(),
  late: z.number().int(),
};
export const intakeDayFigures = z.object({ day, ...counts });
export const intakeFacilityFigures = z.object({
  facilityCode: z.string(),
  unitId: z.string(),
  name: z.string(),
  ...counts,
  /** The last day anything was received from it, ever; null if never. */
  lastReceivedOn: day.nullable(),
  /** Nothing received for `silentDays` days up to `to`. */
  silent: z.boolean(),
});
export type IntakeFacilityFigures = z.infer<typeof intakeFacilityFigures>;
export const intakeFiguresAnswer = z.object({
  from: day,
  to: day,
  silentDays: z.number().int(),
  days: z.array(intakeDayFigures),
  facilities: z.array(intakeFacilityFigures),
});
export type IntakeFiguresAnswer = z.infer<typeof intakeFiguresAnswer>;

/** One facility's refused hồ sơ in a period, newest first, with every fault (`GET /admin/intake/figures/:facilityCode/refused`). */
export const intakeRefusalsParams = z.strictObject({ facilityCode: z.string().regex(/^\d{2}[0-9A-Z]{3}$/) });
export const intakeRefusal = z.object({
  receivedAt: z.string(),
  visitKey: z.string().optional(),
  position: z.number().int(),
  issues: z.array(intakeIssue),
});
export type IntakeRefusal = z.infer<typeof intakeRefusal>;
export const intakeRefusalsAnswer = z.object({
  facilityCode: z.string(),
  name: z.string(),
  items: z.array(intakeRefusal),
});

/**
 * A hospital's own systems confirming who a patient is (`GET /interop/patients`, interop accounts only, one identifier
 * per request, audited per read, rate-limited per account): the health ID and the minimum to confirm identity — name,
 * date of birth, sex — of each resident holding the identifier (two when a duplicate is not merged yet).
 */
export const patientLookupQuery = z
  .strictObject({
    cccd: z
      .string()
      .trim()
      .regex(/^(\d{9}|\d{12})$/, 'Số CCCD gồm 12 chữ số (CMND cũ: 9 chữ số).')
      .optional(),
    bhyt: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}\d{13}$/, 'Mã thẻ BHYT gồm 15 ký tự: 2 chữ cái và 13 chữ số.')
      .optional(),
    healthId: z
      .string()
      .trim()
      .regex(/^\d{13}$/, 'Mã định danh y tế gồm 13 chữ số.')
      .optional(),
  })
  .refine((q) => [q.cccd, q.bhyt, q.healthId].filter((v) => v !== undefined).length === 1, {
    message: 'Tra cứu bằng đúng một trong ba: cccd, bhyt hoặc healthId.',
  });
export const patientLookupAnswer = z.object({
  patients: z.array(
    z.object({ healthId: z.string(), fullName: z.string(), dateOfBirth: z.string(), sex: z.string() }),
  ),
});

/**
 * A batch for back-filling (`POST /interop/qd130/batch`, `application/zip`): a ZIP of hồ sơ giám định files (.xml),
 * each answered on its own in archive order — its `answer` as for one envelope, or the `problem` that refused it
 * whole — with the outcomes of every hồ sơ of the batch counted together.
 */
export const BATCH_CONTENT_TYPE = 'application/zip';
export const intakeBatchAnswer = z.object({
  files: z.array(
    z.object({
      name: z.string(),
      answer: intakeAnswer.optional(),
      problem: z
        .object({ code: z.string(), message: z.string(), issues: z.array(intakeIssue).optional() })
        .optional(),
    }),
  ),
  counts: intakeAnswer.shape.counts,
});
export type IntakeBatchAnswer = z.infer<typeof intakeBatchAnswer>;
