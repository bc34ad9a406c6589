import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** DER prefixes of an Ed25519 key in PKCS#8 (private, followed by the 32-byte seed) and SPKI (public, + 32 bytes). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The SPKI DER of a raw 32-byte Ed25519 public key (what `createPublicKey` and a worker thread take). */
export function ed25519PublicKeyDer(publicKey: Uint8Array): Buffer {
  if (publicKey.length !== 32) throw new Error('an Ed25519 public key has 32 bytes');
  return Buffer.concat([SPKI_PREFIX, publicKey]);
}

/**
 * Node's native Ed25519 keys (OpenSSL, far faster than pure JavaScript) from a tweetnacl secret key: 64 bytes, the
 * 32-byte seed followed by the public key. Signatures are the same bytes tweetnacl makes (Ed25519 is deterministic).
 */
export function ed25519KeyObjects(secretKey: Uint8Array): { privateKey: KeyObject; publicKey: KeyObject } {
  if (secretKey.length !== 64) throw new Error('an Ed25519 secret key has 64 bytes (seed and public key)');
  return {
    privateKey: createPrivateKey({
      key: Buffer.concat([PKCS8_PREFIX, secretKey.subarray(0, 32)]),
      format: 'der',
      type: 'pkcs8',
    }),
    publicKey: createPublicKey({
      key: ed25519PublicKeyDer(secretKey.subarray(32)),
      format: 'der',
      type: 'spki',
    }),
  };
}
