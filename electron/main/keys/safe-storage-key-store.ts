import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SafeStorage } from 'electron';
import type { KeyStore, KeyStoreProtection } from '../../station/keys/key-store.ts';
import { StationKeyError } from '../../station/keys/station-key-error.ts';

export const SAFE_STORAGE_KEY_STORE_ID = 'safe-storage';

/** What the adapter needs of Electron's `safeStorage` (main process, after `app` is ready). */
export type SafeStoragePort = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/** The Linux secret stores that bind the key to the user's login; `basic_text` and `unknown` do not. */
const STRONG_LINUX_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/**
 * How well safeStorage protects on this machine: DPAPI (Windows) and the Keychain (macOS) are strong; on Linux only a
 * real secret store is, while `basic_text` (Chromium's hard-coded password) or `unknown` is obfuscation — weak.
 * Unavailable encryption is reported as undefined: the app then uses the plain-file store, which is weak too.
 */
export function safeStorageProtection(
  safeStorage: SafeStoragePort,
  platform: NodeJS.Platform,
): { protection: KeyStoreProtection; backend: string } | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'win32') return { protection: 'strong', backend: 'dpapi' };
  if (platform === 'darwin') return { protection: 'strong', backend: 'keychain' };
  const backend = safeStorage.getSelectedStorageBackend();
  return { protection: STRONG_LINUX_BACKENDS.has(backend) ? 'strong' : 'weak', backend };
}

const MAGIC = Buffer.from('hssk-ss1');
const NONCE_BYTES = 16;
const CHECK_BYTES = 32;

const checkOf = (nonce: Uint8Array, plain: Uint8Array) =>
  createHash('sha256').update(MAGIC).update(nonce).update(plain).digest();

/**
 * The machine slot's `KeyStore` over Electron safeStorage. safeStorage encrypts strings and on Linux
 * uses AES-CBC with a fixed IV and no authentication, so this adapter adds what the `KeyStore` contract requires: a
 * fresh nonce inside every wrap (two wraps differ) and a SHA-256 check of nonce and bytes (any change is detected,
 * never partial data). Wrapped form: `hssk-ss1 ‖ safeStorage(base64(nonce ‖ check ‖ plain))`.
 */
export function createSafeStorageKeyStore(
  safeStorage: SafeStoragePort,
  protection: KeyStoreProtection,
): KeyStore {
  const unwrapFailed = () =>
    new StationKeyError('station-key-store-unwrap-failed', { keyStore: SAFE_STORAGE_KEY_STORE_ID });
  return {
    id: SAFE_STORAGE_KEY_STORE_ID,
    protection,
    async wrap(plain) {
      const nonce = randomBytes(NONCE_BYTES);
      const inner = Buffer.concat([nonce, checkOf(nonce, plain), plain]).toString('base64');
      return new Uint8Array(Buffer.concat([MAGIC, safeStorage.encryptString(inner)]));
    },
    async unwrap(wrapped) {
      const bytes = Buffer.from(wrapped);
      if (bytes.length <= MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
        throw unwrapFailed();
      let inner: Buffer;
      try {
        const text = safeStorage.decryptString(bytes.subarray(MAGIC.length));
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw unwrapFailed();
        inner = Buffer.from(text, 'base64');
      } catch {
        throw unwrapFailed();
      }
      if (inner.length < NONCE_BYTES + CHECK_BYTES) throw unwrapFailed();
      const nonce = inner.subarray(0, NONCE_BYTES);
      const check = inner.subarray(NONCE_BYTES, NONCE_BYTES + CHECK_BYTES);
      const plain = inner.subarray(NONCE_BYTES + CHECK_BYTES);
      if (!timingSafeEqual(check, checkOf(nonce, plain))) throw unwrapFailed();
      return new Uint8Array(plain);
    },
  };
}
