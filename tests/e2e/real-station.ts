import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { openStation, type OpenStation } from '#electron/station/open-station.ts';
import type { AdminConsoleHarness } from './admin-console-harness.ts';
import { NEW_PASSWORD } from './app-steps.ts';

/**
 * A station of one commune, all real: its core on its own encrypted replica in its own data folder, enrolled with the
 * server of a harness, its staff member's password changed at first sign-in.
 *
 * RxDB allows one open database of a name per process and every station's replica has the same name, so tests that
 * need two stations run them in turn: `use` starts the station as its app does (from its data folder), signs the
 * staff member in online, runs `work`, and closes it again, like a computer switched off at night.
 */
export type RealStation = {
  readonly orgUnitId: string;
  use<T>(work: (station: OpenStation) => Promise<T>): Promise<T>;
  /** Deletes the station's data folder. */
  remove(): Promise<void>;
};

/** Sync now ("Đồng bộ ngay"); throws when the station cannot. */
export async function syncNow(station: OpenStation): Promise<void> {
  const synced = await station.core.call('sync.now', {});
  if (!synced.ok) throw new Error(`sync failed: ${JSON.stringify(synced.errors)}`);
}

/**
 * Sets up a station of `orgUnitId` as a district does: a staff account created through the admin API, a one-time
 * enrolment code, the station's first start with that code; the staff member's first sign-in (which must change the
 * issued password) and a first sync that brings the device its health IDs. Usable in `beforeAll` (no `expect.poll`).
 */
export async function openRealStation(
  harness: AdminConsoleHarness,
  orgUnitId: string,
  staffName: string,
): Promise<RealStation> {
  const staff = await harness.newAccount({ fullName: staffName, role: 'station-staff', orgUnitId });
  const dataDir = await mkdtemp(join(tmpdir(), 'hssk-e2e-station-'));
  const config = {
    dataDir,
    serverUrl: harness.server.baseUrl,
    passphrase: `e2e-${orgUnitId}`,
    recoveryPublicKey: nacl.box.keyPair().publicKey,
    appVersion: '0.1.0',
  };
  const first = await openStation({
    ...config,
    enrolmentCode: await harness.server.issueEnrolmentCode(orgUnitId),
  });
  try {
    const login = await first.core.call('session.login', {
      userName: staff.userName,
      password: staff.initialPassword,
    });
    if (!login.ok || login.value.mustChangePassword !== true)
      throw new Error(`first sign-in did not ask for a new password: ${JSON.stringify(login)}`);
    const changed = await first.core.call('session.changePassword', {
      currentPassword: staff.initialPassword,
      newPassword: NEW_PASSWORD,
    });
    if (!changed.ok) throw new Error(`password change refused: ${JSON.stringify(changed.errors)}`);
    await syncNow(first);
    for (const started = Date.now(); (await first.db['health-id-pools'].count().exec()) === 0;) {
      if (Date.now() - started > 30_000) throw new Error(`no health IDs reached the station of ${orgUnitId}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await first.close();
  }
  return {
    orgUnitId,
    async use(work) {
      const station = await openStation(config);
      try {
        const login = await station.core.call('session.login', {
          userName: staff.userName,
          password: NEW_PASSWORD,
        });
        if (!login.ok) throw new Error(`sign-in failed: ${JSON.stringify(login.errors)}`);
        return await work(station);
      } finally {
        await station.close();
      }
    },
    remove: () => rm(dataDir, { recursive: true, force: true }),
  };
}
