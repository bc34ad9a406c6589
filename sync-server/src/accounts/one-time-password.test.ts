import { describe, expect, it } from 'vitest';
import { checkPassword } from '#shared/accounts/password-policy.ts';
import { generateOneTimePassword } from './one-time-password.ts';

describe('one-time passwords', () => {
  const passwords = Array.from({ length: 500 }, () => generateOneTimePassword('01T01_annv'));

  it('always satisfy the password policy of Art. 7.3b', () => {
    for (const password of passwords)
      expect(checkPassword(password, { userName: '01T01_annv' }).ok).toBe(true);
  });

  it('are 14 unambiguous characters and never repeat', () => {
    for (const password of passwords) {
      expect(password).toHaveLength(14);
      expect(password).not.toMatch(/[0O1lI]/);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
