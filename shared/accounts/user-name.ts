import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import {
  parseFacilityCode,
  type FacilityCode,
  type FacilityCodeIssueCode,
} from '../identifiers/facility-code.ts';
import { cleanText } from '../text/clean-text.ts';
import { foldDiacritics } from '../text/fold-diacritics.ts';

/** The two account kinds of Art. 7.1: a facility's data-entry staff, and a hospital's interop (liên thông) link. */
export const userNameKinds = ['staff', 'interop'] as const;
export type UserNameKind = (typeof userNameKinds)[number];

/** A user name split into its parts; `local` is the name-derived part with its collision number, if any. */
export type UserNameParts = {
  readonly facilityCode: FacilityCode;
  readonly kind: UserNameKind;
  readonly local: string;
};

/** Every well-formed user name: facility code, `_`, `lt_` for interop accounts, then `[a-z0-9]+`. */
export const USER_NAME_PATTERN = /^(\d{2}[0-9A-Z]{3})_(lt_)?([a-z0-9]+)$/;

/** The highest collision number tried before giving up (`01I29_anv999`). */
export const MAX_USER_NAME_SUFFIX = 999;

const INTEROP_INFIX = 'lt_';

const issue = defineIssues({
  'user-name-no-letters':
    'Không tạo được tên đăng nhập từ họ tên "{fullName}" vì không còn chữ cái Latin nào sau khi bỏ dấu. Nhập họ tên bằng chữ cái tiếng Việt, hoặc đặt tên đăng nhập thủ công.',
  'user-name-exhausted':
    'Tên đăng nhập "{base}" và các số thứ tự từ 2 đến {max} đều đã có người dùng. Đặt tên đăng nhập thủ công.',
  'user-name-format':
    'Tên đăng nhập "{input}" không đúng dạng: mã cơ sở KCB, dấu gạch dưới, rồi tên viết liền không dấu (ví dụ 01I29_anv, hoặc 01032_lt_bnv cho tài khoản liên thông).',
});
export type UserNameIssueCode = Parameters<typeof issue>[0];

export type DeriveUserNameInput = {
  /** Typed as text, but read defensively: anything else is an error value, never a crash. */
  readonly fullName: string;
  readonly facilityCode: string;
  readonly kind: UserNameKind;
  /** Whether a user name is already in use; called with names in the canonical form this module produces. */
  readonly isTaken: (userName: string) => boolean;
};

/**
 * The local part of Art. 7.1: the whole tên (last word), then the initial of each earlier word in order (họ,
 * then tên đệm), folded to `[a-z0-9]`. 'Nguyễn Văn A' → 'anv', 'Trần Thị Minh Hằng' → 'hangttm'.
 */
export function userNameLocalPart(fullName: unknown): string {
  const words = foldDiacritics(cleanText(typeof fullName === 'string' ? fullName : '').toLowerCase())
    .split(' ')
    .map((word) => word.replace(/[^a-z0-9]/g, ''))
    .filter((word) => word !== '');
  const givenName = words.at(-1) ?? '';
  return (
    givenName +
    words
      .slice(0, -1)
      .map((word) => word.charAt(0))
      .join('')
  );
}

/**
 * Derives the user name of a new account per Art. 7.1: `{facility}_{local}` for staff, `{facility}_lt_{local}`
 * for interop. When a name is taken, appends 2, 3, … up to 999 (a house convention, not in the regulation).
 * Deterministic for the same input and the same `isTaken` answers; never returns a name `isTaken` accepts.
 */
export function deriveUserName(
  input: DeriveUserNameInput,
): Result<string, UserNameIssueCode | FacilityCodeIssueCode> {
  const facility = parseFacilityCode(input.facilityCode, 'facilityCode');
  if (!facility.ok) return facility;
  const local = userNameLocalPart(input.fullName);
  if (!/[a-z]/.test(local)) {
    const fullName = typeof input.fullName === 'string' ? cleanText(input.fullName) : '';
    return fail(issue('user-name-no-letters', { fullName }, 'fullName'));
  }
  const base = `${facility.value}_${input.kind === 'interop' ? INTEROP_INFIX : ''}${local}`;
  if (!input.isTaken(base)) return ok(base);
  for (let suffix = 2; suffix <= MAX_USER_NAME_SUFFIX; suffix += 1) {
    const candidate = `${base}${suffix}`;
    if (!input.isTaken(candidate)) return ok(candidate);
  }
  return fail(issue('user-name-exhausted', { base, max: MAX_USER_NAME_SUFFIX }));
}

/**
 * The canonical spelling of what someone typed at login, so login is case-insensitive: trimmed NFC, the facility
 * code (before the first `_`) upper case and the rest lower case. Without a `_` the whole name is lower-cased.
 */
export function normalizeLoginName(input: string): string {
  const text = input.normalize('NFC').trim();
  const underscore = text.indexOf('_');
  if (underscore < 0) return text.toLowerCase();
  return text.slice(0, underscore).toUpperCase() + text.slice(underscore).toLowerCase();
}

/** Reads a user name (in any case) into facility code, kind and local part. */
export function parseUserName(input: unknown, path?: string): Result<UserNameParts, UserNameIssueCode> {
  const text = typeof input === 'string' ? normalizeLoginName(input) : '';
  const match = USER_NAME_PATTERN.exec(text);
  if (match === null) return fail(issue('user-name-format', { input: text }, path));
  const [, facilityCode = '', interop, local = ''] = match;
  return ok({
    facilityCode: facilityCode as FacilityCode,
    kind: interop === undefined ? 'staff' : 'interop',
    local,
  });
}
