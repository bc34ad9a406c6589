import { describe, expect, it } from 'vitest';
import { keyStoreContract } from './key-store.test-support.ts';
import { createPassphraseFileKeyStore } from './passphrase-file-key-store.ts';
import { TEST_SCRYPT } from './station-key-ring.test-support.ts';

keyStoreContract(
  'passphrase file',
  () => createPassphraseFileKeyStore({ passphrase: 'Mật khẩu kho khóa — trạm Phúc Xá', scrypt: TEST_SCRYPT }),
  {
    makeOtherSecretStore: () =>
      createPassphraseFileKeyStore({ passphrase: 'Mật khẩu kho khóa — trạm Phúc Xà', scrypt: TEST_SCRYPT }),
  },
);

describe('createPassphraseFileKeyStore', () => {
  it('is a strong store', () => {
    const store = createPassphraseFileKeyStore({ passphrase: 'x', scrypt: TEST_SCRYPT });
    expect(store.protection).toBe('strong');
    expect(store.id).toBe('passphrase-file');
  });

  it('unwraps with the same passphrase typed in another Unicode composition', async () => {
    const composed = 'Trạm Y tế Hàng Bạc'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const plain = Uint8Array.from([1, 2, 3]);
    const wrapped = await createPassphraseFileKeyStore({ passphrase: composed, scrypt: TEST_SCRYPT }).wrap(
      plain,
    );
    const store = createPassphraseFileKeyStore({ passphrase: decomposed, scrypt: TEST_SCRYPT });
    expect(await store.unwrap(wrapped)).toEqual(plain);
  });

  it('unwraps a value wrapped at another scrypt cost, since the cost travels with it', async () => {
    const plain = Uint8Array.from([9, 8, 7]);
    const wrapped = await createPassphraseFileKeyStore({
      passphrase: 'p',
      scrypt: { N: 32, r: 2, p: 1 },
    }).wrap(plain);
    expect(
      await createPassphraseFileKeyStore({ passphrase: 'p', scrypt: TEST_SCRYPT }).unwrap(wrapped),
    ).toEqual(plain);
  });

  it('refuses an empty passphrase when created', () => {
    expect(() => createPassphraseFileKeyStore({ passphrase: '' })).toThrow(/passphrase/);
  });
});
