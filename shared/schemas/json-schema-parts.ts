import type { JsonSchema } from 'rxdb';

/** A closed JSON object: only the listed properties, `required` ones must be present. */
export function jsonObject(
  properties: Record<string, JsonSchema>,
  required: readonly string[] = [],
): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(required.length === 0 ? {} : { required: [...required] }),
  };
}

/** A string from a closed set. */
export function jsonEnum(values: readonly string[], maxLength?: number): JsonSchema {
  return { type: 'string', enum: [...values], ...(maxLength === undefined ? {} : { maxLength }) };
}

/** The same property schema under each key. */
export function jsonEach(keys: readonly string[], schema: JsonSchema): Record<string, JsonSchema> {
  return Object.fromEntries(keys.map((key) => [key, schema]));
}
