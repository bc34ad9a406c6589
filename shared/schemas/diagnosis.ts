import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { icd10Code, icd10CodeJson } from './icd10-code.ts';
import { jsonObject } from './json-schema-parts.ts';
import { TEXT_LIMITS, requiredText, requiredTextJson } from './text-field.ts';

/** One diagnosis of a visit (QĐ 831 part D 4): ICD-10 code, its Vietnamese name, and whether it is the main one. */
export const diagnosis = z.strictObject({
  icd10: icd10Code,
  name: requiredText(TEXT_LIMITS.name),
  primary: z.boolean(),
});
export type Diagnosis = z.infer<typeof diagnosis>;

export const diagnosisJson: JsonSchema = jsonObject(
  {
    icd10: icd10CodeJson,
    name: requiredTextJson(TEXT_LIMITS.name),
    primary: { type: 'boolean' },
  },
  ['icd10', 'name', 'primary'],
);
