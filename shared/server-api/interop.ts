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
