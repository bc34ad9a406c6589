import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { onTestFinished } from 'vitest';
import type { ScryptParams } from './scrypt-kdf.ts';
import { createStationKeyRing, type StationKeyRing } from './station-key-ring.ts';

/** A cheap scrypt cost so tests run fast; production uses DEFAULT_SCRYPT_PARAMS. */
export const TEST_SCRYPT: ScryptParams = { N: 16, r: 1, p: 1 };

/** A fresh directory, removed when the current test finishes. */
export function tempDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-keys-'));
  onTestFinished(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export type TestStation = {
  readonly directory: string;
  readonly slotFile: string;
  readonly databaseFile: string;
  readonly ring: StationKeyRing;
  /** The city's recovery key pair for this station. */
  readonly recovery: nacl.BoxKeyPair;
};

/** A key ring over `keyslots.json` and `station.db` in a fresh folder, with cheap staff scrypt. */
export function testStation(): TestStation {
  const directory = tempDirectory();
  const slotFile = join(directory, 'keyslots.json');
  const databaseFile = join(directory, 'station.db');
  return {
    directory,
    slotFile,
    databaseFile,
    ring: createStationKeyRing({ slotFile, databaseFile, staffScrypt: TEST_SCRYPT }),
    recovery: nacl.box.keyPair(),
  };
}
