import nacl from 'tweetnacl';
import { defineIssues } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';

/**
 * Encrypts document bodies before they reach the database (Art. 19.2): tweetnacl secretbox (XSalsa20-Poly1305)
 * with a random nonce per write. Every ciphertext names its key (`keyId`) so keys can rotate: new writes use the
 * current key, older rows stay readable with the keys still configured.
 */
export type DocumentCipher = {
  readonly currentKeyId: string;
  encrypt(value: unknown): { keyId: string; body: Uint8Array };
  /** Decrypts and parses; a wrong key, a tampered body or an unknown key id is an error value, not a throw. */
  decrypt(keyId: string, body: Uint8Array): Result<unknown>;
};

const issue = defineIssues({
  'cipher-key-unknown':
    'Không tìm thấy khóa giải mã "{keyId}". Kiểm tra cấu hình HSSK_DOCUMENT_KEYS trên máy chủ.',
  'cipher-body-invalid': 'Dữ liệu mã hóa bị hỏng hoặc bị sửa. Báo bộ phận CNTT để khôi phục từ bản sao lưu.',
  'cipher-keys-invalid':
    'HSSK_DOCUMENT_KEYS không hợp lệ: cần các cặp "mãkhóa:base64" (32 byte), cách nhau bởi dấu phẩy.',
});

const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses `keyId:base64,keyId:base64`; the first key is the current one. */
export function parseDocumentKeys(text: string): Result<ReadonlyMap<string, Uint8Array>> {
  const keys = new Map<string, Uint8Array>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [keyId, encoded] = part.split(':');
    if (keyId === undefined || encoded === undefined || !KEY_ID_PATTERN.test(keyId))
      return fail(issue('cipher-keys-invalid'));
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== nacl.secretbox.keyLength || keys.has(keyId)) return fail(issue('cipher-keys-invalid'));
    keys.set(keyId, new Uint8Array(key));
  }
  return keys.size === 0 ? fail(issue('cipher-keys-invalid')) : ok(keys);
}

/** A fresh random key in the `keyId:base64` form `HSSK_DOCUMENT_KEYS` takes. */
export function generateDocumentKey(keyId: string): string {
  return `${keyId}:${Buffer.from(nacl.randomBytes(nacl.secretbox.keyLength)).toString('base64')}`;
}

export function createDocumentCipher(keys: ReadonlyMap<string, Uint8Array>): DocumentCipher {
  const [current] = keys.entries();
  if (!current) throw new Error('createDocumentCipher needs at least one key');
  const [currentKeyId, currentKey] = current;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    currentKeyId,
    encrypt(value) {
      const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
      const sealed = nacl.secretbox(encoder.encode(JSON.stringify(value)), nonce, currentKey);
      const body = new Uint8Array(nonce.length + sealed.length);
      body.set(nonce);
      body.set(sealed, nonce.length);
      return { keyId: currentKeyId, body };
    },
    decrypt(keyId, body) {
      const key = keys.get(keyId);
      if (!key) return fail(issue('cipher-key-unknown', { keyId }));
      const nonce = body.subarray(0, nacl.secretbox.nonceLength);
      const opened = nacl.secretbox.open(body.subarray(nacl.secretbox.nonceLength), nonce, key);
      if (!opened) return fail(issue('cipher-body-invalid'));
      try {
        return ok(JSON.parse(decoder.decode(opened)) as unknown);
      } catch {
        return fail(issue('cipher-body-invalid'));
      }
    },
  };
}
