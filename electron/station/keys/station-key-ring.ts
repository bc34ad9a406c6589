import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import nacl from 'tweetnacl';
import { computeKeyCheck, DATABASE_KEY_BYTES, keyMatchesCheck } from './key-check.ts';
import {
  fromBase64,
  KEY_SLOT_FILE_FORMAT,
  KEY_SLOT_FILE_VERSION,
  readKeySlotFile,
  toBase64,
  writeKeySlotFile,
  type KeySlot,
  type KeySlotFile,
  type StaffSlot,
} from './key-slot-file.ts';
import type { KeyStore, KeyStoreProtection } from './key-store.ts';
import { createMachineSlot, openMachineSlot } from './machine-slot.ts';
import { isSealedTo, openRecoverySlot, sealRecoverySlot } from './recovery-slot.ts';
import { DEFAULT_SCRYPT_PARAMS, type ScryptParams } from './scrypt-kdf.ts';
import { createStaffSlot, openStaffSlot } from './staff-slot.ts';
import { StationKeyError } from './station-key-error.ts';

/** 'new': neither file exists; 'ready': the slot file exists; 'slot-file-missing': a database without its slots. */
export type StationKeyRingState = 'new' | 'ready' | 'slot-file-missing';

/** What the slot file allows, without any key material (for an admin screen). */
export type KeySlotSummary = {
  readonly machine?: { readonly keyStore: string; readonly protection: KeyStoreProtection };
  readonly recoveryPublicKeys: readonly string[];
  readonly staffUserNames: readonly string[];
};

export type StaffCredentials = { readonly userName: string; readonly password: string };

/**
 * The station database key and its slots. Every `open…` and `recover` returns a fresh 32-byte copy of
 * the key that the caller owns and zeroes when done; every method that takes a key checks it against the file's key
 * check first. Failures are `StationKeyError`s with stable codes; when one is thrown the slot file is byte for byte
 * as it was. The slot file is only ever written atomically, is never recreated or deleted by this module, and
 * `initialize` refuses to run over an existing slot file or an existing database.
 */
export type StationKeyRing = {
  state(): Promise<StationKeyRingState>;
  describe(): Promise<KeySlotSummary>;
  /**
   * Creates a fresh random key and the slot file: a machine slot for `keyStore`, a recovery slot for the city, and a
   * staff slot for `firstStaff`, which is required when `keyStore` is weak (else nobody could open the database).
   */
  initialize(input: {
    readonly keyStore: KeyStore;
    readonly recoveryPublicKey: Uint8Array;
    readonly firstStaff?: StaffCredentials;
  }): Promise<Uint8Array>;
  /** Opens through the machine slot; 'station-key-machine-slot-weak' means a staff login is needed. */
  openWithMachine(keyStore: KeyStore): Promise<Uint8Array>;
  openWithStaff(userName: string, password: string): Promise<Uint8Array>;
  /** City side: opens the recovery slot sealed to the public half of `recoverySecretKey`. */
  recover(recoverySecretKey: Uint8Array): Promise<Uint8Array>;
  addStaffSlot(key: Uint8Array, userName: string, password: string): Promise<void>;
  /** Replaces a staff slot's password from an open session (after a password reset by an admin). */
  resetStaffSlot(key: Uint8Array, userName: string, newPassword: string): Promise<void>;
  changeStaffPassword(userName: string, oldPassword: string, newPassword: string): Promise<void>;
  /** Refuses to remove the last staff slot of a station whose machine slot cannot open the database. */
  removeStaffSlot(userName: string): Promise<void>;
  /** Replaces the machine slot (after a recovery, or when the OS key store changed). */
  rewrapMachineSlot(key: Uint8Array, keyStore: KeyStore): Promise<void>;
};

