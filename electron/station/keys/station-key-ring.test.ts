import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { expectStationKeyError } from './key-store.test-support.ts';
import { createPassphraseFileKeyStore } from './passphrase-file-key-store.ts';
import { createPlainFileKeyStore } from './plain-file-key-store.ts';
import { TEST_SCRYPT, testStation, type TestStation } from './station-key-ring.test-support.ts';

const machineStore = (passphrase = 'kho khóa máy trạm') =>
  createPassphraseFileKeyStore({ passphrase, scrypt: TEST_SCRYPT });

const LAN = { userName: '01I29_lanntt', password: 'Lan@2026mk' };
const HUNG = { userName: '01I29_hungpv', password: 'Hùng#mật-khẩu9' };

async function initializedStation(): Promise<TestStation & { key: Uint8Array }> {
  const station = testStation();
  const key = await station.ring.initialize({
    keyStore: machineStore(),
    recoveryPublicKey: station.recovery.publicKey,
    firstStaff: LAN,
  });
  return { ...station, key };
}

/** Runs `action`, expecting it to fail with `code` and leave the slot file and its folder as they were. */
async function expectRefusedUntouched(station: TestStation, action: Promise<unknown>, code: string) {
  const before = readFileSync(station.slotFile);
  const listing = readdirSync(station.directory).sort();
  const error = await expectStationKeyError(action, code);
  expect(readFileSync(station.slotFile).equals(before)).toBe(true);
  expect(readdirSync(station.directory).sort()).toEqual(listing);
  return error;
}

