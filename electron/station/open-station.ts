import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { ok } from '#shared/errors/result.ts';
import { decodeBase64, encodeBase64 } from '#shared/sync/base64.ts';
import { createStationBackups } from './backup/create-station-backups.ts';
import { applyPendingRestore, type AppliedRestore } from './backup/pending-restore.ts';
import { createStationCore, type StationCore } from './core/station-core.ts';
import { openStationDatabase } from './database/open-station-database.ts';
import type { StationDatabase } from './database/station-collections.ts';
import { createPassphraseFileKeyStore } from './keys/passphrase-file-key-store.ts';
import type { KeyStore } from './keys/key-store.ts';
import type { ScryptParams } from './keys/scrypt-kdf.ts';
import { StationKeyError } from './keys/station-key-error.ts';
import { createStationKeyRing, type StaffCredentials, type StationKeyRing } from './keys/station-key-ring.ts';
import { enrolDevice, storedDevice, type DeviceRecord } from './enrol-device.ts';
import { createLockedStationCore } from './core/locked-station-core.ts';
import { createUnenrolledStationCore } from './core/unenrolled-station-core.ts';
import { getRxStorageSqlite } from './replica/sqlite-rx-storage.ts';
import { createStationBackupService } from './services/station-backup-service.ts';
import { openStationHlc } from './services/station-hlc.ts';
import { databaseFileName } from './replica/sqlite-names.ts';

export const STATION_DATABASE_NAME = 'hssk-station';

export type StationConfig = {
  readonly dataDir: string;
  readonly serverUrl: string;
  /** Protects the machine key slot (passphrase file key store) unless `keyStore` is given. */
  readonly passphrase: string;
  /**
   * The machine slot's key store (the Electron app passes its safeStorage adapter). When it is weak (Linux
   * `basic_text`, a plain file) the replica opens only after a staff member signs in with a staff key slot.
   */
  readonly keyStore?: KeyStore | undefined;
  /** With a weak key store, the person setting the station up: their staff slot is created with the key. */
  readonly firstStaff?: StaffCredentials | undefined;
  /** The city's recovery public key (tweetnacl box), base64. */
  readonly recoveryPublicKey: Uint8Array;
  /** A one-time enrolment code from an admin, needed only until the device is enrolled. */
  readonly enrolmentCode?: string | undefined;
  readonly appVersion: string;
  readonly clock?: { now(): Date };
  /** Backup folder and daily time to set at start (otherwise the ones chosen in the app's settings stay). */
  readonly backup?: { readonly folder: string; readonly dailyAt: string | null } | undefined;
  /** scrypt cost of new staff slots; tests pass a cheaper one. */
  readonly staffScrypt?: ScryptParams | undefined;
};

/**
 * A station from its data folder. While `locked()` (weak machine slot, nobody signed in yet) only the core answers:
 * `session.login` with a staff slot's password opens the replica; `db` and `device` throw until then.
 */
export type OpenStation = {
  readonly core: StationCore;
  /** What became of a restore asked for from the app (`backup.restore`), applied at this start. */
  readonly restore: AppliedRestore;
  locked(): boolean;
  readonly db: StationDatabase;
  readonly device: { readonly deviceId: string; readonly orgUnitId: string };
  close(): Promise<void>;
};

type UnlockedStation = Omit<OpenStation, 'locked' | 'restore'>;

/**
 * Opens a station from its data folder (the composition root of `npm run station`): the database key through the
 * machine key slot (a fresh key and slot file on first start, with the city's recovery slot), the encrypted replica,
 * the device (enrolled with the admin's one-time code on first start), and the station core. When the machine slot
 * is weak, the station starts locked and the first staff sign-in opens it through that person's staff slot; while it
 * is open, every password the server confirms for a staff member of this station keeps their slot in step (added,
 * or re-keyed after a reset). A removed slot stops that person opening the replica on this machine until the server
 * confirms them again: to take someone's access away, lock or close their account on the server, then remove the
 * slot. A device not enrolled yet is enrolled with `enrolmentCode`, or else the core answers as an
 * unenrolled station whose app takes the admin's code (`device.enrol`). Refuses clearly when the slot file is
 * missing beside an existing database, the key is wrong, or the enrolment code is refused; never recreates or
 * deletes anything in that case.
 */
export async function openStation(config: StationConfig): Promise<OpenStation> {
  // A restore asked for from the app happens now, before anything opens the replica.
  const restore = await applyPendingRestore(config.dataDir, config.clock ?? { now: () => new Date() });
  return openRestored(config, restore);
}

