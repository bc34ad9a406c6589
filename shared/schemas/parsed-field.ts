import { z } from 'zod';
import type { Result } from '../errors/result.ts';

type Parser<T> = (input: string) => Result<T>;

/**
 * A string field checked and canonicalised by one of the house parsers (`parsePartialDate`, `parseBhytCard`, …):
 * the value is NFC-normalised, handed to the parser, and replaced by what the parser returns. Parser errors become
 * custom zod issues carrying the parser's Vietnamese message and its code as `params.reason`; warnings are dropped
 * here (the document validators compute them once the whole document is known).
 */
export function parsedField<T>(parse: Parser<T>) {
  return z
    .string()
    .normalize('NFC')
    .transform((value, ctx) => {
      const result = parse(value);
      if (result.ok) return result.value;
      for (const error of result.errors) {
        ctx.addIssue({
          code: 'custom',
          message: error.message,
          params: { reason: error.code },
          input: value,
        });
      }
      return z.NEVER;
    });
}

/** A string field that a house parser must accept as it stands; the stored text is the input, unchanged. */
export function checkedField(parse: Parser<unknown>) {
  return z.string().superRefine((value, ctx) => {
    const result = parse(value);
    if (result.ok) return;
    for (const error of result.errors) {
      ctx.addIssue({ code: 'custom', message: error.message, params: { reason: error.code }, input: value });
    }
  });
}