describe('StationKeyRing: initialize', () => {
  it('creates a random 32-byte key that every slot kind opens, in a 0600 file holding no key bytes', async () => {
    const station = await initializedStation();
    const { ring, key } = station;
    expect(key).toHaveLength(32);
    expect(await ring.state()).toBe('ready');
    expect(await ring.openWithMachine(machineStore())).toEqual(key);
    expect(await ring.openWithStaff(LAN.userName, LAN.password)).toEqual(key);
    expect(await ring.recover(station.recovery.secretKey)).toEqual(key);

    expect(statSync(station.slotFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(station.slotFile, 'utf8');
    for (const encoding of ['hex', 'base64'] as const) {
      expect(text).not.toContain(Buffer.from(key).toString(encoding));
    }
    expect(text).not.toContain(LAN.password);
    expect(readdirSync(station.directory)).toEqual(['keyslots.json']);
    expect(await ring.describe()).toEqual({
      machine: { keyStore: 'passphrase-file', protection: 'strong' },
      recoveryPublicKeys: [Buffer.from(station.recovery.publicKey).toString('base64')],
      staffUserNames: [LAN.userName],
    });
  });

  it('gives two stations different keys', async () => {
    const first = await initializedStation();
    const second = await initializedStation();
    expect(Buffer.from(first.key).equals(Buffer.from(second.key))).toBe(false);
  });

  it('refuses to initialise over an existing slot file, leaving it untouched', async () => {
    const station = await initializedStation();
    await expectRefusedUntouched(
      station,
      station.ring.initialize({ keyStore: machineStore(), recoveryPublicKey: station.recovery.publicKey }),
      'station-key-slot-file-exists',
    );
  });

  it('refuses to initialise over an unreadable slot file too', async () => {
    const station = testStation();
    writeFileSync(station.slotFile, 'not json');
    await expectRefusedUntouched(
      station,
      station.ring.initialize({ keyStore: machineStore(), recoveryPublicKey: station.recovery.publicKey }),
      'station-key-slot-file-exists',
    );
  });

  it('refuses to initialise when a database exists without its slot file, creating nothing', async () => {
    const station = testStation();
    writeFileSync(station.databaseFile, 'encrypted pages');
    expect(await station.ring.state()).toBe('slot-file-missing');
    const error = await expectStationKeyError(
      station.ring.initialize({ keyStore: machineStore(), recoveryPublicKey: station.recovery.publicKey }),
      'station-key-slot-file-missing',
    );
    expect(error.message).toMatch(/khôi phục tệp khóa từ bản sao lưu/);
    expect(readdirSync(station.directory)).toEqual(['station.db']);
  });

  it('reports a new station as new and refuses to open it', async () => {
    const station = testStation();
    expect(await station.ring.state()).toBe('new');
    await expectStationKeyError(
      station.ring.openWithStaff(LAN.userName, LAN.password),
      'station-key-not-initialized',
    );
    expect(readdirSync(station.directory)).toEqual([]);
  });
});

describe('StationKeyRing: machine slot', () => {
  it('refuses a wrong key-store passphrase with station-key-store-unwrap-failed', async () => {
    const station = await initializedStation();
    await expectRefusedUntouched(
      station,
      station.ring.openWithMachine(machineStore('another passphrase')),
      'station-key-store-unwrap-failed',
    );
  });

  it('refuses a key store other than the one that wrapped the slot', async () => {
    const station = await initializedStation();
    const strongOther = { ...createPlainFileKeyStore(), id: 'safe-storage', protection: 'strong' as const };
    const error = await expectRefusedUntouched(
      station,
      station.ring.openWithMachine(strongOther),
      'station-key-store-mismatch',
    );
    expect(error.issue.params).toEqual({ expected: 'passphrase-file', actual: 'safe-storage' });
  });

  it('refuses a strong slot when the store has become weak, asking for a staff login', async () => {
    const station = await initializedStation();
    const weakened = { ...machineStore(), protection: 'weak' as const };
    await expectRefusedUntouched(
      station,
      station.ring.openWithMachine(weakened),
      'station-key-machine-slot-weak',
    );
  });

  it('with a weak store, requires a first staff member and never stores the key through the store', async () => {
    const station = testStation();
    const weak = createPlainFileKeyStore();
    await expectStationKeyError(
      station.ring.initialize({ keyStore: weak, recoveryPublicKey: station.recovery.publicKey }),
      'station-key-staff-slot-required',
    );
    expect(readdirSync(station.directory)).toEqual([]);

    const key = await station.ring.initialize({
      keyStore: weak,
      recoveryPublicKey: station.recovery.publicKey,
      firstStaff: LAN,
    });
    const json = JSON.parse(readFileSync(station.slotFile, 'utf8')) as { slots: { kind: string }[] };
    expect(json.slots.find((slot) => slot.kind === 'machine')).toEqual({
      kind: 'machine',
      keyStore: 'plain-file',
      protection: 'weak',
    });
    const error = await expectRefusedUntouched(
      station,
      station.ring.openWithMachine(weak),
      'station-key-machine-slot-weak',
    );
    expect(error.message).toMatch(/đăng nhập/);
    expect(await station.ring.openWithStaff(LAN.userName, LAN.password)).toEqual(key);
  });

  it('after a recovery, rewraps the machine slot for a new key store', async () => {
    const station = await initializedStation();
    const key = await station.ring.recover(station.recovery.secretKey);
    const replacement = machineStore('kho khóa mới sau khi cài lại máy');
    await station.ring.rewrapMachineSlot(key, replacement);
    expect(await station.ring.openWithMachine(replacement)).toEqual(station.key);
    await expectStationKeyError(
      station.ring.openWithMachine(machineStore()),
      'station-key-store-unwrap-failed',
    );
    expect(await station.ring.openWithStaff(LAN.userName, LAN.password)).toEqual(station.key);
  });

  it('moves to a weak store only while a staff slot can still open the database', async () => {
    const station = await initializedStation();
    await station.ring.removeStaffSlot(LAN.userName);
    await expectRefusedUntouched(
      station,
      station.ring.rewrapMachineSlot(station.key, createPlainFileKeyStore()),
      'station-key-staff-slot-required',
    );
    await station.ring.addStaffSlot(station.key, HUNG.userName, HUNG.password);
    await station.ring.rewrapMachineSlot(station.key, createPlainFileKeyStore());
    await expectStationKeyError(
      station.ring.openWithMachine(machineStore()),
      'station-key-machine-slot-weak',
    );
    expect(await station.ring.openWithStaff(HUNG.userName, HUNG.password)).toEqual(station.key);
  });

  it('refuses to rewrap with a key that is not the station key', async () => {
    const station = await initializedStation();
    await expectRefusedUntouched(
      station,
      station.ring.rewrapMachineSlot(nacl.randomBytes(32), machineStore('x')),
      'station-key-mismatch',
    );
  });
});

describe('StationKeyRing: staff slots', () => {
  it('opens for each staff member added, and no longer for one whose slot was removed', async () => {
    const station = await initializedStation();
    const { ring, key } = station;
    await ring.addStaffSlot(key, HUNG.userName, HUNG.password);
    expect(await ring.openWithStaff(HUNG.userName, HUNG.password)).toEqual(key);

    await ring.removeStaffSlot(HUNG.userName);
    const error = await expectRefusedUntouched(
      station,
      ring.openWithStaff(HUNG.userName, HUNG.password),
      'station-key-no-slot',
    );
    expect(error.message).toContain(HUNG.userName);
    expect(await ring.openWithStaff(LAN.userName, LAN.password)).toEqual(key);
    expect(readFileSync(station.slotFile, 'utf8')).not.toContain(HUNG.userName);
    expect(statSync(station.slotFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(station.directory)).toEqual(['keyslots.json']);
  });

  it('refuses a wrong password with station-key-wrong-password, leaving the file untouched', async () => {
    const station = await initializedStation();
    const error = await expectRefusedUntouched(
      station,
      station.ring.openWithStaff(LAN.userName, 'lan@2026mk'),
      'station-key-wrong-password',
    );
    expect(error.message).toMatch(/Mật khẩu của 01I29_lanntt không đúng/);
  });

  it('opens with the same password typed in another Unicode composition', async () => {
    const station = await initializedStation();
    await station.ring.addStaffSlot(station.key, HUNG.userName, HUNG.password.normalize('NFC'));
    expect(await station.ring.openWithStaff(HUNG.userName, HUNG.password.normalize('NFD'))).toEqual(
      station.key,
    );
  });

  it('refuses to add a slot with a wrong key or for a user who already has one', async () => {
    const station = await initializedStation();
    await expectRefusedUntouched(
      station,
      station.ring.addStaffSlot(nacl.randomBytes(32), HUNG.userName, HUNG.password),
      'station-key-mismatch',
    );
    await expectRefusedUntouched(
      station,
      station.ring.addStaffSlot(station.key, LAN.userName, 'Khác@123'),
      'station-key-staff-slot-exists',
    );
  });

  it('changes a password: the old one stops working, the new one opens', async () => {
    const station = await initializedStation();
    await expectRefusedUntouched(
      station,
      station.ring.changeStaffPassword(LAN.userName, 'Sai@mật khẩu1', 'Mới@2026x'),
      'station-key-wrong-password',
    );
    await station.ring.changeStaffPassword(LAN.userName, LAN.password, 'Mới@2026x');
    await expectStationKeyError(
      station.ring.openWithStaff(LAN.userName, LAN.password),
      'station-key-wrong-password',
    );
    expect(await station.ring.openWithStaff(LAN.userName, 'Mới@2026x')).toEqual(station.key);
  });

  it('resets a password from an open session after an admin reset', async () => {
    const station = await initializedStation();
    await station.ring.resetStaffSlot(station.key, LAN.userName, 'Cấp lại@2026');
    expect(await station.ring.openWithStaff(LAN.userName, 'Cấp lại@2026')).toEqual(station.key);
    await expectStationKeyError(
      station.ring.openWithStaff(LAN.userName, LAN.password),
      'station-key-wrong-password',
    );
    await expectRefusedUntouched(
      station,
      station.ring.resetStaffSlot(station.key, HUNG.userName, 'x'),
      'station-key-no-slot',
    );
  });

  it('keeps the last staff slot of a station whose machine slot is weak, but not of one with a strong slot', async () => {
    const weakStation = testStation();
    await weakStation.ring.initialize({
      keyStore: createPlainFileKeyStore(),
      recoveryPublicKey: weakStation.recovery.publicKey,
      firstStaff: LAN,
    });
    await expectRefusedUntouched(
      weakStation,
      weakStation.ring.removeStaffSlot(LAN.userName),
      'station-key-last-staff-slot',
    );

    const strongStation = await initializedStation();
    await strongStation.ring.removeStaffSlot(LAN.userName);
    expect((await strongStation.ring.describe()).staffUserNames).toEqual([]);
    expect(await strongStation.ring.openWithMachine(machineStore())).toEqual(strongStation.key);
  });

  it('keeps every slot when several changes run at once', async () => {
    const station = await initializedStation();
    const names = ['01I29_anv', '01I29_bnv', '01I29_cnv', '01I29_dnv'];
    await Promise.all(names.map((name) => station.ring.addStaffSlot(station.key, name, `${name}@Pw1`)));
    expect((await station.ring.describe()).staffUserNames.slice().sort()).toEqual(
      [LAN.userName, ...names].sort(),
    );
    for (const name of names) {
      expect(await station.ring.openWithStaff(name, `${name}@Pw1`)).toEqual(station.key);
    }
    expect(readdirSync(station.directory)).toEqual(['keyslots.json']);
  });
});

describe('StationKeyRing: recovery slot', () => {
  it('refuses a recovery secret key that the slot was not sealed to', async () => {
    const station = await initializedStation();
    await expectRefusedUntouched(
      station,
      station.ring.recover(nacl.box.keyPair().secretKey),
      'station-key-recovery-failed',
    );
  });
});
