import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { decodeBase64, encodeBase64 } from '../../shared/sync/base64.ts';
import { createStationBackups } from './backup/create-station-backups.ts';
import { createStationCore, type StationCore } from './core/station-core.ts';
import { openStationDatabase } from './database/open-station-database.ts';
import type { StationDatabase } from './database/station-collections.ts';
import { createPassphraseFileKeyStore } from './keys/passphrase-file-key-store.ts';
import { createStationKeyRing } from './keys/station-key-ring.ts';
import { getRxStorageSqlite } from './replica/sqlite-rx-storage.ts';
import { createStationBackupService } from './services/station-backup-service.ts';
import { databaseFileName } from './replica/sqlite-names.ts';

export const STATION_DATABASE_NAME = 'hssk-station';

export type StationConfig = {
  readonly dataDir: string;
  readonly serverUrl: string;
  /** Protects the machine key slot; the Electron app uses the OS key store instead. */
  readonly passphrase: string;
  /** The city's recovery public key (tweetnacl box), base64. */
  readonly recoveryPublicKey: Uint8Array;
  /** A one-time enrolment code from an admin, needed only until the device is enrolled. */
  readonly enrolmentCode?: string | undefined;
  readonly appVersion: string;
  readonly clock?: { now(): Date };
  /** Backup folder and daily time to set at start (otherwise the ones chosen in the app's settings stay). */
  readonly backup?: { readonly folder: string; readonly dailyAt: string | null } | undefined;
};

/** The enrolled device, kept inside the encrypted replica (its secret key never sits in a plain file). */
type DeviceRecord = { readonly deviceId: string; readonly orgUnitId: string; readonly secretKey: string };

export type OpenStation = {
  readonly core: StationCore;
  readonly db: StationDatabase;
  readonly device: { readonly deviceId: string; readonly orgUnitId: string };
  close(): Promise<void>;
};

/**
 * Opens a station from its data folder (the composition root of `npm run station`): the database key through the
 * machine key slot (a fresh key and slot file on first start, with the city's recovery slot), the encrypted replica,
 * the device (enrolled with the admin's one-time code on first start), and the station core. Refuses clearly when
 * the slot file is missing beside an existing database, the key is wrong, or the device is not enrolled yet; never
 * recreates or deletes anything in that case.
 */
export async function openStation(config: StationConfig): Promise<OpenStation> {
  const clock = config.clock ?? { now: () => new Date() };
  const replicaDir = join(config.dataDir, 'replica');
  await mkdir(replicaDir, { recursive: true, mode: 0o700 });
  const keyRing = createStationKeyRing({
    slotFile: join(config.dataDir, 'keyslots.json'),
    databaseFile: join(replicaDir, databaseFileName(STATION_DATABASE_NAME)),
  });
  const keyStore = createPassphraseFileKeyStore({ passphrase: config.passphrase });
  const key =
    (await keyRing.state()) === 'new'
      ? await keyRing.initialize({ keyStore, recoveryPublicKey: config.recoveryPublicKey })
      : await keyRing.openWithMachine(keyStore);
  const storage = getRxStorageSqlite({ directory: replicaDir, key });
  const db = await openStationDatabase({ storage, name: STATION_DATABASE_NAME });
  key.fill(0);
  try {
    const device = await deviceOf(db, config);
    const databaseFile = join(replicaDir, databaseFileName(STATION_DATABASE_NAME));
    const backups = await createStationBackupService({
      db,
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
    const core = createStationCore({
      db,
      serverUrl: config.serverUrl,
      device: {
        deviceId: device.deviceId,
        orgUnitId: device.orgUnitId,
        secretKey: decodeBase64(device.secretKey) ?? new Uint8Array(),
      },
      clock,
      appVersion: config.appVersion,
      databaseSizeBytes: () => fileSize(databaseFile) + fileSize(`${databaseFile}-wal`),
      backups,
    });
    return {
      core,
      db,
      device: { deviceId: device.deviceId, orgUnitId: device.orgUnitId },
      async close() {
        await core.close();
        await db.close();
      },
    };
  } catch (thrown) {
    await db.close();
    throw thrown;
  }
}

function fileSize(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

async function deviceOf(db: StationDatabase, config: StationConfig): Promise<DeviceRecord> {
  const stored = await db.getLocal<DeviceRecord>('device');
  if (stored !== null) return stored.toJSON().data;
  if (config.enrolmentCode === undefined || config.enrolmentCode === '') {
    throw new Error(
      'Máy trạm chưa được đăng ký. Xin mã đăng ký một lần từ quản trị viên tuyến huyện rồi chạy lại với --enrol <mã>.',
    );
  }
  const keys = nacl.sign.keyPair();
  const response = await fetch(`${config.serverUrl.replace(/\/+$/, '')}/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code: config.enrolmentCode,
      publicKey: encodeBase64(keys.publicKey),
      label: `Máy trạm ${randomBytes(2).toString('hex')}`,
    }),
  });
  const body = (await response.json()) as {
    deviceId?: string;
    orgUnitId?: string;
    error?: { message?: string };
  };
  if (!response.ok || body.deviceId === undefined || body.orgUnitId === undefined) {
    throw new Error(`Không đăng ký được máy trạm: ${body.error?.message ?? String(response.status)}`);
  }
  const record: DeviceRecord = {
    deviceId: body.deviceId,
    orgUnitId: body.orgUnitId,
    secretKey: encodeBase64(keys.secretKey),
  };
  await db.upsertLocal<DeviceRecord>('device', record);
  return record;
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
