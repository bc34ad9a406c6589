import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { commonPasswordList, vietnameseCommonPasswords } from './common-passwords.ts';

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
    'Mật khẩu phải có ít nhất một ký tự đặc biệt nhìn thấy được (dấu câu hoặc ký hiệu, ví dụ ! @ # $ % & * ?). Hãy thêm một ký tự đặc biệt.',
  'password-has-invisible-character':
    'Mật khẩu có ký tự ẩn, ký tự điều khiển hoặc khoảng trắng đặc biệt (thường lẫn vào khi dán). Hãy xoá rồi gõ lại mật khẩu bằng bàn phím; dấu cách thường thì được.',
  'password-contains-user-name': 'Mật khẩu không được chứa tên đăng nhập. Hãy chọn mật khẩu khác.',
  'password-too-common':
    'Mật khẩu này quá phổ biến: kẻ gian thử những mật khẩu như vậy đầu tiên, kể cả khi thêm số, ký hiệu hay viết P@ssw0rd. Hãy chọn mật khẩu khác, ví dụ ghép vài từ không liên quan với nhau.',
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
/**
 * Characters a person cannot see or reliably type again: control and format characters (zero-width space and
 * joiners, BOM, soft hyphen, bidi marks), private-use, unassigned and lone surrogate code points, every default-
 * ignorable one (Hangul fillers, variation selectors, tags), the blank Braille pattern, and every space but the plain
 * space U+0020 (no-break, thin, ideographic…, line and paragraph separators). The plain space stays allowed so that
 * pass-phrases work.
 */
const INVISIBLE = /[\p{C}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]|(?! )\p{Zs}/u;
/** A visible punctuation mark or symbol (`INVISIBLE` ones aside). */
const SPECIAL = /(?!\u2800)[\p{P}\p{S}]/u;

const commonPasswords: ReadonlySet<string> = new Set([
  ...commonPasswordList.split('\n').filter((line) => line !== ''),
  ...vietnameseCommonPasswords,
]);
/** Digit and symbol substitutions undone before the lookup (`p@ssw0rd` → `password`); `1` is tried as i and as l. */
const SUBSTITUTIONS: readonly Readonly<Record<string, string>>[] = [
  {
    '0': 'o',
    '1': 'i',
    '3': 'e',
    '4': 'a',
    '5': 's',
    '7': 't',
    '8': 'b',
    '9': 'g',
    '@': 'a',
    $: 's',
    '!': 'i',
  },
  {
    '0': 'o',
    '1': 'l',
    '3': 'e',
    '4': 'a',
    '5': 's',
    '7': 't',
    '8': 'b',
    '9': 'g',
    '@': 'a',
    $: 's',
    '!': 'l',
  },
];
const AROUND_LETTERS = /^[^\p{L}]+|[^\p{L}]+$/gu;
const AROUND_LETTERS_AND_DIGITS = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * The forms of a password that a guesser's list would hold: lower-cased, with and without Vietnamese diacritics,
 * without the digits and symbols around the word (`Password1!` → `password`), without the symbols only
 * (`Abc12345!` → `abc12345`), its letters alone (`Mật khẩu 2026` → `matkhau`), and each with l33t undone.
 */
function guessableForms(password: string): Set<string> {
  const lower = password.toLowerCase();
  const folded = lower.normalize('NFD').replace(/\p{M}/gu, '').replaceAll('đ', 'd');
  const forms = new Set<string>();
  for (const base of [lower, folded]) {
    const trimmed = [base, base.replace(AROUND_LETTERS, ''), base.replace(AROUND_LETTERS_AND_DIGITS, '')];
    for (const form of trimmed) {
      forms.add(form);
      for (const substitution of SUBSTITUTIONS) {
        const undone = Array.from(form, (char) => substitution[char] ?? char).join('');
        forms.add(undone).add(undone.replace(AROUND_LETTERS, ''));
      }
    }
    forms.add(base.replace(/[^\p{L}]/gu, ''));
  }
  return forms;
}

/** True when the password, in any of its `guessableForms`, is on the shipped list of common passwords. */
function isCommonPassword(password: string): boolean {
  for (const form of guessableForms(password)) if (commonPasswords.has(form)) return true;
  return false;
}

/**
 * The policy of Art. 7.3b as data, in checklist order, so the UI can tick each rule while the person types. Beyond
 * the four classes and the length: no invisible characters (`INVISIBLE`), not the user name, and not a common
 * password (`isCommonPassword`). Reusing a recent password is checked by the server, which alone knows the history.
 */
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
    code: 'password-has-invisible-character',
    label: 'Không có ký tự ẩn',
    test: (password) => !INVISIBLE.test(password),
  },
  {
    code: 'password-contains-user-name',
    label: 'Không chứa tên đăng nhập',
    test: (password, { userName }) => {
      const name = userName?.normalize('NFC').trim().toLowerCase() ?? '';
      return name === '' || !password.toLowerCase().includes(name);
    },
  },
  {
    code: 'password-too-common',
    label: 'Không phải mật khẩu phổ biến',
    test: (password) => !isCommonPassword(password),
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
