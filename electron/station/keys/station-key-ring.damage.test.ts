import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KeySlotFile } from './key-slot-file.ts';
import { expectStationKeyError } from './key-store.test-support.ts';
import { createPassphraseFileKeyStore } from './passphrase-file-key-store.ts';
import { TEST_SCRYPT, testStation, type TestStation } from './station-key-ring.test-support.ts';

const machineStore = () => createPassphraseFileKeyStore({ passphrase: 'kho khóa máy', scrypt: TEST_SCRYPT });
const LAN = { userName: '01I29_lanntt', password: 'Lan@2026mk' };

async function initializedStation(): Promise<TestStation & { key: Uint8Array }> {
  const station = testStation();
  const key = await station.ring.initialize({
    keyStore: machineStore(),
    recoveryPublicKey: station.recovery.publicKey,
    firstStaff: LAN,
  });
  return { ...station, key };
}

function readSlots(station: TestStation): KeySlotFile {
  return JSON.parse(readFileSync(station.slotFile, 'utf8')) as KeySlotFile;
}

function writeSlots(station: TestStation, file: unknown): void {
  writeFileSync(station.slotFile, JSON.stringify(file));
}

/** Every way in and every change, each expected to fail with `code` and leave the slot file byte for byte. */
async function expectEveryUseRefused(
  station: TestStation & { key: Uint8Array },
  code: string,
): Promise<void> {
  const before = readFileSync(station.slotFile);
  const uses: (() => Promise<unknown>)[] = [
    () => station.ring.openWithMachine(machineStore()),
    () => station.ring.openWithStaff(LAN.userName, LAN.password),
    () => station.ring.recover(station.recovery.secretKey),
    () => station.ring.addStaffSlot(station.key, '01I29_anv', 'Anv@12345'),
    () => station.ring.changeStaffPassword(LAN.userName, LAN.password, 'Mới@12345'),
    () => station.ring.removeStaffSlot(LAN.userName),
    () => station.ring.rewrapMachineSlot(station.key, machineStore()),
  ];
  for (const use of uses) await expectStationKeyError(use(), code);
  expect(readFileSync(station.slotFile).equals(before)).toBe(true);
  expect(readdirSync(station.directory)).toEqual(['keyslots.json']);
}

