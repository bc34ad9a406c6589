import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import type { SafeStoragePort } from './safe-storage-key-store.ts';

/**
 * A faithful stand-in for Electron's safeStorage on Linux without a secret store (Chromium OSCrypt `basic_text`):
 * AES-128-CBC, key PBKDF2-SHA1("peanuts", "saltysalt", 1 iteration), IV of 16 spaces, prefix "v10". Like the real
 * one it is deterministic and unauthenticated, so a test against it shows what the adapter must add itself.
 */
export function createBasicTextSafeStorage(
  options: { backend?: ReturnType<SafeStoragePort['getSelectedStorageBackend']>; password?: string } = {},
): SafeStoragePort {
  const key = pbkdf2Sync(options.password ?? 'peanuts', 'saltysalt', 1, 16, 'sha1');
  const iv = Buffer.alloc(16, ' ');
  const prefix = Buffer.from('v10');
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => options.backend ?? 'basic_text',
    encryptString(plainText) {
      const cipher = createCipheriv('aes-128-cbc', key, iv);
      return Buffer.concat([prefix, cipher.update(plainText, 'utf8'), cipher.final()]);
    },
    decryptString(encrypted) {
      if (!encrypted.subarray(0, 3).equals(prefix))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const decipher = createDecipheriv('aes-128-cbc', key, iv);
      return Buffer.concat([decipher.update(encrypted.subarray(3)), decipher.final()]).toString('utf8');
    },
  };
}
