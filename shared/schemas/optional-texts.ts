import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { text, textJson } from './text-field.ts';

type OptionalText = z.ZodExactOptional<ReturnType<typeof text>>;

/** An object of optional free-text fields, one per key (a row of a paper form with a blank after each label). */
export function optionalTexts<const K extends string>(keys: readonly K[], max: number) {
  const shape = Object.fromEntries(keys.map((key) => [key, text(max).exactOptional()])) as Record<
    K,
    OptionalText
  >;
  return z.strictObject(shape);
}

/** The RxDB JSON schema of `optionalTexts(keys, max)`. */
export function optionalTextsJson(keys: readonly string[], max: number): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(keys.map((key) => [key, textJson(max)])),
  };
}
