import { defineIssues } from '../errors/issue.ts';
import type { Issue } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { bhytBeneficiaryGroups } from '../reference-data/bhyt-beneficiary-groups.generated.ts';
import type { BhxhNumber } from './bhxh-number.ts';
import { compactIdentifier } from './compact-identifier.ts';
import { isKnownProvinceCode } from './known-province-code.ts';

/**
 * BHYT card code (mã thẻ BHYT), 15 characters `XX N PP SSSSSSSSSS` (domain-reference §4.2): beneficiary group,
 * benefit level 1–5, issuing province, BHXH number. The group list is unverified and the defence/police funds issue
 * cards of their own, so an unknown group or province is a warning, never an error.
 */
export type BhytCard = {
  readonly code: string;
  readonly group: string;
  readonly benefitLevel: BenefitLevel;
  readonly provinceCode: string;
  readonly bhxhNumber: BhxhNumber;
};

export const benefitLevels = [1, 2, 3, 4, 5] as const;
export type BenefitLevel = (typeof benefitLevels)[number];

export const BHYT_CARD_LENGTH = 15;
export const BHYT_CARD_PATTERN = /^[A-Z]{2}[1-5]\d{2}\d{10}$/;

const knownGroups: ReadonlySet<string> = new Set(bhytBeneficiaryGroups.map((g) => g.code));

const issue = defineIssues({
  'bhyt-card-required': 'Chưa nhập mã thẻ BHYT. Nhập đủ 15 ký tự in trên thẻ, ví dụ DN4010123456789.',
  'bhyt-card-length':
    'Mã thẻ BHYT "{input}" có {length} ký tự, cần đúng 15 ký tự (2 chữ cái, 1 chữ số mức hưởng, 2 chữ số mã tỉnh, 10 chữ số mã BHXH). Kiểm tra lại trên thẻ.',
  'bhyt-card-benefit-level':
    'Ký tự thứ 3 của mã thẻ BHYT "{input}" là mức hưởng, phải là chữ số từ 1 đến 5. Kiểm tra lại trên thẻ.',
  'bhyt-card-format':
    'Mã thẻ BHYT "{input}" không đúng định dạng: 2 chữ cái nhóm đối tượng, 1 chữ số mức hưởng (1–5), 2 chữ số mã tỉnh, 10 chữ số mã BHXH, ví dụ DN4010123456789.',
  'bhyt-card-unknown-group':
    'Nhóm đối tượng "{group}" của thẻ BHYT {code} không có trong danh mục. Đối chiếu với thẻ hoặc tra cứu trên cổng BHXH.',
  'bhyt-card-unknown-province':
    'Mã tỉnh "{provinceCode}" của thẻ BHYT {code} không có trong danh mục tỉnh. Đối chiếu với thẻ hoặc tra cứu trên cổng BHXH.',
});
export type BhytCardIssueCode = Parameters<typeof issue>[0];

/** Parses a 15-character BHYT card code, ignoring case, spaces and dots; never throws. */
export function parseBhytCard(input: unknown, path?: string): Result<BhytCard, BhytCardIssueCode> {
  const text = compactIdentifier(input)?.toUpperCase();
  if (text === undefined || text === '') return fail(issue('bhyt-card-required', undefined, path));
  if (text.length !== BHYT_CARD_LENGTH) {
    return fail(issue('bhyt-card-length', { input: text, length: text.length }, path));
  }
  if (!BHYT_CARD_PATTERN.test(text)) {
    const levelIsWrongDigit = /^[A-Z]{2}[06-9]\d{12}$/.test(text);
    return fail(
      issue(levelIsWrongDigit ? 'bhyt-card-benefit-level' : 'bhyt-card-format', { input: text }, path),
    );
  }
  const group = text.slice(0, 2);
  const provinceCode = text.slice(3, 5);
  const card: BhytCard = {
    code: text,
    group,
    benefitLevel: Number(text[2]) as BenefitLevel,
    provinceCode,
    bhxhNumber: text.slice(5) as BhxhNumber,
  };
  const warnings: Issue<BhytCardIssueCode>[] = [];
  if (!knownGroups.has(group)) warnings.push(issue('bhyt-card-unknown-group', { code: text, group }, path));
  if (!isKnownProvinceCode(provinceCode)) {
    warnings.push(issue('bhyt-card-unknown-province', { code: text, provinceCode }, path));
  }
  return ok(card, warnings);
}
