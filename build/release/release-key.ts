import { readFile } from 'node:fs/promises';
import nacl from 'tweetnacl';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the 32-byte key follows. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Reads the city's release secret key: a file holding the base64 of a 64-byte tweetnacl Ed25519 secret key (as
 * `generate-release-key-command.ts` writes it). Throws with what to do when the file is missing or not a key.
 */
export async function readReleaseSecretKey(path: string): Promise<Uint8Array> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Error(
      `Không đọc được tệp khóa phát hành ${path}. Cắm thiết bị giữ khóa rồi chỉ đúng đường dẫn.`,
    );
  });
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== nacl.sign.secretKeyLength) {
    throw new Error(`Tệp ${path} không phải khóa bí mật phát hành (cần base64 của 64 byte Ed25519).`);
  }
  return new Uint8Array(key);
}

/** The public half of a secret key. */
export function releasePublicKeyOf(secretKey: Uint8Array): Uint8Array {
  return nacl.sign.keyPair.fromSecretKey(secretKey).publicKey;
}

/** The public key as a PEM `PUBLIC KEY`, which `openssl pkeyutl -verify -pubin -inkey` reads. */
export function releasePublicKeyPem(publicKey: Uint8Array): string {
  const der = Buffer.concat([ED25519_SPKI_PREFIX, publicKey]).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${der}\n-----END PUBLIC KEY-----\n`;
}
