import { describe, expect, it } from 'vitest';
import { cheapHasher } from './accounts-app.test-support.ts';
import { createPasswordHasher } from './password-hasher.ts';

describe('the password hasher', () => {
  it('hashes with argon2id at the OWASP baseline cost by default', async () => {
    const hash = await createPasswordHasher().hash('Mật-khẩu#2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('salts every hash and verifies only the right password', async () => {
    const a = await cheapHasher.hash('Mật-khẩu#2026');
    const b = await cheapHasher.hash('Mật-khẩu#2026');
    expect(a).not.toBe(b);
    expect(await cheapHasher.verify(a, 'Mật-khẩu#2026')).toBe(true);
    expect(await cheapHasher.verify(a, 'mật-khẩu#2026')).toBe(false);
  });

  it('verifies a Vietnamese password typed in decomposed form (NFD) against its NFC hash', async () => {
    const hash = await cheapHasher.hash('Hà-Nội#2026'.normalize('NFC'));
    expect(await cheapHasher.verify(hash, 'Hà-Nội#2026'.normalize('NFD'))).toBe(true);
  });

  it('spends a verification for unknown users without failing', async () => {
    await expect(cheapHasher.verifyNothing('bất kỳ')).resolves.toBeUndefined();
  });
});
