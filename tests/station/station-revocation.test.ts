import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { createPlainFileKeyStore } from '#electron/station/keys/plain-file-key-store.ts';
import { createStationKeyRing } from '#electron/station/keys/station-key-ring.ts';
import { TEST_SCRYPT } from '#electron/station/keys/station-key-ring.test-support.ts';
import { openStation, type OpenStation } from '#electron/station/open-station.ts';
import { UNKNOWN_USER_NAME } from '#shared/schemas/access-event-user-names.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { until } from '../support/station-sync-parts.ts';
import { useStationTestBed } from '../support/station-test-bed.ts';

/** A TCP relay to the server that can be cut, so the station finds the server unreachable (offline). */
async function startRelay(target: string): Promise<{ url: string; cut(): Promise<void> }> {
  const { port } = new URL(target);
  const sockets = new Set<Socket>();
  const relay: Server = createServer((client) => {
    const upstream = connect(Number(port), '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((relay.address() as AddressInfo).port)}`,
    cut: () =>
      new Promise<void>((resolve) => {
        relay.close(() => {
          resolve();
        });
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Closing, locking or resetting an account reaches the stations: offline sign-in and staff key slots follow it. */
describe.each(testBackends)(
  'offline access of staff the server no longer lets in (server on $name)',
  (backend) => {
    const bed = useStationTestBed(backend, 'hssk-station-revocation-');
    const recovery = nacl.box.keyPair();

    const admin = (method: 'POST' | 'GET', url: string, token = bed.server.adminToken) =>
      bed.server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
    const accountIdOf = async (token: string) =>
      (await admin('GET', '/auth/session', token)).json<{ account: { id: string } }>().account.id;

    /** A station on a machine without a safe key store, so every confirmed staff member gets a key slot. */
    async function openWeakStation(
      name: string,
      serverUrl: string,
      setter: { userName: string; password: string },
    ) {
      const dataDir = join(bed.directory, name);
      const open = (enrolmentCode?: string): Promise<OpenStation> =>
        openStation({
          dataDir,
          serverUrl,
          passphrase: 'not used with a key store',
          keyStore: createPlainFileKeyStore(),
          firstStaff: setter,
          recoveryPublicKey: recovery.publicKey,
          enrolmentCode,
          appVersion: '0.1.0',
          staffScrypt: TEST_SCRYPT,
        });
      const ring = createStationKeyRing({
        slotFile: join(dataDir, 'keyslots.json'),
        databaseFile: join(dataDir, 'replica', 'unused'),
      });
      return { open, slots: async () => (await ring.describe()).staffUserNames };
    }

    const login = (station: OpenStation, who: { userName: string; password: string }) =>
      station.core.call('session.login', { userName: who.userName, password: who.password });

    it('learns a closure with its next sync and then refuses that person offline, their key slot gone', async () => {
      const { orgUnitId, staff: setter } = await bed.server.createStaff(7);
      const { staff: colleague } = await bed.server.createStaff(7);
      const colleagueId = await accountIdOf(colleague.token);
      const relay = await startRelay(bed.server.baseUrl);
      const weak = await openWeakStation('closed', relay.url, setter);
      const station = await weak.open(await bed.server.issueEnrolmentCode(orgUnitId));
      try {
        // The colleague signs in online once: trusted offline from now on, with a key slot.
        expect(await login(station, colleague)).toMatchObject({ ok: true, value: { mode: 'online' } });
        await station.core.call('session.logout', {});
        expect(await weak.slots()).toContain(colleague.userName.toLowerCase());

        // The admin closes the colleague's account; the colleague never comes back online.
        expect((await admin('POST', `/admin/accounts/${colleagueId}/close`)).statusCode).toBe(200);
        expect(await login(station, setter)).toMatchObject({ ok: true });
        expect(await station.core.call('sync.now', {})).toMatchObject({ ok: true });
        await until(async () => !(await weak.slots()).includes(colleague.userName.toLowerCase()));
        await station.core.call('session.logout', {});

        // Offline now: the colleague is refused with the reason, the setter still signs in.
        await relay.cut();
        const refused = await login(station, colleague);
        expect(refused).toMatchObject({ ok: false, errors: [{ code: 'station-login-offline-revoked' }] });
        expect(refused.ok ? '' : refused.errors[0]?.message).toContain('đóng');
        expect(await station.core.call('residents.search', { query: 'nguyen' })).toMatchObject({ ok: false });
        expect(await login(station, setter)).toMatchObject({ ok: true, value: { mode: 'offline' } });
      } finally {
        await station.close();
      }
      // The replica no longer opens for the colleague on this machine.
      const restarted = await weak.open();
      try {
        expect(await login(restarted, colleague)).toMatchObject({
          ok: false,
          errors: [{ code: 'station-key-no-slot' }],
        });
      } finally {
        await restarted.close();
      }
    }, 120_000);

    it('forgets a person at once when the server refuses their account at an online sign-in', async () => {
      const { orgUnitId, staff: setter } = await bed.server.createStaff(8);
      const { staff: colleague } = await bed.server.createStaff(8);
      const colleagueId = await accountIdOf(colleague.token);
      const relay = await startRelay(bed.server.baseUrl);
      const weak = await openWeakStation('locked', relay.url, setter);
      const station = await weak.open(await bed.server.issueEnrolmentCode(orgUnitId));
      try {
        expect(await login(station, colleague)).toMatchObject({ ok: true });
        await station.core.call('session.logout', {});
        expect(await weak.slots()).toContain(colleague.userName.toLowerCase());

        expect((await admin('POST', `/admin/accounts/${colleagueId}/lock`)).statusCode).toBe(200);
        expect(await login(station, colleague)).toMatchObject({
          ok: false,
          errors: [{ code: 'account-locked' }],
        });
        // Gone as the refusal was answered, not at some later sync.
        expect(await weak.slots()).not.toContain(colleague.userName.toLowerCase());
        expect(await station.db.getLocal(`staff:${colleague.userName.toLowerCase()}`)).toBeNull();
        await relay.cut();
        expect(await login(station, colleague)).toMatchObject({ ok: false });
      } finally {
        await station.close();
      }
    }, 120_000);

    it('forgets the old password at once when the server answers that it was reset', async () => {
      const { orgUnitId, staff: setter } = await bed.server.createStaff(10);
      const { staff: colleague } = await bed.server.createStaff(10);
      const colleagueId = await accountIdOf(colleague.token);
      const relay = await startRelay(bed.server.baseUrl);
      const weak = await openWeakStation('reset', relay.url, setter);
      const station = await weak.open(await bed.server.issueEnrolmentCode(orgUnitId));
      try {
        expect(await login(station, colleague)).toMatchObject({ ok: true });
        await station.core.call('session.logout', {});
        const reset = await admin('POST', `/admin/accounts/${colleagueId}/reset-password`);
        const temporary = reset.json<{ temporaryPassword: string }>().temporaryPassword;
        expect(await login(station, { userName: colleague.userName, password: temporary })).toMatchObject({
          ok: true,
          value: { mustChangePassword: true },
        });
        expect(await weak.slots()).not.toContain(colleague.userName.toLowerCase());
        await station.core.call('session.logout', {});
        await relay.cut();
        // The old password no longer opens anything here, offline either.
        expect(await login(station, colleague)).toMatchObject({ ok: false });
      } finally {
        await station.close();
      }
    }, 120_000);

    it('records a failed sign-in under a name it does not know as an unknown name, never the typed text', async () => {
      const { orgUnitId, staff: setter } = await bed.server.createStaff(9);
      const weak = await openWeakStation('names', bed.server.baseUrl, setter);
      const station = await weak.open(await bed.server.issueEnrolmentCode(orgUnitId));
      try {
        expect(await login(station, setter)).toMatchObject({ ok: true });
        await station.core.call('session.logout', {});
        const typedPassword = 'MậtKhẩu#NhầmÔ77';
        expect(await login(station, { userName: typedPassword, password: 'x' })).toMatchObject({ ok: false });
        expect(await login(station, { userName: setter.userName, password: 'Sai#mật-khẩu1' })).toMatchObject({
          ok: false,
        });
        const failed = await station.db['access-events']
          .find({ selector: { action: 'login-failed' } })
          .exec();
        expect(failed.map((event) => event.userName).sort()).toEqual(
          [UNKNOWN_USER_NAME, setter.userName].sort(),
        );
      } finally {
        await station.close();
      }
    }, 120_000);
  },
);
