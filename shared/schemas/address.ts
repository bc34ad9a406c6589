import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { adminSchemes } from '../reference-data/reference-types.ts';
import { TEXT_LIMITS, singleLine, textJson } from './text-field.ts';

/**
 * A postal address as the health record keeps it: the commune (5-digit GSO code) in the administrative scheme it was
 * coded in — codes were reused with new meanings in the 2025 reform, so a code alone is ambiguous — and the detail
 * below the commune (thôn/xóm/tổ, số nhà, đường phố). Only the format of the code is checked: residents' addresses
 * span all provinces and only Hà Nội's communes ship as reference data.
 */
export const COMMUNE_CODE_PATTERN = /^\d{5}$/;

export const communeCode = z
  .string()
  .regex(COMMUNE_CODE_PATTERN, 'Mã xã/phường gồm đúng 5 chữ số, ví dụ 00070.');

export const address = z.strictObject({
  communeCode,
  scheme: z.enum(adminSchemes),
  detail: singleLine(TEXT_LIMITS.line).exactOptional(),
});
export type Address = z.infer<typeof address>;

export const communeCodeJson = {
  type: 'string',
  maxLength: 5,
  pattern: COMMUNE_CODE_PATTERN.source,
} as const satisfies JsonSchema;

export const addressJson: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    communeCode: communeCodeJson,
    scheme: { type: 'string', enum: [...adminSchemes] },
    detail: textJson(TEXT_LIMITS.line),
  },
  required: ['communeCode', 'scheme'],
};
