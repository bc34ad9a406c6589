import { createHash, randomBytes } from 'node:crypto';

/**
 * One-time enrolment codes: 16 characters in 4 groups of 4 (`K7QM-2XHT-9RAP-WC4N`) from an alphabet without the
 * look-alikes 0/O, 1/I/L, so a code read over the phone is typed right. 31^16 ≈ 2^79 codes: guessing is hopeless,
 * which is also why an unsalted SHA-256 is enough to store them (like session tokens).
 */
export const ENROLMENT_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;
const LENGTH = GROUPS * GROUP_LENGTH;
const CODE_PATTERN = new RegExp(`^[${ENROLMENT_CODE_ALPHABET}]{${LENGTH}}$`);
/** Largest multiple of the alphabet size below 256: bytes at or above it are redrawn, so every symbol is equally likely. */
const UNBIASED_LIMIT = 256 - (256 % ENROLMENT_CODE_ALPHABET.length);

export function generateEnrolmentCode(random: (size: number) => Uint8Array = randomBytes): string {
  let symbols = '';
  while (symbols.length < LENGTH) {
    for (const byte of random(LENGTH * 2)) {
      if (byte >= UNBIASED_LIMIT || symbols.length === LENGTH) continue;
      symbols += ENROLMENT_CODE_ALPHABET.charAt(byte % ENROLMENT_CODE_ALPHABET.length);
    }
  }
  return (symbols.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g')) ?? []).join('-');
}

/**
 * The canonical form of a typed code: case, spaces and dashes ignored. Undefined when it cannot be a code at all, so
 * the caller can refuse it without a database round trip.
 */
export function normalizeEnrolmentCode(typed: string): string | undefined {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '');
  return CODE_PATTERN.test(compact) ? compact : undefined;
}

/** The stored form of a normalized code (hex SHA-256); the code itself is shown once and never stored. */
export function hashEnrolmentCode(normalized: string): string {
  return createHash('sha256').update(`hssk-enrolment-code:${normalized}`).digest('hex');
}
