import nacl from 'tweetnacl';
import { fromBase64, toBase64, type RecoverySlot } from './key-slot-file.ts';

/**
 * The recovery slot: the database key sealed to the city's recovery public key (X25519, `nacl.box` from a fresh
 * ephemeral key pair whose secret half is zeroed at once). Only the holder of the city's secret key can open it, so
 * a station whose OS key store is lost and whose staff cannot log in is still recoverable.
 */
export function sealRecoverySlot(key: Uint8Array, recipientPublicKey: Uint8Array): RecoverySlot {
  if (recipientPublicKey.length !== nacl.box.publicKeyLength) {
    throw new Error(`the recovery public key must be ${String(nacl.box.publicKeyLength)} bytes`);
  }
  const ephemeral = nacl.box.keyPair();
  const nonce = nacl.randomBytes(nacl.box.nonceLength);
  const sealed = nacl.box(key, nonce, recipientPublicKey, ephemeral.secretKey);
  ephemeral.secretKey.fill(0);
  return {
    kind: 'recovery',
    recipientPublicKey: toBase64(recipientPublicKey),
    ephemeralPublicKey: toBase64(ephemeral.publicKey),
    nonce: toBase64(nonce),
    sealed: toBase64(sealed),
  };
}

/** Whether `slot` was sealed to the public key of `recipientSecretKey`. */
export function isSealedTo(slot: RecoverySlot, recipientSecretKey: Uint8Array): boolean {
  if (recipientSecretKey.length !== nacl.box.secretKeyLength) return false;
  const publicKey = nacl.box.keyPair.fromSecretKey(recipientSecretKey).publicKey;
  return toBase64(publicKey) === slot.recipientPublicKey;
}

/**
 * Opens a recovery slot with the city's secret key (city side; usable without the rest of the file). Returns
 * `undefined` when the secret key is not the slot's recipient or the slot was tampered with; never partial data.
 */
export function openRecoverySlot(slot: RecoverySlot, recipientSecretKey: Uint8Array): Uint8Array | undefined {
  if (recipientSecretKey.length !== nacl.box.secretKeyLength) return undefined;
  const opened = nacl.box.open(
    fromBase64(slot.sealed),
    fromBase64(slot.nonce),
    fromBase64(slot.ephemeralPublicKey),
    recipientSecretKey,
  );
  return opened ?? undefined;
}
