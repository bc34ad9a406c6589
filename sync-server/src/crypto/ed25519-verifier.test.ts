import { sign } from 'node:crypto';
import fc from 'fast-check';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { canonicalRequest, signRequest, verifyRequestSignature } from '#shared/sync/device-signature.ts';
import { decodeBase64 } from '#shared/sync/base64.ts';
import { encodeUtf8 } from '#shared/sync/utf8.ts';
import { ed25519KeyObjects } from './ed25519-keys.ts';
import { createEd25519Verifier } from './ed25519-verifier.ts';

const nativeSign = (message: Uint8Array, secretKey: Uint8Array) =>
  new Uint8Array(sign(null, message, ed25519KeyObjects(secretKey).privateKey));

/** The group order L of Ed25519, little-endian, as the top half of a signature encodes S. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
function withScalarPlusOrder(signature: Uint8Array): Uint8Array {
  let s = 0n;
  for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(signature[32 + i] ?? 0);
  const bumped = s + L;
  const out = Uint8Array.from(signature);
  for (let i = 0; i < 32; i++) out[32 + i] = Number((bumped >> BigInt(8 * i)) & 0xffn);
  return out;
}

describe('native Ed25519 and tweetnacl make and accept the same signatures', () => {
  const verifier = createEd25519Verifier();

  // tweetnacl takes milliseconds a signature: a few dozen cases each, with room on a busy machine.
  it('signs byte for byte as tweetnacl does, and each verifies the other', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 600 }),
        (seed, message) => {
          const { publicKey, secretKey } = nacl.sign.keyPair.fromSeed(seed);
          const byNacl = nacl.sign.detached(message, secretKey);
          const byNode = nativeSign(message, secretKey);
          expect(byNode).toEqual(byNacl);
          expect(verifier.verify(message, byNacl, publicKey)).toBe(true);
          expect(nacl.sign.detached.verify(message, byNode, publicKey)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it(
    'gives the same verdict as tweetnacl on altered messages, signatures and keys',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
          fc.uint8Array({ minLength: 1, maxLength: 300 }),
          fc.nat(),
          fc.constantFrom('message', 'signature', 'key'),
          (seed, message, at, part) => {
            const { publicKey, secretKey } = nacl.sign.keyPair.fromSeed(seed);
            const signature = nacl.sign.detached(message, secretKey);
            const target = { message: Uint8Array.from(message), signature, key: Uint8Array.from(publicKey) }[
              part
            ];
            const index = at % target.length;
            target[index] = (target[index] ?? 0) ^ (1 << (at % 8));
            const m = part === 'message' ? target : message;
            const s = part === 'signature' ? target : signature;
            const k = part === 'key' ? target : publicKey;
            expect(verifier.verify(m, s, k)).toBe(nacl.sign.detached.verify(m, s, k));
            expect(verifier.verify(m, s, k)).toBe(false);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('refuses wrong lengths and keys off the curve without throwing', () => {
    const { publicKey, secretKey } = nacl.sign.keyPair();
    const message = encodeUtf8('x');
    const signature = nacl.sign.detached(message, secretKey);
    expect(verifier.verify(message, signature.subarray(0, 63), publicKey)).toBe(false);
    expect(verifier.verify(message, signature, publicKey.subarray(0, 31))).toBe(false);
    expect(verifier.verify(message, signature, new Uint8Array(32).fill(0xff))).toBe(false);
  });

  it('refuses a re-encoded signature (S + L) that tweetnacl accepts: stricter, as RFC 8032 asks', () => {
    const { publicKey, secretKey } = nacl.sign.keyPair();
    const message = encodeUtf8('GET\n/sync/persons/pull\n\n0\nnonce');
    const malleated = withScalarPlusOrder(nacl.sign.detached(message, secretKey));
    expect(nacl.sign.detached.verify(message, malleated, publicKey)).toBe(true);
    expect(verifier.verify(message, malleated, publicKey)).toBe(false);
  });

  it('verifies a station-signed request natively, and a natively signed one with the shared tweetnacl check', () => {
    const { publicKey, secretKey } = nacl.sign.keyPair();
    const body = JSON.stringify([{ newDocumentState: { id: 'p1', fullName: 'Nguyễn Văn An' } }]);
    const request = { method: 'POST', path: '/sync/persons/push?x=%C3%A1', body, now: 1_765_000_000_000 };
    const headers = signRequest({ secretKey, deviceId: 'd1', ...request });
    const signature = decodeBase64(headers['x-hssk-signature']) ?? new Uint8Array(0);
    const canonical = canonicalRequest({
      method: request.method,
      path: request.path,
      bodyDigest: Buffer.from(nacl.hash(encodeUtf8(body))).toString('base64'),
      timestamp: request.now,
      nonce: headers['x-hssk-nonce'],
    });
    expect(verifier.verify(encodeUtf8(canonical), signature, publicKey)).toBe(true);
    const nativeSignature = nativeSign(encodeUtf8(canonical), secretKey);
    expect(
      verifyRequestSignature({
        publicKey,
        signature: nativeSignature,
        method: request.method,
        path: request.path,
        body: encodeUtf8(body),
        timestamp: request.now,
        nonce: headers['x-hssk-nonce'],
      }),
    ).toBe(true);
  });
});
