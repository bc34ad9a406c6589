import nacl from 'tweetnacl';
import type { KeyStore } from './key-store.ts';
import { StationKeyError } from './station-key-error.ts';

export const PLAIN_FILE_KEY_STORE_ID = 'plain-file';

const FORMAT_VERSION = 1;
const HEADER_BYTES = 1 + nacl.secretbox.nonceLength;

/**
 * A public, fixed key: anyone with this source code unwraps what this store wraps. It exists so the store has the
 * same shape and failure behaviour as a real one (authenticated, fresh nonce per wrap), like Electron's hard-coded
 * `basic_text` password on Linux.
 */
const OBFUSCATION_KEY = nacl
  .hash(new TextEncoder().encode('hssk station plain-file key store: obfuscation only, no protection'))
  .subarray(0, nacl.secretbox.keyLength);

/**
 * The weak `KeyStore`: a file adapter with no passphrase, the stand-in for an OS without a usable key store. Its
 * wrapping is obfuscation only, so it reports `protection: 'weak'` and the key ring never stores the database key
 * through it (the station then opens only after a staff login). Wrapped form: `version ‖ nonce ‖ secretbox`.
 */
export function createPlainFileKeyStore(): KeyStore {
  const unwrapFailed = (): StationKeyError =>
    new StationKeyError('station-key-store-unwrap-failed', { keyStore: PLAIN_FILE_KEY_STORE_ID });
  return {
    id: PLAIN_FILE_KEY_STORE_ID,
    protection: 'weak',
    async wrap(plain) {
      const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
      const box = nacl.secretbox(plain, nonce, OBFUSCATION_KEY);
      const out = new Uint8Array(HEADER_BYTES + box.length);
      out[0] = FORMAT_VERSION;
      out.set(nonce, 1);
      out.set(box, HEADER_BYTES);
      return out;
    },
    async unwrap(wrapped) {
      if (wrapped.length < HEADER_BYTES + nacl.secretbox.overheadLength || wrapped[0] !== FORMAT_VERSION) {
        throw unwrapFailed();
      }
      const opened = nacl.secretbox.open(
        wrapped.subarray(HEADER_BYTES),
        wrapped.subarray(1, HEADER_BYTES),
        OBFUSCATION_KEY,
      );
      if (opened === null) throw unwrapFailed();
      return opened;
    },
  };
}