async function openRestored(config: StationConfig, restore: AppliedRestore): Promise<OpenStation> {
  const replicaDir = join(config.dataDir, 'replica');
  await mkdir(replicaDir, { recursive: true, mode: 0o700 });
  const keyRing = createStationKeyRing({
    slotFile: join(config.dataDir, 'keyslots.json'),
    databaseFile: join(replicaDir, databaseFileName(STATION_DATABASE_NAME)),
    ...(config.staffScrypt === undefined ? {} : { staffScrypt: config.staffScrypt }),
  });
  const keyStore = config.keyStore ?? createPassphraseFileKeyStore({ passphrase: config.passphrase });
  const weak = keyStore.protection === 'weak';
  const slotNameOf = (userName: string) => userName.normalize('NFC').toLowerCase();
  const open = (key: Uint8Array) => openUnlocked(config, { key, keyRing, weak, slotNameOf });

  if ((await keyRing.state()) === 'new') {
    const firstStaff =
      config.firstStaff === undefined
        ? undefined
        : { userName: slotNameOf(config.firstStaff.userName), password: config.firstStaff.password };
    const key = await keyRing.initialize({
      keyStore,
      recoveryPublicKey: config.recoveryPublicKey,
      ...(firstStaff === undefined ? {} : { firstStaff }),
    });
    return asOpen(await open(key), restore);
  }
  if (!weak) return asOpen(await open(await keyRing.openWithMachine(keyStore)), restore);
  let station: UnlockedStation | undefined;
  const gate = createLockedStationCore({
    unlock: async (userName, password) => {
      station = await open(await keyRing.openWithStaff(slotNameOf(userName), password));
      // Closing the gate closes the whole opened station: its core, then its replica.
      return { ...station.core, close: station.close };
    },
  });
  const opened = (): UnlockedStation => {
    if (station === undefined || !gate.isUnlocked()) {
      throw new Error('the station is locked: a staff member must sign in first');
    }
    return station;
  };
  return {
    core: gate,
    restore,
    locked: () => !gate.isUnlocked(),
    get db() {
      return opened().db;
    },
    get device() {
      return opened().device;
    },
    close: () => gate.close(),
  };
}

function asOpen(station: UnlockedStation, restore: AppliedRestore): OpenStation {
  // No spread: `device` is a getter that throws until the station is enrolled.
  return {
    core: station.core,
    restore,
    db: station.db,
    get device() {
      return station.device;
    },
    locked: () => false,
    close: () => station.close(),
  };
}

async function openUnlocked(
  config: StationConfig,
  keys: {
    key: Uint8Array;
    keyRing: StationKeyRing;
    weak: boolean;
    slotNameOf: (userName: string) => string;
  },
): Promise<UnlockedStation> {
  const clock = config.clock ?? { now: () => new Date() };
  const replicaDir = join(config.dataDir, 'replica');
  const storage = getRxStorageSqlite({ directory: replicaDir, key: keys.key });
  // With a weak machine slot, the core keeps a copy of the key to add and re-key staff slots; otherwise none.
  const slotKey = keys.weak ? keys.key.slice() : undefined;
  keys.key.fill(0);
  const db = await openStationDatabase({ storage, name: STATION_DATABASE_NAME });
  const databaseFile = join(replicaDir, databaseFileName(STATION_DATABASE_NAME));
  /** The station core of the enrolled `device`, with its backups. */
  const coreOf = async (device: DeviceRecord): Promise<StationCore> => {
    const backups = await createStationBackupService({
      db,
      restore: { dataDir: config.dataDir, deviceId: device.deviceId, clock },
      backups: createStationBackups({
        storage,
        databaseName: STATION_DATABASE_NAME,
        dataDir: config.dataDir,
        clock,
        deviceId: device.deviceId,
        orgUnitId: device.orgUnitId,
        appVersion: config.appVersion,
      }),
    });
    if (config.backup !== undefined) await backups.configure(config.backup);
    return createStationCore({
      db,
      serverUrl: device.serverUrl ?? config.serverUrl,
      device: {
        deviceId: device.deviceId,
        orgUnitId: device.orgUnitId,
        secretKey: decodeBase64(device.secretKey) ?? new Uint8Array(),
      },
      clock,
      hlc: await openStationHlc(db, { node: device.deviceId, now: () => clock.now().getTime() }),
      appVersion: config.appVersion,
      databaseSizeBytes: () => fileSize(databaseFile) + fileSize(`${databaseFile}-wal`),
      backups,
      transaction: (run) => storage.writeTogether(STATION_DATABASE_NAME, run),
      ...(slotKey === undefined
        ? {}
        : {
            onPasswordConfirmed: (userName: string, password: string) =>
              followStaffSlot(keys.keyRing, slotKey, keys.slotNameOf(userName), password),
          }),
      onStaffRevoked: (userName: string) => dropStaffSlot(keys.keyRing, keys.slotNameOf(userName)),
    });
  };
  try {
    let device = await storedDevice(db);
    const code = config.enrolmentCode ?? '';
    if (device === null && code !== '') {
      const enrolled = await enrolDevice(db, { serverUrl: config.serverUrl, code });
      if (!enrolled.ok) throw new Error(`Không đăng ký được máy trạm: ${enrolled.errors[0].message}`);
      device = enrolled.value;
    }
    // Not enrolled and no code given: the app's enrolment screen takes the admin's code (`device.enrol`).
    const core =
      device === null
        ? createUnenrolledStationCore({
            serverUrl: config.serverUrl,
            appVersion: config.appVersion,
            enrol: async (enrolmentCode, label, serverUrl) => {
              const enrolled = await enrolDevice(db, {
                serverUrl: serverUrl ?? config.serverUrl,
                code: enrolmentCode,
                label,
              });
              if (!enrolled.ok) return enrolled;
              device = enrolled.value;
              return ok(await coreOf(enrolled.value));
            },
          })
        : await coreOf(device);
    return {
      core,
      db,
      get device() {
        if (device === null) throw new Error('the station is not enrolled yet: enter the admin’s code first');
        return { deviceId: device.deviceId, orgUnitId: device.orgUnitId };
      },
      async close() {
        await core.close();
        await db.close();
        slotKey?.fill(0);
      },
    };
  } catch (thrown) {
    await db.close();
    slotKey?.fill(0);
    throw thrown;
  }
}