describe('StationKeyRing: damaged or missing slot file', () => {
  it('refuses every truncation of the file as unreadable and leaves it unchanged', async () => {
    const station = await initializedStation();
    const whole = readFileSync(station.slotFile);
    for (const length of [0, 1, 20, Math.floor(whole.length / 2), whole.length - 3]) {
      writeFileSync(station.slotFile, whole.subarray(0, length));
      await expectEveryUseRefused(station, 'station-key-slot-file-unreadable');
    }
  });

  it('refuses a file that is valid JSON but breaks the schema', async () => {
    const station = await initializedStation();
    const slots = readSlots(station);
    const variants: unknown[] = [
      { ...slots, keyCheck: 'AAAA' },
      { ...slots, slots: [] },
      { ...slots, slots: [...slots.slots, slots.slots[0]] },
      { ...slots, extra: true },
      {
        ...slots,
        slots: slots.slots.map((s) => (s.kind === 'staff' ? { ...s, kdf: { ...s.kdf, N: 2 ** 30 } } : s)),
      },
      [],
    ];
    for (const variant of variants) {
      writeSlots(station, variant);
      await expectEveryUseRefused(station, 'station-key-slot-file-unreadable');
    }
  });

  it('asks for a software update when the file comes from a newer version', async () => {
    const station = await initializedStation();
    writeSlots(station, { ...readSlots(station), version: 2 });
    const error = await expectStationKeyError(
      station.ring.openWithStaff(LAN.userName, LAN.password),
      'station-key-slot-file-unsupported',
    );
    expect(error.message).toMatch(/cập nhật phần mềm/);
    await expectEveryUseRefused(station, 'station-key-slot-file-unsupported');
  });

  it('detects a key check that does not match the slots (a swapped or edited file)', async () => {
    const station = await initializedStation();
    const other = await initializedStation();
    writeSlots(station, { ...readSlots(station), keyCheck: readSlots(other).keyCheck });
    const before = readFileSync(station.slotFile);
    await expectStationKeyError(station.ring.openWithMachine(machineStore()), 'station-key-slot-damaged');
    await expectStationKeyError(
      station.ring.openWithStaff(LAN.userName, LAN.password),
      'station-key-slot-damaged',
    );
    await expectStationKeyError(station.ring.recover(station.recovery.secretKey), 'station-key-slot-damaged');
    await expectStationKeyError(
      station.ring.changeStaffPassword(LAN.userName, LAN.password, 'Mới@12345'),
      'station-key-slot-damaged',
    );
    expect(readFileSync(station.slotFile).equals(before)).toBe(true);
  });

  it('refuses a staff slot copied from another station', async () => {
    const station = await initializedStation();
    const other = await initializedStation();
    const foreign = readSlots(other).slots.find((s) => s.kind === 'staff');
    const file = readSlots(station);
    writeSlots(station, { ...file, slots: file.slots.map((s) => (s.kind === 'staff' ? foreign : s)) });
    await expectStationKeyError(
      station.ring.openWithStaff(LAN.userName, LAN.password),
      'station-key-slot-damaged',
    );
  });

  it('refuses tampered wrapped bytes in each slot kind', async () => {
    const station = await initializedStation();
    const flip = (text: string): string => {
      const bytes = Buffer.from(text, 'base64');
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
      return bytes.toString('base64');
    };
    const file = readSlots(station);
    writeSlots(station, {
      ...file,
      slots: file.slots.map((s) => {
        if (s.kind === 'staff') return { ...s, wrapped: flip(s.wrapped) };
        if (s.kind === 'recovery') return { ...s, sealed: flip(s.sealed) };
        return s.protection === 'strong' ? { ...s, wrapped: flip(s.wrapped) } : s;
      }),
    });
    const before = readFileSync(station.slotFile);
    await expectStationKeyError(
      station.ring.openWithMachine(machineStore()),
      'station-key-store-unwrap-failed',
    );
    await expectStationKeyError(
      station.ring.openWithStaff(LAN.userName, LAN.password),
      'station-key-wrong-password',
    );
    await expectStationKeyError(
      station.ring.recover(station.recovery.secretKey),
      'station-key-recovery-failed',
    );
    expect(readFileSync(station.slotFile).equals(before)).toBe(true);
  });

  it('never recreates a deleted slot file while the database exists', async () => {
    const station = await initializedStation();
    writeFileSync(station.databaseFile, 'encrypted pages');
    rmSync(station.slotFile);
    expect(await station.ring.state()).toBe('slot-file-missing');
    const uses: (() => Promise<unknown>)[] = [
      () => station.ring.openWithMachine(machineStore()),
      () => station.ring.openWithStaff(LAN.userName, LAN.password),
      () => station.ring.recover(station.recovery.secretKey),
      () => station.ring.addStaffSlot(station.key, '01I29_anv', 'Anv@12345'),
      () => station.ring.rewrapMachineSlot(station.key, machineStore()),
      () =>
        station.ring.initialize({ keyStore: machineStore(), recoveryPublicKey: station.recovery.publicKey }),
    ];
    for (const use of uses) await expectStationKeyError(use(), 'station-key-slot-file-missing');
    expect(readdirSync(station.directory)).toEqual(['station.db']);
  });

  it('puts no key material into any error', async () => {
    const station = await initializedStation();
    writeSlots(station, { ...readSlots(station), keyCheck: readSlots(await initializedStation()).keyCheck });
    const error = await expectStationKeyError(
      station.ring.openWithStaff(LAN.userName, LAN.password),
      'station-key-slot-damaged',
    );
    const shown = `${error.message} ${JSON.stringify(error.issue)} ${String(error.cause)}`;
    expect(shown).not.toContain(Buffer.from(station.key).toString('hex').slice(0, 12));
    expect(shown).not.toContain(Buffer.from(station.key).toString('base64').slice(0, 12));
    expect(shown).not.toContain(LAN.password);
  });
});
