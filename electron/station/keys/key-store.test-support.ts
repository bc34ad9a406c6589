import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyStore } from './key-store.ts';
import { StationKeyError } from './station-key-error.ts';

/** Expects `promise` to reject with a StationKeyError of `code`, and returns it. */
export async function expectStationKeyError(
  promise: Promise<unknown>,
  code: string,
): Promise<StationKeyError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(StationKeyError);
  expect((error as StationKeyError).code).toBe(code);
  return error as StationKeyError;
}

/** A 32-byte stand-in for a database key. */
const SECRET = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256);

/**
 * The `KeyStore` contract (key-store.ts), run against every adapter. `makeStore` builds a store with the secret
 * under test; `makeOtherSecretStore`, for adapters that have a secret, builds the same adapter with another one.
 */
export function keyStoreContract(
  name: string,
  makeStore: () => KeyStore,
  options: { readonly makeOtherSecretStore?: () => KeyStore } = {},
): void {
  describe(`KeyStore contract: ${name}`, () => {
    it('unwraps what it wrapped, for any bytes, without changing the input', async () => {
      const store = makeStore();
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 96 }), async (plain) => {
          const before = Uint8Array.from(plain);
          const unwrapped = await store.unwrap(await store.wrap(plain));
          expect(unwrapped).toEqual(before);
          expect(plain).toEqual(before);
        }),
        { numRuns: 25 },
      );
    });

    it('never returns the plaintext bytes as its wrapped form, and differs on every wrap', async () => {
      const store = makeStore();
      const first = await store.wrap(SECRET);
      const second = await store.wrap(SECRET);
      expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
      expect(Buffer.from(first).includes(Buffer.from(SECRET))).toBe(false);
    });

    it('rejects every truncation of a wrapped value with station-key-store-unwrap-failed', async () => {
      const store = makeStore();
      const wrapped = await store.wrap(SECRET);
      for (let length = 0; length < wrapped.length; length++) {
        await expectStationKeyError(
          store.unwrap(wrapped.subarray(0, length)),
          'station-key-store-unwrap-failed',
        );
      }
    });

    it('rejects a wrapped value with any single byte changed, never returning partial data', async () => {
      const store = makeStore();
      const wrapped = await store.wrap(SECRET);
      for (let index = 0; index < wrapped.length; index++) {
        const tampered = Uint8Array.from(wrapped);
        tampered[index] = (tampered[index] ?? 0) ^ 0x01;
        await expectStationKeyError(store.unwrap(tampered), 'station-key-store-unwrap-failed');
      }
    });

    it('rejects bytes with extra data appended, and random bytes', async () => {
      const store = makeStore();
      const wrapped = await store.wrap(SECRET);
      const longer = new Uint8Array(wrapped.length + 1);
      longer.set(wrapped);
      await expectStationKeyError(store.unwrap(longer), 'station-key-store-unwrap-failed');
      const noise = Uint8Array.from({ length: wrapped.length }, (_, i) => (i * 101 + 7) % 256);
      await expectStationKeyError(store.unwrap(noise), 'station-key-store-unwrap-failed');
    });

    it('puts no wrapped or unwrapped bytes into its error message', async () => {
      const store = makeStore();
      const wrapped = await store.wrap(SECRET);
      const tampered = Uint8Array.from(wrapped);
      tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0xff;
      const error = await expectStationKeyError(store.unwrap(tampered), 'station-key-store-unwrap-failed');
      for (const bytes of [SECRET, wrapped]) {
        for (const encoding of ['hex', 'base64'] as const) {
          expect(error.message).not.toContain(Buffer.from(bytes).toString(encoding).slice(0, 16));
        }
      }
      expect(error.message).toContain(store.id);
    });

    const { makeOtherSecretStore } = options;
    if (makeOtherSecretStore !== undefined) {
      it('refuses to unwrap with another secret (wrong passphrase)', async () => {
        const wrapped = await makeStore().wrap(SECRET);
        const other = makeOtherSecretStore();
        expect(other.id).toBe(makeStore().id);
        await expectStationKeyError(other.unwrap(wrapped), 'station-key-store-unwrap-failed');
      });
    }
  });
}
