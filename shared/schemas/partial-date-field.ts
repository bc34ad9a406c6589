import type { JsonSchema } from 'rxdb';
import { PARTIAL_DATE_PATTERN, parsePartialDate } from '../dates/partial-date.ts';
import { parsedField } from './parsed-field.ts';

/** A `PartialDate` (`yyyy`, `yyyy-mm` or `yyyy-mm-dd`), checked by `parsePartialDate`. */
export const partialDate = parsedField((input) => parsePartialDate(input));

export const partialDateJson = {
  type: 'string',
  maxLength: 10,
  pattern: PARTIAL_DATE_PATTERN.source,
} as const satisfies JsonSchema;
