import { z } from 'zod';
import type { JsonSchema } from 'rxdb';

/**
 * An ICD-10 code written with a dot (`E11.9`, `J06`). Only the format is checked: the shipped list
 * (`icd10Common`) is a primary-care subset, so a well-formed code missing from it is still a real code.
 */
export const ICD10_PATTERN = /^[A-Z]\d{2}(\.\d{1,2})?$/;

export const icd10Code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    ICD10_PATTERN,
    'Mã ICD-10 phải có dạng chữ cái + 2 chữ số, có thể thêm dấu chấm và 1–2 chữ số (ví dụ J06 hoặc E11.9).',
  );

export const icd10CodeJson = {
  type: 'string',
  maxLength: 6,
  pattern: ICD10_PATTERN.source,
} as const satisfies JsonSchema;
