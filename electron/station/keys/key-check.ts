import { createHmac, timingSafeEqual } from 'node:crypto';

/** The station database key: 32 random bytes (the raw SQLite3MultipleCiphers key of the replica). */
export const DATABASE_KEY_BYTES = 32;

const KEY_CHECK_LABEL = 'hssk station database key check v1';
const KEY_CHECK_BYTES = 16;

/**
 * A key check value: the first 16 bytes of HMAC-SHA-256 over a fixed label, keyed with the database key. It tells
 * whether a key is the station's before the database is touched, and reveals nothing usable about the key (finding
 * the key from it means searching 2^256 keys).
 */
export function computeKeyCheck(key: Uint8Array): Uint8Array {
  const mac = createHmac('sha256', key).update(KEY_CHECK_LABEL).digest();
  return new Uint8Array(mac.subarray(0, KEY_CHECK_BYTES));
}

/** Whether `key` has length 32 and matches `keyCheck` (compared in constant time). */
export function keyMatchesCheck(key: Uint8Array, keyCheck: Uint8Array): boolean {
  if (key.length !== DATABASE_KEY_BYTES || keyCheck.length !== KEY_CHECK_BYTES) return false;
  return timingSafeEqual(computeKeyCheck(key), keyCheck);
}
