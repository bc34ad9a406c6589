import type { KeyStore } from './key-store.ts';
import { fromBase64, toBase64, type MachineSlot } from './key-slot-file.ts';
import { StationKeyError } from './station-key-error.ts';

/**
 * The machine slot: the database key wrapped by the machine's `KeyStore`, so the core can open the database (and
 * sync) while nobody is logged in. A weak store gets a slot that records only its id and weakness: storing the key
 * through an obfuscating store would put it next to the database for anyone who copies the folder, and would make
 * removing a staff slot meaningless.
 */
export async function createMachineSlot(key: Uint8Array, keyStore: KeyStore): Promise<MachineSlot> {
  if (keyStore.protection === 'weak') {
    return { kind: 'machine', keyStore: keyStore.id, protection: 'weak' };
  }
  const wrapped = await keyStore.wrap(key);
  return { kind: 'machine', keyStore: keyStore.id, protection: 'strong', wrapped: toBase64(wrapped) };
}

/**
 * Unwraps the machine slot with `keyStore`. Refuses with 'station-key-machine-slot-weak' when the slot was written
 * for a weak store or the store is weak now (a Linux keyring gone, say), with 'station-key-store-mismatch' when the
 * slot belongs to another adapter, and with 'station-key-store-unwrap-failed' when the store cannot unwrap it.
 * Does not check the key against the file's key check; the caller does.
 */
export async function openMachineSlot(slot: MachineSlot, keyStore: KeyStore): Promise<Uint8Array> {
  if (slot.protection === 'weak' || keyStore.protection === 'weak') {
    throw new StationKeyError('station-key-machine-slot-weak');
  }
  if (slot.keyStore !== keyStore.id) {
    throw new StationKeyError('station-key-store-mismatch', { expected: slot.keyStore, actual: keyStore.id });
  }
  try {
    return await keyStore.unwrap(fromBase64(slot.wrapped));
  } catch (error) {
    if (error instanceof StationKeyError) throw error;
    // An adapter's own error (Electron's "Error while decrypting…") becomes the port's stable code.
    throw new StationKeyError('station-key-store-unwrap-failed', { keyStore: keyStore.id }, { cause: error });
  }
}
