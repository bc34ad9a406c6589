import { z } from 'zod';
import { icd10Code } from '../schemas/icd10-code.ts';
import { limitParam } from './query-params.ts';

/**
 * The district's coding queue (`GET /admin/coding-queue`): diagnoses written at a station without an ICD-10 code, in
 * the admin's subtree, newest first; and the coding of one (`POST /admin/coding-queue/:encounterId/code`).
 */
export const codingQueueQuery = z.strictObject({ limit: limitParam(200).optional() });

export const uncodedDiagnosis = z.object({
  encounterId: z.string(),
  personId: z.string(),
  /** yyyy-mm-dd, the visit's date (the ICD-10 edition valid then is the one to code with). */
  date: z.string(),
  orgUnitId: z.string(),
  /** The words written at the station. */
  name: z.string(),
  signed: z.boolean(),
});
export type UncodedDiagnosis = z.infer<typeof uncodedDiagnosis>;
export const codingQueueAnswer = z.object({
  items: z.array(uncodedDiagnosis),
  /** The visits looked through (the newest of the subtree), and whether older ones were left out. */
  scanned: z.number(),
  more: z.boolean(),
});

export const codingParams = z.strictObject({ encounterId: z.string().min(1).max(40) });
export const codeDiagnosisRequest = z.strictObject({
  /** The words of the uncoded diagnosis, as listed. */
  name: z.string().min(1).max(200),
  icd10: icd10Code,
});
export type CodeDiagnosisRequest = z.input<typeof codeDiagnosisRequest>;
export const codeDiagnosisAnswer = z.object({ coded: uncodedDiagnosis.extend({ icd10: z.string() }) });