export function createStationKeyRing(options: {
  readonly slotFile: string;
  readonly databaseFile: string;
  /** scrypt cost of new staff slots; tests pass a cheaper one. */
  readonly staffScrypt?: ScryptParams;
}): StationKeyRing {
  const { slotFile, databaseFile } = options;
  const staffScrypt = options.staffScrypt ?? DEFAULT_SCRYPT_PARAMS;
  const fileName = basename(slotFile);
  /** Mutations run one after another so two concurrent changes cannot lose one another's slot. */
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<KeySlotFile> {
    const file = await readKeySlotFile(slotFile);
    if (file !== undefined) return file;
    const code = (await exists(databaseFile))
      ? 'station-key-slot-file-missing'
      : 'station-key-not-initialized';
    throw new StationKeyError(code, { file: fileName });
  }

  /** Returns `key` when it is the file's key; otherwise zeroes it and throws 'station-key-slot-damaged'. */
  function checked(file: KeySlotFile, key: Uint8Array): Uint8Array {
    if (keyMatchesCheck(key, fromBase64(file.keyCheck))) return key;
    key.fill(0);
    throw new StationKeyError('station-key-slot-damaged', { file: fileName });
  }

  function requireKey(file: KeySlotFile, key: Uint8Array): void {
    if (!keyMatchesCheck(key, fromBase64(file.keyCheck))) {
      throw new StationKeyError('station-key-mismatch', { file: fileName });
    }
  }

  function staffSlotOf(file: KeySlotFile, userName: string): StaffSlot {
    const slot = file.slots.find((s): s is StaffSlot => s.kind === 'staff' && s.userName === userName);
    if (slot === undefined)
      throw new StationKeyError('station-key-no-slot', { slot: `tài khoản ${userName}` });
    return slot;
  }

  async function openStaff(file: KeySlotFile, userName: string, password: string): Promise<Uint8Array> {
    const key = await openStaffSlot(staffSlotOf(file, userName), password);
    if (key === undefined) throw new StationKeyError('station-key-wrong-password', { userName });
    return checked(file, key);
  }

  function mutate(change: (file: KeySlotFile) => Promise<readonly KeySlot[]>): Promise<void> {
    const run = async (): Promise<void> => {
      const file = await load();
      const slots = await change(file);
      await writeKeySlotFile(slotFile, { ...file, slots: [...slots] });
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  }

  const replaceStaff = (slots: readonly KeySlot[], slot: StaffSlot): KeySlot[] =>
    slots.map((s) => (s.kind === 'staff' && s.userName === slot.userName ? slot : s));

  return {
    async state() {
      if (await exists(slotFile)) return 'ready';
      return (await exists(databaseFile)) ? 'slot-file-missing' : 'new';
    },

    async describe() {
      const file = await load();
      const machine = file.slots.find((s) => s.kind === 'machine');
      return {
        ...(machine === undefined
          ? {}
          : { machine: { keyStore: machine.keyStore, protection: machine.protection } }),
        recoveryPublicKeys: file.slots.flatMap((s) => (s.kind === 'recovery' ? [s.recipientPublicKey] : [])),
        staffUserNames: file.slots.flatMap((s) => (s.kind === 'staff' ? [s.userName] : [])),
      };
    },

    async initialize({ keyStore, recoveryPublicKey, firstStaff }) {
      if (await exists(slotFile))
        throw new StationKeyError('station-key-slot-file-exists', { file: fileName });
      if (await exists(databaseFile)) {
        throw new StationKeyError('station-key-slot-file-missing', { file: fileName });
      }
      if (keyStore.protection === 'weak' && firstStaff === undefined) {
        throw new StationKeyError('station-key-staff-slot-required');
      }
      const key = nacl.randomBytes(DATABASE_KEY_BYTES);
      try {
        const slots: KeySlot[] = [
          await createMachineSlot(key, keyStore),
          sealRecoverySlot(key, recoveryPublicKey),
        ];
        if (firstStaff !== undefined) {
          slots.push(await createStaffSlot(key, firstStaff.userName, firstStaff.password, staffScrypt));
        }
        const file: KeySlotFile = {
          format: KEY_SLOT_FILE_FORMAT,
          version: KEY_SLOT_FILE_VERSION,
          keyCheck: toBase64(computeKeyCheck(key)),
          slots,
        };
        try {
          await writeKeySlotFile(slotFile, file, { create: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          throw new StationKeyError('station-key-slot-file-exists', { file: fileName }, { cause: error });
        }
        return key;
      } catch (error) {
        key.fill(0);
        throw error;
      }
    },

    async openWithMachine(keyStore) {
      const file = await load();
      const slot = file.slots.find((s) => s.kind === 'machine');
      if (slot === undefined) throw new StationKeyError('station-key-no-slot', { slot: 'khóa máy' });
      return checked(file, await openMachineSlot(slot, keyStore));
    },

    async openWithStaff(userName, password) {
      return openStaff(await load(), userName, password);
    },

    async recover(recoverySecretKey) {
      const file = await load();
      const slot = file.slots.find((s) => s.kind === 'recovery' && isSealedTo(s, recoverySecretKey));
      const key = slot?.kind === 'recovery' ? openRecoverySlot(slot, recoverySecretKey) : undefined;
      if (key === undefined) throw new StationKeyError('station-key-recovery-failed', { file: fileName });
      return checked(file, key);
    },

    addStaffSlot(key, userName, password) {
      return mutate(async (file) => {
        requireKey(file, key);
        if (file.slots.some((s) => s.kind === 'staff' && s.userName === userName)) {
          throw new StationKeyError('station-key-staff-slot-exists', { userName });
        }
        return [...file.slots, await createStaffSlot(key, userName, password, staffScrypt)];
      });
    },

    resetStaffSlot(key, userName, newPassword) {
      return mutate(async (file) => {
        requireKey(file, key);
        staffSlotOf(file, userName);
        return replaceStaff(file.slots, await createStaffSlot(key, userName, newPassword, staffScrypt));
      });
    },

    changeStaffPassword(userName, oldPassword, newPassword) {
      return mutate(async (file) => {
        const key = await openStaff(file, userName, oldPassword);
        try {
          return replaceStaff(file.slots, await createStaffSlot(key, userName, newPassword, staffScrypt));
        } finally {
          key.fill(0);
        }
      });
    },

    removeStaffSlot(userName) {
      return mutate(async (file) => {
        staffSlotOf(file, userName);
        const remaining = file.slots.filter((s) => !(s.kind === 'staff' && s.userName === userName));
        const machineOpens = file.slots.some((s) => s.kind === 'machine' && s.protection === 'strong');
        if (!machineOpens && !remaining.some((s) => s.kind === 'staff')) {
          throw new StationKeyError('station-key-last-staff-slot', { userName });
        }
        return remaining;
      });
    },

    rewrapMachineSlot(key, keyStore) {
      return mutate(async (file) => {
        requireKey(file, key);
        const slot = await createMachineSlot(key, keyStore);
        const others = file.slots.filter((s) => s.kind !== 'machine');
        if (slot.protection === 'weak' && !others.some((s) => s.kind === 'staff')) {
          throw new StationKeyError('station-key-staff-slot-required');
        }
        return [slot, ...others];
      });
    },
  };
}

/** Only "no such file" counts as absent: a file hidden by a permission error must not look new. */
async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
