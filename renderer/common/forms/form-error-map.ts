import type { z } from 'zod';

/**
 * Vietnamese (or English) text for zod's generic issues in forms: "required" for an empty required field. Messages a
 * shared schema states itself (a phone's pattern, a CCCD parser's explanation) take precedence over this map.
 */
export function formErrorMap(required: string): z.core.$ZodErrorMap {
  return (issue) => {
    if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return required;
    if (issue.code === 'invalid_type' && issue.input === undefined) return required;
    return undefined;
  };
}