/**
 * Keeps a staff member's key slot in step with the password the server has just confirmed: adds the slot when they
 * have none, re-keys it when it holds another password (reset by an admin, changed elsewhere).
 */
async function followStaffSlot(
  keyRing: StationKeyRing,
  key: Uint8Array,
  slotName: string,
  password: string,
): Promise<void> {
  try {
    (await keyRing.openWithStaff(slotName, password)).fill(0);
  } catch (thrown) {
    if (!(thrown instanceof StationKeyError)) throw thrown;
    if (thrown.code === 'station-key-no-slot') await keyRing.addStaffSlot(key, slotName, password);
    else if (thrown.code === 'station-key-wrong-password')
      await keyRing.resetStaffSlot(key, slotName, password);
    else throw thrown;
  }
}

/**
 * Removes the key slot of someone the server no longer lets in. Nothing to do when they have none; the last staff slot
 * of a weak machine slot stays (removing it would lock everyone out), and a slot file that cannot be changed stays as
 * it is: that person's sign-in is refused by the revocation list either way.
 */
async function dropStaffSlot(keyRing: StationKeyRing, slotName: string): Promise<void> {
  try {
    await keyRing.removeStaffSlot(slotName);
  } catch (thrown) {
    if (!(thrown instanceof StationKeyError)) throw thrown;
  }
}

function fileSize(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

/**
 * Demo-only secrets for a station started without configuration: a machine passphrase and a recovery key pair in
 * the data folder (0600), labelled as demo. A real station gets its passphrase from the OS key store (Electron) and
 * the city's recovery public key from its configuration.
 */
export async function demoStationSecrets(
  dataDir: string,
): Promise<{ passphrase: string; recoveryPublicKey: Uint8Array }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'demo-station-secrets.json');
  const existing = await stat(file).catch(() => undefined);
  if (existing === undefined) {
    const recovery = nacl.box.keyPair();
    await writeFile(
      file,
      JSON.stringify({
        note: 'DEMO ONLY: machine passphrase and city recovery key pair of a demo station. Never use in production.',
        passphrase: randomBytes(24).toString('base64url'),
        recoveryPublicKey: encodeBase64(recovery.publicKey),
        recoverySecretKey: encodeBase64(recovery.secretKey),
      }),
      { mode: 0o600, flag: 'wx' },
    );
  }
  const parsed = JSON.parse(await readFile(file, 'utf8')) as {
    passphrase: string;
    recoveryPublicKey: string;
  };
  return {
    passphrase: parsed.passphrase,
    recoveryPublicKey: decodeBase64(parsed.recoveryPublicKey) ?? new Uint8Array(),
  };
}
