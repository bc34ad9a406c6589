import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import nacl from 'tweetnacl';
import { createPassphraseFileKeyStore } from '../keys/passphrase-file-key-store.ts';
import type { KeyStore } from '../keys/key-store.ts';
import { TEST_SCRYPT } from '../keys/station-key-ring.test-support.ts';
import { createStationKeyRing, type StationKeyRing } from '../keys/station-key-ring.ts';
import { getRxStorageSqlite, type SqliteRxStorage } from '../replica/sqlite-rx-storage.ts';
import {
  createTestInstance,
  preparedQuery,
  tempDirectory,
  testDoc,
  testSchema,
  type TestDoc,
} from '../replica/sqlite-rx-storage.test-support.ts';
import type { SqliteRxStorageInstance } from '../replica/sqlite-rx-storage-instance.ts';
import { databaseFileName } from '../replica/sqlite-names.ts';
import type { RxDocumentData } from 'rxdb';

export const DATABASE_NAME = 'station';
/** A name that must never appear in the clear in a backup. */
export const KNOWN_NAME = 'Trần Thị Bảo Mật';
export const STAFF = { userName: '01I29_lanntt', password: 'Lan@2026mk' };
export const DEVICE = { deviceId: 'device-a', orgUnitId: '01I29', appVersion: '0.1.0-test' };

export type TestStationData = {
  readonly dataDir: string;
  readonly replicaDir: string;
  readonly slotFile: string;
  readonly ring: StationKeyRing;
  readonly machine: KeyStore;
  readonly recovery: nacl.BoxKeyPair;
  readonly key: Uint8Array;
  readonly storage: SqliteRxStorage;
  readonly instance: SqliteRxStorageInstance<TestDoc>;
};

/** A data folder laid out like `openStation`'s: `replica/station.db` open in a storage, and `keyslots.json`. */
export async function testStationData(documents = 20): Promise<TestStationData> {
  const dataDir = tempDirectory();
  const replicaDir = join(dataDir, 'replica');
  const slotFile = join(dataDir, 'keyslots.json');
  const ring = keyRingOf(dataDir);
  const recovery = nacl.box.keyPair();
  const machine = createPassphraseFileKeyStore({ passphrase: 'kho khóa máy trạm', scrypt: TEST_SCRYPT });
  const key = await ring.initialize({
    keyStore: machine,
    recoveryPublicKey: recovery.publicKey,
    firstStaff: STAFF,
  });
  const storage = getRxStorageSqlite({ directory: replicaDir, key });
  const instance = await createTestInstance(storage, { databaseName: DATABASE_NAME });
  await writeDocuments(instance, 'd', documents);
  return { dataDir, replicaDir, slotFile, ring, machine, recovery, key, storage, instance };
}

/** The key ring over `<dataDir>/keyslots.json` and the replica in it. */
export function keyRingOf(dataDir: string): StationKeyRing {
  return createStationKeyRing({
    slotFile: join(dataDir, 'keyslots.json'),
    databaseFile: join(dataDir, 'replica', databaseFileName(DATABASE_NAME)),
    staffScrypt: TEST_SCRYPT,
  });
}

export async function writeDocuments(
  instance: SqliteRxStorageInstance<TestDoc>,
  prefix: string,
  count: number,
  n?: number,
): Promise<void> {
  if (count === 0) return;
  await instance.bulkWrite(
    Array.from({ length: count }, (_, i) => ({
      document: testDoc(`${prefix}${String(i).padStart(4, '0')}`, `${KNOWN_NAME} ${String(i)}`, {
        ...(n === undefined ? {} : { n }),
      }),
    })),
    'test',
  );
}

/** Every live document, in key order. */
export async function allDocuments(
  instance: SqliteRxStorageInstance<TestDoc>,
): Promise<RxDocumentData<TestDoc>[]> {
  const result = await instance.query(preparedQuery(testSchema(), { selector: {}, sort: [{ key: 'asc' }] }));
  return result.documents;
}

/** Opens the replica of a (restored) data folder with `key`. */
export async function openReplica(
  dataDir: string,
  key: Uint8Array,
): Promise<SqliteRxStorageInstance<TestDoc>> {
  return createTestInstance(getRxStorageSqlite({ directory: join(dataDir, 'replica'), key }), {
    databaseName: DATABASE_NAME,
  });
}

/** Every file under `dir` (relative path → bytes as hex), to prove a folder did not change. */
export function snapshotFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) {
        files[`${relative(dir, path)}/`] = '';
        walk(path);
      } else {
        files[relative(dir, path)] = readFileSync(path).toString('hex');
      }
    }
  };
  walk(dir);
  return files;
}

/** A settable clock. */
export function testClock(start: Date): { now(): Date; set(at: Date): void; advance(ms: number): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (at) => {
      now = at.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
