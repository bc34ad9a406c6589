import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.ts';
import {
  bodyDigest,
  canonicalRequest,
  DEVICE_NONCE_PATTERN,
  randomNonce,
  signRequest,
  verifyRequestSignature,
} from './device-signature.ts';
import { encodeUtf8 } from './utf8.ts';

const keys = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
const body = '{"name":"Nguyễn Văn An"}';
const signed = signRequest({
  secretKey: keys.secretKey,
  deviceId: 'dev-1',
  method: 'post',
  path: '/sync/persons/push?batch=2',
  body,
  now: new Date('2026-11-26T09:00:00.123Z'),
  nonce: 'nonce-0123456789abcdef',
});

function verify(overrides: Partial<Parameters<typeof verifyRequestSignature>[0]> = {}): boolean {
  return verifyRequestSignature({
    publicKey: keys.publicKey,
    signature: decodeBase64(signed['x-hssk-signature']) ?? new Uint8Array(),
    method: 'POST',
    path: '/sync/persons/push?batch=2',
    body: encodeUtf8(body),
    timestamp: Number(signed['x-hssk-timestamp']),
    nonce: signed['x-hssk-nonce'],
    ...overrides,
  });
}

describe('device request signatures', () => {
  it('signs the documented canonical string: method, path with query, body digest, timestamp and nonce', () => {
    const message = canonicalRequest({
      method: 'post',
      path: '/sync/persons/push?batch=2',
      bodyDigest: bodyDigest(encodeUtf8(body)),
      timestamp: 1_795_683_600_123,
      nonce: 'nonce-0123456789abcdef',
    });
    expect(message.split('\n')).toEqual([
      'POST',
      '/sync/persons/push?batch=2',
      encodeBase64(nacl.hash(encodeUtf8(body))),
      '1795683600123',
      'nonce-0123456789abcdef',
    ]);
    expect(signed).toEqual({
      'x-hssk-device': 'dev-1',
      'x-hssk-timestamp': '1795683600123',
      'x-hssk-nonce': 'nonce-0123456789abcdef',
      'x-hssk-signature': encodeBase64(nacl.sign.detached(encodeUtf8(message), keys.secretKey)),
    });
  });

  it('verifies an untouched request', () => {
    expect(verify()).toBe(true);
  });

  it('fails when any signed part or the key changes', () => {
    expect(verify({ method: 'PUT' })).toBe(false);
    expect(verify({ path: '/sync/persons/push?batch=3' })).toBe(false);
    expect(verify({ path: '/sync/persons/push' })).toBe(false);
    expect(verify({ body: encodeUtf8('{"name":"Nguyễn Văn Ân"}') })).toBe(false);
    expect(verify({ timestamp: Number(signed['x-hssk-timestamp']) + 1 })).toBe(false);
    expect(verify({ nonce: 'nonce-0123456789abcdeF' })).toBe(false);
    expect(verify({ publicKey: nacl.sign.keyPair().publicKey })).toBe(false);
  });

  it('treats keys and signatures of the wrong length as a failed verification, not an exception', () => {
    expect(verify({ publicKey: new Uint8Array(31) })).toBe(false);
    expect(verify({ signature: new Uint8Array(63) })).toBe(false);
    expect(verify({ signature: new Uint8Array(0) })).toBe(false);
  });

  it('signs a request without a body over the digest of zero bytes, and bytes exactly as given', () => {
    const get = signRequest({
      secretKey: keys.secretKey,
      deviceId: 'dev-1',
      method: 'GET',
      path: '/sync/persons/pull?checkpoint=12&limit=100',
      now: 1_795_683_600_123.9,
    });
    expect(get['x-hssk-timestamp']).toBe('1795683600123');
    expect(get['x-hssk-nonce']).toMatch(DEVICE_NONCE_PATTERN);
    const signature = decodeBase64(get['x-hssk-signature']) ?? new Uint8Array();
    const common = {
      publicKey: keys.publicKey,
      signature,
      method: 'GET',
      path: '/sync/persons/pull?checkpoint=12&limit=100',
      timestamp: 1_795_683_600_123,
      nonce: get['x-hssk-nonce'],
    };
    expect(verifyRequestSignature({ ...common, body: new Uint8Array(0) })).toBe(true);
    expect(verifyRequestSignature({ ...common, body: Uint8Array.from([0x20]) })).toBe(false);
  });

  it('draws fresh nonces in the accepted format', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => randomNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(DEVICE_NONCE_PATTERN);
  });
});
