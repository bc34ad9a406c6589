import { describe, expect, it } from 'vitest';
import { keyStoreContract } from '../../station/keys/key-store.test-support.ts';
import { createBasicTextSafeStorage } from './os-crypt-fake.test-support.ts';
import { createSafeStorageKeyStore, safeStorageProtection } from './safe-storage-key-store.ts';

keyStoreContract(
  'safeStorage (OSCrypt basic_text)',
  () => createSafeStorageKeyStore(createBasicTextSafeStorage(), 'weak'),
  {
    makeOtherSecretStore: () =>
      createSafeStorageKeyStore(createBasicTextSafeStorage({ password: 'other' }), 'weak'),
  },
);

describe('safeStorageProtection', () => {
  it('reports Linux basic_text and unknown as weak, a real secret store as strong', () => {
    expect(safeStorageProtection(createBasicTextSafeStorage(), 'linux')).toEqual({
      protection: 'weak',
      backend: 'basic_text',
    });
    expect(
      safeStorageProtection(createBasicTextSafeStorage({ backend: 'unknown' }), 'linux')?.protection,
    ).toBe('weak');
    expect(
      safeStorageProtection(createBasicTextSafeStorage({ backend: 'gnome_libsecret' }), 'linux'),
    ).toEqual({
      protection: 'strong',
      backend: 'gnome_libsecret',
    });
    expect(
      safeStorageProtection(createBasicTextSafeStorage({ backend: 'kwallet6' }), 'linux')?.protection,
    ).toBe('strong');
  });

  it('reports DPAPI and the Keychain as strong, and nothing when encryption is unavailable', () => {
    expect(safeStorageProtection(createBasicTextSafeStorage(), 'win32')).toEqual({
      protection: 'strong',
      backend: 'dpapi',
    });
    expect(safeStorageProtection(createBasicTextSafeStorage(), 'darwin')?.protection).toBe('strong');
    const unavailable = { ...createBasicTextSafeStorage(), isEncryptionAvailable: () => false };
    expect(safeStorageProtection(unavailable, 'linux')).toBeUndefined();
  });

  it('needs its own nonce and check: the raw OSCrypt output is deterministic and unauthenticated', () => {
    const raw = createBasicTextSafeStorage();
    expect(raw.encryptString('same').equals(raw.encryptString('same'))).toBe(true);
    const store = createSafeStorageKeyStore(raw, 'weak');
    expect(store.id).toBe('safe-storage');
  });
});
