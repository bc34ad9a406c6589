import nacl from 'tweetnacl';
import { encodeBase64 } from './base64.ts';
import { encodeUtf8 } from './utf8.ts';

/**
 * Signed sync requests (DESIGN.md §6). An enrolled station device signs every sync request with its Ed25519 secret
 * key; the server verifies the signature with the public key registered at enrolment, rejects timestamps outside its
 * window (measured on the server's clock) and nonces it has already seen. The canonical string is
 *
 *     METHOD \n PATH-WITH-QUERY \n BODY-DIGEST \n TIMESTAMP-MS \n NONCE
 *
 * where BODY-DIGEST is base64 of SHA-512 (`nacl.hash`) over the exact body bytes sent (empty for no body), and
 * PATH-WITH-QUERY is the request target exactly as it appears on the request line (already percent-encoded).
 * This module is pure TypeScript plus tweetnacl so the station core and the server share one definition.
 */
export const deviceSignatureHeaders = {
  device: 'x-hssk-device',
  timestamp: 'x-hssk-timestamp',
  nonce: 'x-hssk-nonce',
  signature: 'x-hssk-signature',
  /** Response header: the server's clock in epoch milliseconds, so a station can measure its clock offset. */
  serverTime: 'x-hssk-server-time',
} as const;

/** The four request headers of a signed request, ready to merge into a `fetch` headers object. */
export type DeviceSignatureHeaderValues = {
  readonly 'x-hssk-device': string;
  readonly 'x-hssk-timestamp': string;
  readonly 'x-hssk-nonce': string;
  readonly 'x-hssk-signature': string;
};

/** Device ids are server-assigned; this is the shape the server accepts in the header. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Nonces: at least 16 characters of base64url, so random ones carry at least 96 bits. */
export const DEVICE_NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** base64 of SHA-512 of the body bytes. */
export function bodyDigest(body: Uint8Array): string {
  return encodeBase64(nacl.hash(body));
}

export type CanonicalRequestParts = {
  readonly method: string;
  readonly path: string;
  readonly bodyDigest: string;
  readonly timestamp: number;
  readonly nonce: string;
};

/** The exact string a device signs; the method is upper-cased, everything else is taken as given. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method.toUpperCase(),
    parts.path,
    parts.bodyDigest,
    String(parts.timestamp),
    parts.nonce,
  ].join('\n');
}

/** A fresh random nonce: 18 random bytes as base64url (24 characters). */
export function randomNonce(): string {
  return encodeBase64(nacl.randomBytes(18)).replaceAll('+', '-').replaceAll('/', '_');
}

function bytesOf(body: string | Uint8Array | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  return typeof body === 'string' ? encodeUtf8(body) : body;
}

/**
 * Signs one request on the station. `path` must be the request target exactly as it will be sent (path and query,
 * percent-encoded); `body` the exact string or bytes sent (a string is sent as UTF-8); `now` the station's best
 * estimate of the server's time (its clock corrected by the offset learned from `x-hssk-server-time`).
 */
export function signRequest(input: {
  readonly secretKey: Uint8Array;
  readonly deviceId: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string | Uint8Array | undefined;
  readonly now: Date | number;
  readonly nonce?: string | undefined;
}): DeviceSignatureHeaderValues {
  const timestamp = Math.trunc(typeof input.now === 'number' ? input.now : input.now.getTime());
  const nonce = input.nonce ?? randomNonce();
  const message = canonicalRequest({
    method: input.method,
    path: input.path,
    bodyDigest: bodyDigest(bytesOf(input.body)),
    timestamp,
    nonce,
  });
  const signature = nacl.sign.detached(encodeUtf8(message), input.secretKey);
  return {
    'x-hssk-device': input.deviceId,
    'x-hssk-timestamp': String(timestamp),
    'x-hssk-nonce': nonce,
    'x-hssk-signature': encodeBase64(signature),
  };
}

/**
 * True when `signature` is the device's Ed25519 signature of the canonical request. Wrong key or signature lengths
 * are a failed verification, never an exception.
 */
export function verifyRequestSignature(input: {
  readonly publicKey: Uint8Array;
  readonly signature: Uint8Array;
  readonly method: string;
  readonly path: string;
  readonly body: Uint8Array;
  readonly timestamp: number;
  readonly nonce: string;
}): boolean {
  if (input.publicKey.length !== nacl.sign.publicKeyLength) return false;
  if (input.signature.length !== nacl.sign.signatureLength) return false;
  const message = canonicalRequest({
    method: input.method,
    path: input.path,
    bodyDigest: bodyDigest(input.body),
    timestamp: input.timestamp,
    nonce: input.nonce,
  });
  return nacl.sign.detached.verify(encodeUtf8(message), input.signature, input.publicKey);
}
