import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlainFileKeyStore } from '#electron/station/keys/plain-file-key-store.ts';
import { createStationKeyRing } from '#electron/station/keys/station-key-ring.ts';
import { TEST_SCRYPT } from '#electron/station/keys/station-key-ring.test-support.ts';
import { openStation, type OpenStation } from '#electron/station/open-station.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

/** A machine without a safe OS key store: the replica opens only through a staff member's own key slot. */
describe.each(testBackends)('a station with a weak machine key slot (server on $name)', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let directory = '';
  const recovery = nacl.box.keyPair();

  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database);
    directory = await mkdtemp(join(tmpdir(), 'hssk-station-slots-'));
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('opens only for staff with a slot, gives a slot to staff the server confirms, and a removed slot locks them out', async () => {
    const { orgUnitId, staff: setter } = await server.createStaff(7);
    const { staff: colleague } = await server.createStaff(7);
    const dataDir = join(directory, 'weak');
    const open = (enrolmentCode?: string): Promise<OpenStation> =>
      openStation({
        dataDir,
        serverUrl: server.baseUrl,
        passphrase: 'not used with a key store',
        keyStore: createPlainFileKeyStore(),
        firstStaff: { userName: setter.userName, password: setter.password },
        recoveryPublicKey: recovery.publicKey,
        enrolmentCode,
        appVersion: '0.1.0',
        staffScrypt: TEST_SCRYPT,
      });
    const login = (station: OpenStation, who: { userName: string; password: string }) =>
      station.core.call('session.login', { userName: who.userName, password: who.password });

    // First start: the key is new, created with the setter's staff slot; the station is open.
    const first = await open(await server.issueEnrolmentCode(orgUnitId));
    expect(first.locked()).toBe(false);
    expect(first.device.orgUnitId).toBe(orgUnitId);
    await first.close();

    // Restarted: locked until someone with a slot signs in.
    const second = await open();
    try {
      expect(second.locked()).toBe(true);
      expect(() => second.db).toThrow(/locked/);
      expect(await second.core.call('session.status', {})).toEqual({ ok: true, value: { signedIn: false } });
      expect(await second.core.call('residents.search', { query: 'nguyen' })).toMatchObject({
        ok: false,
        errors: [{ code: 'station-locked' }],
      });
      expect(await login(second, colleague)).toMatchObject({
        ok: false,
        errors: [{ code: 'station-key-no-slot' }],
      });
      expect(await login(second, { userName: setter.userName, password: 'Sai-mật-khẩu#9' })).toMatchObject({
        ok: false,
        errors: [{ code: 'station-key-wrong-password' }],
      });
      expect(second.locked()).toBe(true);
      // The user name as typed, in another case, still finds the slot.
      expect(
        await login(second, { userName: setter.userName.toUpperCase(), password: setter.password }),
      ).toMatchObject({
        ok: true,
        value: { signedIn: true, mode: 'online' },
      });
      expect(second.locked()).toBe(false);
      expect(await second.core.call('residents.search', { query: 'nguyen' })).toMatchObject({ ok: true });
      // The colleague signs in online on the open station: the server confirmed them, so they get a slot.
      await second.core.call('session.logout', {});
      expect(await login(second, colleague)).toMatchObject({ ok: true });
    } finally {
      await second.close();
    }

    const third = await open();
    try {
      expect(await login(third, colleague)).toMatchObject({ ok: true });
      expect(third.locked()).toBe(false);
    } finally {
      await third.close();
    }

    // Removing the colleague's slot removes their access to the replica on this machine.
    await createStationKeyRing({
      slotFile: join(dataDir, 'keyslots.json'),
      databaseFile: join(dataDir, 'replica', 'unused'),
    }).removeStaffSlot(colleague.userName.toLowerCase());
    const fourth = await open();
    try {
      expect(await login(fourth, colleague)).toMatchObject({
        ok: false,
        errors: [{ code: 'station-key-no-slot' }],
      });
      expect(await login(fourth, setter)).toMatchObject({ ok: true });
    } finally {
      await fourth.close();
    }
  }, 120_000);
});
