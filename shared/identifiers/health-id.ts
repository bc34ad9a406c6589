import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { compactIdentifier } from './compact-identifier.ts';
import { dammCheckDigit, isDammValid } from './damm.ts';

/**
 * Health ID (mã định danh y tế, Quy chế Art. 3.3): 13 digits = Hà Nội prefix `01` + 10-digit zero-padded serial +
 * one Damm check digit over the first 12. Thirteen digits so it is never mistaken for a 12-digit CCCD, a 10-digit
 * BHXH number or a 15-character BHYT code; the check digit catches every single typo and adjacent swap.
 */
export type HealthId = string & { readonly __brand: 'HealthId' };

export const HEALTH_ID_PREFIX = '01';
export const HEALTH_ID_LENGTH = 13;
export const HEALTH_ID_MIN_SERIAL = 0;
export const HEALTH_ID_MAX_SERIAL = 9_999_999_999;

const issue = defineIssues({
  'health-id-required': 'Chưa nhập mã định danh y tế. Nhập đủ 13 chữ số, bắt đầu bằng 01.',
  'health-id-format':
    'Mã định danh y tế "{input}" không đúng: mã gồm đúng 13 chữ số, bắt đầu bằng 01. Kiểm tra lại (không nhầm với số CCCD 12 chữ số).',
  'health-id-prefix':
    'Mã định danh y tế "{input}" phải bắt đầu bằng 01 (Hà Nội). Kiểm tra lại hai chữ số đầu.',
  'health-id-check-digit':
    'Mã định danh y tế "{input}" có chữ số sai hoặc bị đảo chỗ (chữ số kiểm tra không khớp). Nhập lại cẩn thận từng chữ số.',
});
export type HealthIdIssueCode = Parameters<typeof issue>[0];

/** True when `serial` is an integer a health ID can carry. */
export function isHealthIdSerial(serial: number): boolean {
  return Number.isSafeInteger(serial) && serial >= HEALTH_ID_MIN_SERIAL && serial <= HEALTH_ID_MAX_SERIAL;
}

/** The health ID of a serial; throws a RangeError for a serial outside 0–9 999 999 999, which is a caller bug. */
export function formatHealthId(serial: number): HealthId {
  if (!isHealthIdSerial(serial)) throw new RangeError(`health ID serial out of range: ${serial}`);
  const body = HEALTH_ID_PREFIX + String(serial).padStart(10, '0');
  return `${body}${dammCheckDigit(body)}` as HealthId;
}

/** Parses a health ID, ignoring spaces and dots; never throws. */
export function parseHealthId(
  input: unknown,
  path?: string,
): Result<{ readonly value: HealthId; readonly serial: number }, HealthIdIssueCode> {
  const text = compactIdentifier(input);
  if (text === undefined || text === '') return fail(issue('health-id-required', undefined, path));
  if (text.length !== HEALTH_ID_LENGTH || !/^\d+$/.test(text)) {
    return fail(issue('health-id-format', { input: text }, path));
  }
  if (!text.startsWith(HEALTH_ID_PREFIX)) return fail(issue('health-id-prefix', { input: text }, path));
  if (!isDammValid(text)) return fail(issue('health-id-check-digit', { input: text }, path));
  return ok({ value: text as HealthId, serial: Number(text.slice(2, 12)) });
}
