import { scrypt } from 'node:crypto';

/** scrypt cost parameters, stored next to each salt so a slot stays openable when the defaults change. */
export type ScryptParams = { readonly N: number; readonly r: number; readonly p: number };

/** The cost for staff passwords and key-store passphrases: N=2^15, r=8, p=1 (32 MiB, ~0.1 s). */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

/** Bytes of fresh salt per derivation. */
export const SCRYPT_SALT_BYTES = 16;

/** Upper bound on scrypt memory; also what stops a tampered slot from asking for gigabytes. */
const MAX_MEMORY_BYTES = 64 * 1024 * 1024;

/**
 * Whether `params` are ones this module will run: N a power of two ≥ 2, r and p small positive integers, memory
 * (128·N·r bytes) under 64 MiB. Parameters read from a file are checked with this before deriving.
 */
export function isSupportedScryptParams(params: ScryptParams): boolean {
  const { N, r, p } = params;
  const integers = Number.isSafeInteger(N) && Number.isSafeInteger(r) && Number.isSafeInteger(p);
  if (!integers || N < 2 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  return 128 * N * r < MAX_MEMORY_BYTES;
}

/**
 * Derives a 32-byte key from a password or passphrase (NFC-normalised, so the same Vietnamese text typed on
 * keyboards that compose differently gives the same key). The caller zeroes the result when done.
 */
export function deriveScryptKey(secret: string, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  if (!isSupportedScryptParams(params)) throw new Error('unsupported scrypt parameters');
  return new Promise((resolve, reject) => {
    scrypt(
      secret.normalize('NFC'),
      salt,
      32,
      { N: params.N, r: params.r, p: params.p, maxmem: MAX_MEMORY_BYTES },
      (error, derived) => {
        if (error) reject(error);
        else resolve(new Uint8Array(derived.buffer, derived.byteOffset, derived.length));
      },
    );
  });
}
