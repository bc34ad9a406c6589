import nacl from 'tweetnacl';
import type { KeyStore } from './key-store.ts';
import {
  DEFAULT_SCRYPT_PARAMS,
  deriveScryptKey,
  isSupportedScryptParams,
  SCRYPT_SALT_BYTES,
  type ScryptParams,
} from './scrypt-kdf.ts';
import { StationKeyError } from './station-key-error.ts';

export const PASSPHRASE_FILE_KEY_STORE_ID = 'passphrase-file';

const FORMAT_VERSION = 1;
/** version, log2(N), r, p */
const PARAMS_BYTES = 4;
const HEADER_BYTES = PARAMS_BYTES + SCRYPT_SALT_BYTES + nacl.secretbox.nonceLength;

/**
 * A strong `KeyStore` for machines without an OS key store (a server-room station, CI): the wrapped bytes are
 * protected by a passphrase the operator keeps outside the data folder (scrypt, then tweetnacl secretbox). The
 * wrapped form is self-describing — `version ‖ log2 N ‖ r ‖ p ‖ salt ‖ nonce ‖ secretbox` — with a fresh salt and
 * nonce per wrap, so a changed default cost never strands an older slot. A wrong passphrase and tampered bytes are
 * indistinguishable by design: both are 'station-key-store-unwrap-failed'.
 */
export function createPassphraseFileKeyStore(options: {
  readonly passphrase: string;
  /** Tests pass a cheaper cost; the default is `DEFAULT_SCRYPT_PARAMS`. */
  readonly scrypt?: ScryptParams;
}): KeyStore {
  const { passphrase } = options;
  const params = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
  if (passphrase === '') throw new Error('the key-store passphrase must not be empty');
  if (!isSupportedScryptParams(params) || params.r > 255 || params.p > 255) {
    throw new Error('unsupported scrypt parameters for the passphrase key store');
  }
  const unwrapFailed = (cause?: unknown): StationKeyError =>
    new StationKeyError(
      'station-key-store-unwrap-failed',
      { keyStore: PASSPHRASE_FILE_KEY_STORE_ID },
      cause === undefined ? undefined : { cause },
    );

  return {
    id: PASSPHRASE_FILE_KEY_STORE_ID,
    protection: 'strong',
    async wrap(plain) {
      const salt = nacl.randomBytes(SCRYPT_SALT_BYTES);
      const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
      const kek = await deriveScryptKey(passphrase, salt, params);
      try {
        const box = nacl.secretbox(plain, nonce, kek);
        const out = new Uint8Array(HEADER_BYTES + box.length);
        out.set([FORMAT_VERSION, Math.log2(params.N), params.r, params.p]);
        out.set(salt, PARAMS_BYTES);
        out.set(nonce, PARAMS_BYTES + SCRYPT_SALT_BYTES);
        out.set(box, HEADER_BYTES);
        return out;
      } finally {
        kek.fill(0);
      }
    },
    async unwrap(wrapped) {
      if (wrapped.length < HEADER_BYTES + nacl.secretbox.overheadLength || wrapped[0] !== FORMAT_VERSION) {
        throw unwrapFailed();
      }
      const stored: ScryptParams = { N: 2 ** (wrapped[1] ?? 0), r: wrapped[2] ?? 0, p: wrapped[3] ?? 0 };
      if (!isSupportedScryptParams(stored)) throw unwrapFailed();
      const salt = wrapped.subarray(PARAMS_BYTES, PARAMS_BYTES + SCRYPT_SALT_BYTES);
      const nonce = wrapped.subarray(PARAMS_BYTES + SCRYPT_SALT_BYTES, HEADER_BYTES);
      let kek: Uint8Array;
      try {
        kek = await deriveScryptKey(passphrase, salt, stored);
      } catch (error) {
        throw unwrapFailed(error);
      }
      try {
        const opened = nacl.secretbox.open(wrapped.subarray(HEADER_BYTES), nonce, kek);
        if (opened === null) throw unwrapFailed();
        return opened;
      } finally {
        kek.fill(0);
      }
    },
  };
}
