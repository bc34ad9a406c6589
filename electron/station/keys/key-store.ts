/**
 * How well a key store protects what it wraps. 'strong': bound to something an attacker holding only the disk does
 * not have (the OS key store, a passphrase kept elsewhere). 'weak': wrapping is only obfuscation (Electron
 * safeStorage on Linux with the `basic_text` backend, a file without passphrase), so the station's database key is
 * never stored through it.
 */
export type KeyStoreProtection = 'strong' | 'weak';

/**
 * The port through which the station keeps its database key on the machine, so sync can run while nobody is logged
 * in. It mirrors Electron `safeStorage.encryptString` / `decryptString`, with `protection` reporting
 * `getSelectedStorageBackend() === 'basic_text'` (or `'unknown'`) as 'weak'.
 *
 * Contract (checked for every adapter by `keyStoreContract`):
 * - `unwrap(await wrap(plain))` returns a copy equal to `plain`;
 * - two wraps of the same bytes differ (fresh randomness each time);
 * - `unwrap` of anything else — tampered, truncated, from another secret — rejects with a `StationKeyError`
 *   'station-key-store-unwrap-failed' and never returns partial data;
 * - neither method keeps, logs or puts into an error the bytes it is given or returns.
 */
export type KeyStore = {
  /** Stable adapter id written into the machine slot ('passphrase-file', 'plain-file', 'safe-storage'). */
  readonly id: string;
  readonly protection: KeyStoreProtection;
  wrap(plain: Uint8Array): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array): Promise<Uint8Array>;
};
