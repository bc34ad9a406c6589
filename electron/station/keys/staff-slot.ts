import nacl from 'tweetnacl';
import { fromBase64, toBase64, type StaffSlot } from './key-slot-file.ts';
import { deriveScryptKey, SCRYPT_SALT_BYTES, type ScryptParams } from './scrypt-kdf.ts';

/**
 * A staff slot: the database key wrapped (tweetnacl secretbox) with a key derived by scrypt from one staff member's
 * password, with a fresh salt and nonce per slot. Removing the slot removes that person's way in on this station.
 */
export async function createStaffSlot(
  key: Uint8Array,
  userName: string,
  password: string,
  params: ScryptParams,
): Promise<StaffSlot> {
  const salt = nacl.randomBytes(SCRYPT_SALT_BYTES);
  const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
  const kek = await deriveScryptKey(password, salt, params);
  try {
    return {
      kind: 'staff',
      userName,
      kdf: { alg: 'scrypt', N: params.N, r: params.r, p: params.p, salt: toBase64(salt) },
      nonce: toBase64(nonce),
      wrapped: toBase64(nacl.secretbox(key, nonce, kek)),
    };
  } finally {
    kek.fill(0);
  }
}

/**
 * Unwraps a staff slot with a password. Returns `undefined` for a wrong password or a tampered slot (secretbox
 * cannot tell them apart); never partial data.
 */
export async function openStaffSlot(slot: StaffSlot, password: string): Promise<Uint8Array | undefined> {
  const { N, r, p, salt } = slot.kdf;
  const kek = await deriveScryptKey(password, fromBase64(salt), { N, r, p });
  try {
    return nacl.secretbox.open(fromBase64(slot.wrapped), fromBase64(slot.nonce), kek) ?? undefined;
  } finally {
    kek.fill(0);
  }
}
