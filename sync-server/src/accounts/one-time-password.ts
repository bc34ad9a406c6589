import { randomInt } from 'node:crypto';
import { checkPassword } from '#shared/accounts/password-policy.ts';

// Characters that cannot be confused when read aloud or copied from paper (no 0/O, 1/l/I).
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SPECIAL = '!@#$%&*?+=';
const ALL = LOWER + UPPER + DIGITS + SPECIAL;
const LENGTH = 14;

function pick(alphabet: string): string {
  return alphabet.charAt(randomInt(alphabet.length));
}

/**
 * A random initial or reset password (Art. 7.2, 7.3c) that satisfies the password policy: 14 characters from an
 * unambiguous alphabet with at least one of each required class, about 87 bits of entropy. It is shown once to the
 * admin who hands it over, and the holder must change it at first login.
 */
export function generateOneTimePassword(userName: string): string {
  for (;;) {
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SPECIAL)];
    while (chars.length < LENGTH) chars.push(pick(ALL));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
    }
    const password = chars.join('');
    if (checkPassword(password, { userName }).ok) return password;
  }
}
