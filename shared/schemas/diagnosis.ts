import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { icd10Code, icd10CodeJson } from './icd10-code.ts';
import { jsonObject } from './json-schema-parts.ts';
import { TEXT_LIMITS, requiredText, requiredTextJson, singleLine, textJson } from './text-field.ts';

/**
 * One diagnosis of a visit (QĐ 831 part D 4): an ICD-10 code with its Vietnamese name, or — when no code fits — the
 * words written down, marked `uncoded` for the district to code later; and whether it is the main one. Once the
 * district codes it, it has the code, keeps the words written at the station, and names the coder in `codedBy`.
 */
export const diagnosis = z
  .strictObject({
    icd10: icd10Code.exactOptional(),
    name: requiredText(TEXT_LIMITS.name),
    uncoded: z.literal(true).exactOptional(),
    codedBy: singleLine(TEXT_LIMITS.short).exactOptional(),
    primary: z.boolean(),
  })
  .superRefine((value, ctx) => {
    if ((value.icd10 === undefined) === (value.uncoded === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['icd10'],
        message:
          value.icd10 === undefined
            ? 'Chẩn đoán cần mã ICD-10, hoặc được ghi là chưa mã hóa. Chọn mã hoặc ghi chẩn đoán không mã.'
            : 'Chẩn đoán đã có mã ICD-10 thì không ghi là chưa mã hóa. Bỏ đánh dấu chưa mã hóa.',
        params: { reason: 'diagnosis-code-or-uncoded' },
      });
    }
  });
export type Diagnosis = z.infer<typeof diagnosis>;

export const diagnosisJson: JsonSchema = jsonObject(
  {
    icd10: icd10CodeJson,
    name: requiredTextJson(TEXT_LIMITS.name),
    uncoded: { type: 'boolean' },
    codedBy: textJson(TEXT_LIMITS.short),
    primary: { type: 'boolean' },
  },
  ['name', 'primary'],
);

/** What identifies a diagnosis within one visit: its code, or the words of an uncoded one. */
export function diagnosisKey(value: Pick<Diagnosis, 'icd10' | 'name'>): string {
  return value.icd10 ?? `text:${value.name}`;
}
