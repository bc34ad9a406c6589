import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { cleanText } from '../text/clean-text.ts';
import { safeString } from './safe-string.ts';

/**
 * Free text typed by people (notes, findings; line breaks kept), NFC-normalised at the boundary (DESIGN.md §4
 * "Text"), at most `max` UTF-16 code units, may be empty; a NUL character is refused (`safeString`). The RxDB
 * schema's `maxLength` counts code points, so anything these validators accept fits there too.
 */
export function text(max: number) {
  return safeString().normalize('NFC').max(max);
}

/**
 * A single-line value (a name, a place, a label) as `cleanText` stores it: NFC, trimmed, spaces collapsed; may be
 * empty. Control characters, NUL among them, are removed rather than refused, like every invisible character.
 */
export function singleLine(max: number) {
  return z.string().overwrite(cleanText).max(max);
}

/** A single-line value that must say something: `singleLine` and not empty. */
export function requiredText(max: number) {
  return z.string().overwrite(cleanText).min(1).max(max);
}

/** The RxDB JSON schema of `text(max)` and `singleLine(max)`. */
export function textJson(max: number): JsonSchema {
  return { type: 'string', maxLength: max };
}

/** The RxDB JSON schema of `requiredText(max)`. */
export function requiredTextJson(max: number): JsonSchema {
  return { type: 'string', minLength: 1, maxLength: max };
}

/** Length limits shared by the zod validators and the RxDB schemas. */
export const TEXT_LIMITS = {
  /** A short label or code-like value. */
  short: 100,
  /** A person's full name as on the CCCD (QĐ 831 part A: ≤255). */
  name: 255,
  /** A line of free text: an address detail, a finding. */
  line: 500,
  /** A paragraph of clinical narrative. */
  note: 4000,
} as const;
