import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { compactIdentifier } from './compact-identifier.ts';

/**
 * Social-insurance number (mã số BHXH): the person's lifelong 10-digit number, also the last 10 characters of the
 * 15-character BHYT card code (domain-reference §4.2). No check digit is documented, so none is checked.
 */
export type BhxhNumber = string & { readonly __brand: 'BhxhNumber' };

export const BHXH_NUMBER_PATTERN = /^\d{10}$/;

const issue = defineIssues({
  'bhxh-number-required': 'Chưa nhập mã số BHXH. Nhập 10 chữ số in trên thẻ BHYT hoặc trong ứng dụng VssID.',
  'bhxh-number-format':
    'Mã số BHXH "{input}" không đúng: mã số BHXH gồm đúng 10 chữ số. Kiểm tra lại trên thẻ BHYT hoặc VssID.',
});
export type BhxhNumberIssueCode = Parameters<typeof issue>[0];

/** Parses a 10-digit BHXH number, ignoring spaces and dots; never throws. */
export function parseBhxhNumber(input: unknown, path?: string): Result<BhxhNumber, BhxhNumberIssueCode> {
  const text = compactIdentifier(input);
  if (text === undefined || text === '') return fail(issue('bhxh-number-required', undefined, path));
  if (!BHXH_NUMBER_PATTERN.test(text)) return fail(issue('bhxh-number-format', { input: text }, path));
  return ok(text as BhxhNumber);
}
