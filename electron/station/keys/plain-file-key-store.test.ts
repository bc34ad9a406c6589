import { describe, expect, it } from 'vitest';
import { keyStoreContract } from './key-store.test-support.ts';
import { createPlainFileKeyStore } from './plain-file-key-store.ts';

keyStoreContract('plain file', () => createPlainFileKeyStore());

describe('createPlainFileKeyStore', () => {
  it('reports itself as weak, so the key ring never stores the key through it', () => {
    const store = createPlainFileKeyStore();
    expect(store.protection).toBe('weak');
    expect(store.id).toBe('plain-file');
  });
});
