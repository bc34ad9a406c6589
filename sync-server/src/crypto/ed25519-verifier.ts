import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { ed25519PublicKeyDer } from './ed25519-keys.ts';

/** Raw 32-byte Ed25519 public keys whose KeyObjects are kept; the least recently used one goes when full. */
const KEY_CACHE_SIZE = 10_000;

export type Ed25519Verifier = {
  /** True when `signature` is `publicKey`'s Ed25519 signature of `message`; wrong lengths are false, never thrown. */
  verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean;
};

/**
 * Ed25519 verification with Node's native OpenSSL, many times faster than tweetnacl. It accepts every signature
 * tweetnacl (or any RFC 8032 signer) makes and refuses what tweetnacl refuses; it is stricter only on non-canonical
 * signatures (S ≥ L, a re-encoding of a valid one), which RFC 8032 rejects. Parsed public keys are cached, as a
 * device verifies request after request with the same key.
 */
export function createEd25519Verifier(): Ed25519Verifier {
  const keys = new Map<string, KeyObject>();
  const keyOf = (publicKey: Uint8Array): KeyObject => {
    const id = Buffer.from(publicKey).toString('base64');
    let key = keys.get(id);
    if (key === undefined) {
      key = createPublicKey({ key: ed25519PublicKeyDer(publicKey), format: 'der', type: 'spki' });
      if (keys.size >= KEY_CACHE_SIZE) {
        const oldest = keys.keys().next();
        if (oldest.done !== true) keys.delete(oldest.value);
      }
    } else {
      keys.delete(id);
    }
    keys.set(id, key);
    return key;
  };
  return {
    verify(message, signature, publicKey) {
      if (publicKey.length !== 32 || signature.length !== 64) return false;
      try {
        return verify(null, message, keyOf(publicKey), signature);
      } catch {
        // A public key that is not a point on the curve: OpenSSL refuses to load it.
        return false;
      }
    },
  };
}
