import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';

/** The shortest password Art. 7.3b allows, counted in characters (code points) after NFC. */
export const PASSWORD_MIN_LENGTH = 8;

const issue = defineIssues({
  'password-too-short': 'Mật khẩu phải có ít nhất {min} ký tự (hiện có {length}). Hãy nhập mật khẩu dài hơn.',
  'password-needs-lowercase':
    'Mật khẩu phải có ít nhất một chữ thường (a–z, kể cả chữ có dấu). Hãy thêm một chữ thường.',
  'password-needs-uppercase':
    'Mật khẩu phải có ít nhất một chữ hoa (A–Z, kể cả chữ có dấu). Hãy thêm một chữ hoa.',
  'password-needs-digit': 'Mật khẩu phải có ít nhất một chữ số (0–9). Hãy thêm một chữ số.',
  'password-needs-special':
    'Mật khẩu phải có ít nhất một ký tự đặc biệt (ví dụ ! @ # $ % & * ?). Hãy thêm một ký tự đặc biệt.',
  'password-contains-user-name': 'Mật khẩu không được chứa tên đăng nhập. Hãy chọn mật khẩu khác.',
});
export type PasswordIssueCode = Parameters<typeof issue>[0];

/** What a rule may look at besides the password itself. */
export type PasswordContext = { readonly userName?: string };

/** One rule of the password policy: its issue code, a short Vietnamese checklist label, and its test. */
export type PasswordRule = {
  readonly code: PasswordIssueCode;
  readonly label: string;
  /** True when `password` (NFC) satisfies the rule. */
  readonly test: (password: string, context: PasswordContext) => boolean;
};

const LOWERCASE = /\p{Ll}/u;
const UPPERCASE = /\p{Lu}/u;
const DIGIT = /\p{Nd}/u;
// Anything that is not a letter (with its marks), a digit or whitespace.
const SPECIAL = /[^\p{L}\p{M}\p{Nd}\s]/u;

/** The policy of Art. 7.3b as data, in checklist order, so the UI can tick each rule while the person types. */
export const passwordRules: readonly PasswordRule[] = [
  {
    code: 'password-too-short',
    label: `Ít nhất ${PASSWORD_MIN_LENGTH} ký tự`,
    test: (password) => Array.from(password).length >= PASSWORD_MIN_LENGTH,
  },
  { code: 'password-needs-lowercase', label: 'Có chữ thường', test: (password) => LOWERCASE.test(password) },
  { code: 'password-needs-uppercase', label: 'Có chữ hoa', test: (password) => UPPERCASE.test(password) },
  { code: 'password-needs-digit', label: 'Có chữ số', test: (password) => DIGIT.test(password) },
  { code: 'password-needs-special', label: 'Có ký tự đặc biệt', test: (password) => SPECIAL.test(password) },
  {
    code: 'password-contains-user-name',
    label: 'Không chứa tên đăng nhập',
    test: (password, { userName }) => {
      const name = userName?.normalize('NFC').trim().toLowerCase() ?? '';
      return name === '' || !password.toLowerCase().includes(name);
    },
  },
];

/**
 * Checks a password against Art. 7.3b and returns every failed rule as its own issue (not only the first).
 * The password is NFC-normalised first and otherwise taken as typed; anything but a string counts as empty.
 */
export function checkPassword(
  password: unknown,
  context: PasswordContext = {},
  path?: string,
): Result<void, PasswordIssueCode> {
  const text = typeof password === 'string' ? password.normalize('NFC') : '';
  const params = { min: PASSWORD_MIN_LENGTH, length: Array.from(text).length };
  const [first, ...rest] = passwordRules
    .filter((rule) => !rule.test(text, context))
    .map((rule) => issue(rule.code, params, path));
  return first === undefined ? ok(undefined) : fail(first, ...rest);
}
