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
  fc.constantFrom('a', 'ư', 'ế', 'B', 'Đ', 'Ứ', '1', '٣', '!', '_', '€', ' ', '\u0301', '\u200b'),
  anyText,
);

describe('checkPassword', () => {
  it('accepts a password with 8 characters, lower and upper case, a digit and a special character', () => {
    expect(checkPassword('Hanoi@2024')).toEqual({ ok: true, value: undefined, warnings: [] });
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
    expect(codes('Abcdefg 1')).toEqual(['password-needs-special']);
  });

  it('rejects a password containing the user name, whatever its case', () => {
    expect(codes('x01I29_ANV!9a', '01I29_anv')).toEqual(['password-contains-user-name']);
    expect(codes('Hanoi@2024', '01I29_anv')).toEqual([]);
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
        expect(nfc).toMatch(/[^\p{L}\p{M}\p{Nd}\s]/u);
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
          const issuesBefore = codes(before);
          fc.pre(issuesBefore.includes(code));
          const issuesAfter = codes(before + added);
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
      'password-contains-user-name',
    ]);
    for (const rule of passwordRules) expect(rule.label).not.toBe('');
  });

  it('lets the UI tick each rule as the person types', () => {
    const passed = passwordRules.filter((rule) => rule.test('abcdefgh', {})).map((rule) => rule.code);
    expect(passed).toEqual(['password-too-short', 'password-needs-lowercase', 'password-contains-user-name']);
  });
});
