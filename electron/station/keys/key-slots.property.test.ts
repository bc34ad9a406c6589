import fc from 'fast-check';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { computeKeyCheck, keyMatchesCheck } from './key-check.ts';
import { keySlotFile } from './key-slot-file.ts';
import { createMachineSlot, openMachineSlot } from './machine-slot.ts';
import { createPassphraseFileKeyStore } from './passphrase-file-key-store.ts';
import { openRecoverySlot, sealRecoverySlot } from './recovery-slot.ts';
import { createStaffSlot, openStaffSlot } from './staff-slot.ts';
import { TEST_SCRYPT } from './station-key-ring.test-support.ts';

const anyKey = fc.uint8Array({ minLength: 32, maxLength: 32 });
const anyPassword = fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' });

describe('key slots (properties)', () => {
  it('round-trips any key through every slot kind, and each slot file with them validates', async () => {
    const store = createPassphraseFileKeyStore({ passphrase: 'máy trạm', scrypt: TEST_SCRYPT });
    const recipient = nacl.box.keyPair();
    await fc.assert(
      fc.asyncProperty(anyKey, anyPassword, async (key, password) => {
        const machine = await createMachineSlot(key, store);
        const recovery = sealRecoverySlot(key, recipient.publicKey);
        const staff = await createStaffSlot(key, '01I29_anv', password, TEST_SCRYPT);
        expect(await openMachineSlot(machine, store)).toEqual(key);
        expect(openRecoverySlot(recovery, recipient.secretKey)).toEqual(key);
        expect(await openStaffSlot(staff, password)).toEqual(key);
        const file = {
          format: 'hssk-station-key-slots',
          version: 1,
          keyCheck: Buffer.from(computeKeyCheck(key)).toString('base64'),
          slots: [machine, recovery, staff],
        };
        expect(keySlotFile.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('matches the key check of its own key only', () => {
    fc.assert(
      fc.property(anyKey, anyKey, (key, other) => {
        const check = computeKeyCheck(key);
        expect(keyMatchesCheck(key, check)).toBe(true);
        expect(keyMatchesCheck(other, check)).toBe(Buffer.from(key).equals(Buffer.from(other)));
      }),
    );
  });

  it('opens no staff slot with another password', async () => {
    await fc.assert(
      fc.asyncProperty(anyKey, anyPassword, anyPassword, async (key, password, other) => {
        fc.pre(password.normalize('NFC') !== other.normalize('NFC'));
        const staff = await createStaffSlot(key, '01I29_anv', password, TEST_SCRYPT);
        expect(await openStaffSlot(staff, other)).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });
});
