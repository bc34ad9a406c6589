import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';

/**
 * Vietnamese phone numbers as a health worker types them (domain-reference §1 A: "Điện thoại cố định / Di động").
 * Spaces, dots, dashes and brackets are dropped, and the country code (`+84`, `0084`, `84` before a 9- or 10-digit
 * national number) becomes the leading 0, so `+84 912 345 678` is stored as `0912345678` and found either way.
 * - A mobile number is 10 digits beginning 03, 05, 07, 08 or 09 (the 2018 numbering).
 * - A landline is 11 digits beginning 02: the 2017 area codes (024 Hà Nội…) and the subscriber number.
 * - A number abroad keeps its `+` and country code (8–15 digits).
 */
export type PhoneKind = 'mobile' | 'landline';

export const MOBILE_PHONE_PATTERN = /^0[35789]\d{8}$/;
export const LANDLINE_PHONE_PATTERN = /^02\d{9}$/;
const FOREIGN_PHONE_PATTERN = /^\+(?!84)\d{8,15}$/;

const issue = defineIssues({
  'phone-required': 'Chưa nhập số điện thoại.',
  'phone-mobile-format':
    'Số di động "{input}" không đúng: số di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912 345 678); số nước ngoài bắt đầu bằng + và mã nước. Số máy bàn nhập ở ô "Điện thoại cố định".',
  'phone-landline-format':
    'Số máy bàn "{input}" không đúng: gồm 11 chữ số, mã vùng bắt đầu bằng 02 (ví dụ 024 3825 1234 ở Hà Nội). Số di động nhập ở ô "Điện thoại di động".',
});
export type PhoneIssueCode = Parameters<typeof issue>[0];

/** The number with separators dropped and the Vietnamese country code turned into the leading 0; never throws. */
export function normalizePhone(input: string): string {
  const compact = input.replace(/[\s.()-]/g, '');
  const national = /^(?:\+84|0084)(\d{9,10})$/.exec(compact) ?? /^84(\d{9,10})$/.exec(compact);
  if (national === null) return compact;
  const digits = national[1] ?? '';
  return digits.startsWith('0') ? digits : `0${digits}`;
}

/** Parses a mobile or landline number into its stored form (`normalizePhone`); never throws. */
export function parsePhone(input: unknown, kind: PhoneKind, path?: string): Result<string, PhoneIssueCode> {
  if (typeof input !== 'string' || input.trim() === '') return fail(issue('phone-required', undefined, path));
  const phone = normalizePhone(input);
  const pattern = kind === 'mobile' ? MOBILE_PHONE_PATTERN : LANDLINE_PHONE_PATTERN;
  if (pattern.test(phone) || FOREIGN_PHONE_PATTERN.test(phone)) return ok(phone);
  return fail(issue(kind === 'mobile' ? 'phone-mobile-format' : 'phone-landline-format', { input }, path));
}

/**
 * The forms a stored phone number may be searched by: itself, without its leading 0 and with +84, so a search
 * for "912345678" or "+84912345678" finds "0912345678".
 */
export function phoneSearchForms(query: string): string[] {
  const phone = normalizePhone(query);
  if (!/^\+?\d+$/.test(phone)) return [];
  if (phone.startsWith('0')) return [phone];
  if (/^[1-9]\d{8,9}$/.test(phone)) return [`0${phone}`, phone];
  return [phone];
}

/** A stored number as people read it: `0912 345 678`, `024 3825 1234`; anything else as it is. */
export function formatPhone(phone: string): string {
  if (MOBILE_PHONE_PATTERN.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  if (LANDLINE_PHONE_PATTERN.test(phone))
    return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  return phone;
}
