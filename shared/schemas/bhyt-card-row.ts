import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { ok } from '../errors/result.ts';
import { BHYT_CARD_PATTERN, parseBhytCard } from '../identifiers/bhyt-card.ts';
import { FACILITY_CODE_PATTERN, parseFacilityCode } from '../identifiers/facility-code.ts';
import { isoDate, isoDateJson } from './iso-date.ts';
import { parsedField } from './parsed-field.ts';

/** Where a card holder lives, for the BHYT benefit rules (nơi sinh sống K1/K2/K3 on the card). */
export const bhytAreaCodes = ['K1', 'K2', 'K3'] as const;
export type BhytAreaCode = (typeof bhytAreaCodes)[number];

/** A facility code (mã cơ sở KCB), canonicalised by `parseFacilityCode` and stored as plain text. */
export const facilityCode = parsedField((input) => {
  const result = parseFacilityCode(input);
  return result.ok ? ok<string>(result.value) : result;
});

export const facilityCodeJson = {
  type: 'string',
  maxLength: 5,
  pattern: FACILITY_CODE_PATTERN.source,
} as const satisfies JsonSchema;

/**
 * One BHYT card period (domain-reference §4.2): the 15-character card code, its validity, the registered primary-care
 * facility (MA_DKBD) and the area code. A person keeps one row per card period, newest last.
 */
export const bhytCardRow = z
  .strictObject({
    code: parsedField((input) => {
      const result = parseBhytCard(input);
      return result.ok ? ok(result.value.code) : result;
    }),
    validFrom: isoDate.exactOptional(),
    validTo: isoDate.exactOptional(),
    registeredFacility: facilityCode.exactOptional(),
    areaCode: z.enum(bhytAreaCodes).exactOptional(),
  })
  .refine(
    (card) => card.validFrom === undefined || card.validTo === undefined || card.validFrom <= card.validTo,
    {
      message: 'Ngày thẻ BHYT hết hạn đứng trước ngày bắt đầu. Kiểm tra lại hạn thẻ trên thẻ BHYT.',
      path: ['validTo'],
      params: { reason: 'bhyt-card-validity-reversed' },
    },
  );
export type BhytCardRow = z.infer<typeof bhytCardRow>;

export const bhytCardRowJson: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    code: { type: 'string', minLength: 15, maxLength: 15, pattern: BHYT_CARD_PATTERN.source },
    validFrom: isoDateJson,
    validTo: isoDateJson,
    registeredFacility: facilityCodeJson,
    areaCode: { type: 'string', enum: [...bhytAreaCodes] },
  },
  required: ['code'],
};
