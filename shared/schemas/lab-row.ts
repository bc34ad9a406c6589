import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { isoDate, isoDateJson } from './iso-date.ts';
import { jsonObject } from './json-schema-parts.ts';
import { TEXT_LIMITS, requiredText, requiredTextJson, singleLine, text, textJson } from './text-field.ts';

/**
 * One lab or imaging result, shaped like a BHYT XML4 row (domain-reference §3.4): MA_DICH_VU, MA_CHI_SO,
 * TEN_CHI_SO, GIA_TRI, DON_VI_DO, MO_TA, KET_LUAN, NGAY_KQ. Values are text because results are ("âm tính", "1.2").
 */
export const labRow = z.strictObject({
  serviceCode: singleLine(50).exactOptional(),
  indicatorCode: singleLine(50).exactOptional(),
  name: requiredText(TEXT_LIMITS.name),
  value: requiredText(TEXT_LIMITS.line),
  unit: singleLine(50).exactOptional(),
  description: text(TEXT_LIMITS.note).exactOptional(),
  conclusion: text(TEXT_LIMITS.note).exactOptional(),
  resultDate: isoDate.exactOptional(),
});
export type LabRow = z.infer<typeof labRow>;

export const labRowJson: JsonSchema = jsonObject(
  {
    serviceCode: textJson(50),
    indicatorCode: textJson(50),
    name: requiredTextJson(TEXT_LIMITS.name),
    value: requiredTextJson(TEXT_LIMITS.line),
    unit: textJson(50),
    description: textJson(TEXT_LIMITS.note),
    conclusion: textJson(TEXT_LIMITS.note),
    resultDate: isoDateJson,
  },
  ['name', 'value'],
);
