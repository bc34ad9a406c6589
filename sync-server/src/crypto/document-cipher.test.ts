import { describe, expect, it } from 'vitest';
import { createDocumentCipher, generateDocumentKey, parseDocumentKeys } from './document-cipher.ts';

const keysOf = (text: string) => {
  const parsed = parseDocumentKeys(text);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  return parsed.value;
};

describe('the document cipher', () => {
  const doc = { id: 'p1', fullName: 'Nguyễn Thị Hòa', personalId: '001190012345' };

  it('round-trips a document and leaves no plaintext in the ciphertext', () => {
    const cipher = createDocumentCipher(keysOf(generateDocumentKey('k1')));
    const { keyId, body } = cipher.encrypt(doc);
    expect(keyId).toBe('k1');
    expect(Buffer.from(body).includes(Buffer.from('Nguyễn'))).toBe(false);
    expect(Buffer.from(body).includes(Buffer.from('001190012345'))).toBe(false);
    expect(cipher.decrypt(keyId, body)).toEqual({ ok: true, value: doc, warnings: [] });
  });

  it('uses a fresh nonce per write', () => {
    const cipher = createDocumentCipher(keysOf(generateDocumentKey('k1')));
    expect(Buffer.from(cipher.encrypt(doc).body).equals(Buffer.from(cipher.encrypt(doc).body))).toBe(false);
  });

  it('rotates: new writes use the first key, rows under an older key still decrypt', () => {
    const old = generateDocumentKey('k1');
    const before = createDocumentCipher(keysOf(old)).encrypt(doc);
    const rotated = createDocumentCipher(keysOf(`${generateDocumentKey('k2')},${old}`));
    expect(rotated.encrypt(doc).keyId).toBe('k2');
    expect(rotated.decrypt(before.keyId, before.body)).toMatchObject({ ok: true, value: doc });
  });

  it('refuses a tampered body, a wrong key and an unknown key id with error values', () => {
    const cipher = createDocumentCipher(keysOf(generateDocumentKey('k1')));
    const { body } = cipher.encrypt(doc);
    const tampered = new Uint8Array(body);
    tampered[30] = (tampered[30] ?? 0) ^ 1;
    expect(cipher.decrypt('k1', tampered)).toMatchObject({
      ok: false,
      errors: [{ code: 'cipher-body-invalid' }],
    });
    expect(createDocumentCipher(keysOf(generateDocumentKey('k1'))).decrypt('k1', body)).toMatchObject({
      ok: false,
    });
    expect(cipher.decrypt('k9', body)).toMatchObject({ ok: false, errors: [{ code: 'cipher-key-unknown' }] });
  });

  it('rejects malformed key configuration', () => {
    for (const text of ['', 'k1', 'k1:c2hvcnQ=', 'bad id:' + Buffer.alloc(32).toString('base64')]) {
      expect(parseDocumentKeys(text)).toMatchObject({ ok: false, errors: [{ code: 'cipher-keys-invalid' }] });
    }
  });
});
