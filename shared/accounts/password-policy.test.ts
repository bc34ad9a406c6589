import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { anyText } from '../text/vietnamese-arbitraries.test-support.ts';
import {
  checkPassword,
  PASSWORD_MIN_LENGTH,
  passwordRules,
  type PasswordIssueCode,
} from './password-policy.ts';

function codes(password: unknown, userName?: string): PasswordIssueCode[] {
  const result = checkPassword(password, userName === undefined ? {} : { userName });
  return result.ok ? [] : result.errors.map((e) => e.code);
}

// Characters of every class, Vietnamese ones included, and text that is none of them.
const passwordCharacter = fc.oneof(
  fc.constantFrom(
    ...[
      'a',
      'ư',
      'ế',
      'B',
      'Đ',
      'Ứ',
      '1',
      '٣',
      '!',
      '_',
      '€',
      ' ',
      '\u0301',
      '\u200b',
      '\u00a0',
      '\u3164',
      '\u2800',
    ],
    ...['\t', '\u00ad', '\ufeff', '²'],
  ),
  anyText,
);

describe('checkPassword', () => {
  it('accepts a password with 8 characters, lower and upper case, a digit and a special character', () => {
    expect(checkPassword('Sông-Hồng#2024')).toEqual({ ok: true, value: undefined, warnings: [] });
  });

  it('lists every rule the password breaks, each as its own issue', () => {
    expect(codes('abc')).toEqual([
      'password-too-short',
      'password-needs-uppercase',
      'password-needs-digit',
      'password-needs-special',
    ]);
    expect(codes('')).toEqual([
      'password-too-short',
      'password-needs-lowercase',
      'password-needs-uppercase',
      'password-needs-digit',
      'password-needs-special',
    ]);
  });

  it('says in Vietnamese how long the password must be', () => {
    const result = checkPassword('Ab1!');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0].message).toBe(
        'Mật khẩu phải có ít nhất 8 ký tự (hiện có 4). Hãy nhập mật khẩu dài hơn.',
      );
  });

  it('counts Vietnamese letters as letters, typed NFC or NFD', () => {
    expect(codes('đườngĐẸP1!')).toEqual([]);
    expect(codes('ĐƯỜNG12!')).toEqual(['password-needs-lowercase']);
    expect(codes('ĐườngĐẹp1!'.normalize('NFD'))).toEqual([]);
    expect(codes('ườĐ1!'.normalize('NFD'))).toEqual(['password-too-short']);
  });

  it('does not count whitespace as a special character', () => {
    expect(codes('Songhong 2024')).toEqual(['password-needs-special']);
  });

  it('rejects a password containing the user name, whatever its case', () => {
    expect(codes('x01I29_ANV!9a', '01I29_anv')).toEqual(['password-contains-user-name']);
    expect(codes('Sông-Hồng#2024', '01I29_anv')).toEqual([]);
  });

  it('refuses common passwords whatever the case, digits and symbols around them, l33t or diacritics', () => {
    for (const password of [
      'Password1!',
      'pASSWORD1!',
      '!Password123',
      'P@ssw0rd',
      'P@$$w0rd2024',
      'Qwerty@123',
      'Admin@123',
      'Dragon2024!',
      'Iloveyou2024!',
      'Abc12345!',
      '1Q2w3e4r!',
      'Matkhau@123',
      'Mật khẩu 2026!',
      'Mật-Khẩu@1',
      'Anh-yêu-Em#1',
      'Hanoi@2024',
      'Hà Nội 2024!',
    ])
      expect(codes(password), password).toEqual(['password-too-common']);
    expect(checkPassword('Password1!').ok).toBe(false);
    const result = checkPassword('Password1!');
    if (!result.ok)
      expect(result.errors[0].message).toMatch(/^Mật khẩu này quá phổ biến.*Hãy chọn mật khẩu khác/);
  });

  it('accepts a password that holds a common word among other words', () => {
    for (const password of ['Trạm-Y-tế#2026', 'Sông-Hồng#2024', 'Mèo-đen-ăn-Password-cá#7', 'Lan@2026mk'])
      expect(codes(password), password).toEqual([]);
  });

  it('refuses invisible, control and format characters and odd spaces anywhere in the password', () => {
    const invisible = {
      'zero-width space': '\u200b',
      'zero-width non-joiner': '\u200c',
      'zero-width joiner': '\u200d',
      'word joiner': '\u2060',
      'byte order mark': '\ufeff',
      'soft hyphen': '\u00ad',
      'left-to-right mark': '\u200e',
      'right-to-left override': '\u202e',
      'no-break space': '\u00a0',
      'figure space': '\u2007',
      'ideographic space': '\u3000',
      'line separator': '\u2028',
      tab: '\t',
      'line feed': '\n',
      NUL: '\u0000',
      escape: '\u001b',
      'Hangul filler': '\u3164',
      'variation selector': '\ufe0f',
      'tag letter': '\u{e0041}',
      'private use': '\ue000',
      'lone surrogate': '\ud800',
      'blank Braille pattern': '\u2800',
    };
    for (const [name, char] of Object.entries(invisible)) {
      for (const password of [`${char}Sông-Hồng#2024`, `Sông-Hồng${char}#2024`, `Sông-Hồng#2024${char}`])
        expect(codes(password), name).toEqual(['password-has-invisible-character']);
    }
  });

  it('counts only a visible punctuation mark or symbol as the special character', () => {
    for (const char of ['\u200b', '\u00ad', '\u2800', '\u00a0', '\u3164', '²', '½', 'Ⅻ', ' '])
      expect(codes(`Songhong2024${char}`), JSON.stringify(char)).toContain('password-needs-special');
    for (const char of ['!', '_', '-', '€', '°', '·', '—', '«', '~', '^', '+', '§'])
      expect(codes(`Songhong2024${char}`), char).toEqual([]);
  });

  it('allows plain spaces, so a pass-phrase works', () => {
    expect(codes('Ba con mèo đen 7!')).toEqual([]);
  });

  it('treats anything but a string as an empty password', () => {
    expect(codes(undefined)).toContain('password-too-short');
    expect(codes(12345678)).toHaveLength(5);
  });

  it('only lets through passwords of 8 characters or more with one of each class', () => {
    fc.assert(
      fc.property(fc.string({ unit: passwordCharacter, maxLength: 14 }), (password) => {
        if (!checkPassword(password).ok) return;
        const nfc = password.normalize('NFC');
        expect(Array.from(nfc).length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
        expect(nfc).toMatch(/\p{Ll}/u);
        expect(nfc).toMatch(/\p{Lu}/u);
        expect(nfc).toMatch(/\p{Nd}/u);
        expect(nfc).toMatch(/[\p{P}\p{S}]/u);
        expect(nfc).not.toMatch(/[\p{C}\u00a0\u200b\u3164\u2800]/u);
      }),
    );
  });

  it('fixes exactly the missing class when a character of that class is added', () => {
    const fixes = {
      'password-needs-lowercase': fc.constantFrom('a', 'ư', 'đ', 'ế'),
      'password-needs-uppercase': fc.constantFrom('A', 'Ư', 'Đ', 'Ế'),
      'password-needs-digit': fc.constantFrom('0', '7'),
      'password-needs-special': fc.constantFrom('!', '@', '#', '-', '€'),
    } as const;
    const classCode = fc.constantFrom(...(Object.keys(fixes) as (keyof typeof fixes)[]));
    const password = fc.string({ unit: fc.constantFrom('a', 'B', '3', '%', ' ', 'ơ', 'Ô'), maxLength: 12 });
    fc.assert(
      fc.property(
        password,
        classCode.chain((code) => fc.tuple(fc.constant(code), fixes[code])),
        (before, [code, added]) => {
          // Adding a character can also make a password stop or start being a common one: not what is tested here.
          const classCodes = (password: string) => codes(password).filter((c) => c !== 'password-too-common');
          const issuesBefore = classCodes(before);
          fc.pre(issuesBefore.includes(code));
          const issuesAfter = classCodes(before + added);
          const expected = issuesBefore.filter(
            (c) =>
              c !== code &&
              !(c === 'password-too-short' && Array.from(before + added).length >= PASSWORD_MIN_LENGTH),
          );
          expect(issuesAfter).toEqual(expected);
        },
      ),
    );
  });
});

describe('passwordRules', () => {
  it('lists one checklist entry with a Vietnamese label per issue code, in the order issues are reported', () => {
    expect(passwordRules.map((rule) => rule.code)).toEqual([
      'password-too-short',
      'password-needs-lowercase',
      'password-needs-uppercase',
      'password-needs-digit',
      'password-needs-special',
      'password-has-invisible-character',
      'password-contains-user-name',
      'password-too-common',
    ]);
    for (const rule of passwordRules) expect(rule.label).not.toBe('');
  });

  it('lets the UI tick each rule as the person types', () => {
    const passed = passwordRules.filter((rule) => rule.test('abcdefgh', {})).map((rule) => rule.code);
    expect(passed).toEqual([
      'password-too-short',
      'password-needs-lowercase',
      'password-has-invisible-character',
      'password-contains-user-name',
    ]);
  });
});
