import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';

/**
 * Facility code (mã cơ sở KCB, MA_CSKCB / MA_DKBD): 2-digit province + 3 alphanumerics, e.g. `01032`, `01I29`.
 * Letters keep the case BHXH issued them in (upper). `PP000` is the temporary-card placeholder of a province.
 */
export type FacilityCode = string & { readonly __brand: 'FacilityCode' };

export const FACILITY_CODE_PATTERN = /^\d{2}[0-9A-Z]{3}$/;

const issue = defineIssues({
  'facility-code-format':
    'Mã cơ sở KCB "{input}" không đúng định dạng: 5 ký tự, 2 chữ số mã tỉnh rồi 3 chữ số hoặc chữ in hoa (ví dụ 01032, 01I29).',
});
export type FacilityCodeIssueCode = Parameters<typeof issue>[0];

/** Reads a facility code in any case; anything that is not such a string (a number, null) is an error value. */
export function parseFacilityCode(
  input: unknown,
  path?: string,
): Result<FacilityCode, FacilityCodeIssueCode> {
  const text = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (!FACILITY_CODE_PATTERN.test(text)) return fail(issue('facility-code-format', { input: text }, path));
  return ok(text as FacilityCode);
}

/** The 2-digit province code the facility belongs to (`01` for Hà Nội). */
export function facilityProvince(code: FacilityCode): string {
  return code.slice(0, 2);
}

export function isPlaceholderFacility(code: FacilityCode): boolean {
  return code.endsWith('000');
}
