import type { z } from 'zod';
import { vietnameseMessage } from '#shared/schemas/validate-document.ts';

/**
 * Text for zod's generic issues in forms: `required` for an empty required field, otherwise the kernel's Vietnamese
 * message for the issue (a number that is not whole, a value above the maximum), shown under the field's label.
 * In English (`language` 'en') zod's own English text is used. Messages a shared schema states itself (a phone's
 * pattern, a CCCD parser's explanation) take precedence over this map.
 */
export function formErrorMap(required: string, language = 'vi'): z.core.$ZodErrorMap {
  return (issue) => {
    if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return required;
    if (issue.code === 'invalid_type' && issue.input === undefined) return required;
    // A choice left empty (a select with nothing picked) is a missing value, not a wrong code.
    if (issue.code === 'invalid_value' && (issue.input === undefined || issue.input === '')) return required;
    if (language.startsWith('en')) return undefined;
    const problem = vietnameseMessage(issue);
    return problem.charAt(0).toUpperCase() + problem.slice(1);
  };
}
