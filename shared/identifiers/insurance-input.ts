import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { parseBhxhNumber, type BhxhNumber, type BhxhNumberIssueCode } from './bhxh-number.ts';
import { parseBhytCard, type BhytCard, type BhytCardIssueCode } from './bhyt-card.ts';
import { compactIdentifier } from './compact-identifier.ts';
import { parsePersonalId, type CccdNumber, type PersonalIdIssueCode } from './personal-id.ts';

/**
 * What a receptionist typed or scanned into the single insurance box (domain-reference §4.2): a 15-character BHYT
 * card code, a 10-digit BHXH number or a 12-digit CCCD, each of which the BHXH gateway can look up.
 */
export type InsuranceInput =
  | { readonly kind: 'bhyt-card'; readonly card: BhytCard }
  | { readonly kind: 'bhxh-number'; readonly bhxhNumber: BhxhNumber }
  | { readonly kind: 'personal-id'; readonly personalId: CccdNumber };

const issue = defineIssues({
  'insurance-input-required':
    'Chưa nhập thông tin bảo hiểm. Nhập mã thẻ BHYT (15 ký tự), mã số BHXH (10 chữ số) hoặc số CCCD (12 chữ số).',
  'insurance-input-unrecognized':
    '"{input}" không phải mã thẻ BHYT (15 ký tự), mã số BHXH (10 chữ số) hay số CCCD (12 chữ số). Kiểm tra lại và nhập một trong ba loại.',
});
export type InsuranceInputIssueCode =
  Parameters<typeof issue>[0] | BhytCardIssueCode | BhxhNumberIssueCode | PersonalIdIssueCode;

/** Recognises which of the three insurance identifiers the input is, and parses it; never throws. */
export function parseInsuranceInput(
  input: unknown,
  path?: string,
): Result<InsuranceInput, InsuranceInputIssueCode> {
  const text = compactIdentifier(input)?.toUpperCase();
  if (text === undefined || text === '') return fail(issue('insurance-input-required', undefined, path));
  if (/^\d{10}$/.test(text)) {
    const parsed = parseBhxhNumber(text, path);
    return parsed.ok ? ok({ kind: 'bhxh-number', bhxhNumber: parsed.value }, parsed.warnings) : parsed;
  }
  if (/^\d{12}$/.test(text)) {
    const parsed = parsePersonalId(text, { path });
    if (!parsed.ok) return parsed;
    if (parsed.value.kind === 'cccd')
      return ok({ kind: 'personal-id', personalId: parsed.value }, parsed.warnings);
  }
  if (text.length === 15) {
    const parsed = parseBhytCard(text, path);
    return parsed.ok ? ok({ kind: 'bhyt-card', card: parsed.value }, parsed.warnings) : parsed;
  }
  return fail(issue('insurance-input-unrecognized', { input: text }, path));
}
