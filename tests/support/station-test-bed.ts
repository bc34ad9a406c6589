import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import type { TestBackend } from '#sync-server/src/testing/test-databases.test-support.ts';
import { startStationTestServer, type StationTestServer } from './station-test-server.ts';

/** What a describe block of station tests works with: its database, the real sync server on it, a scratch folder. */
export type StationTestBed = {
  readonly database: DatabaseHandle;
  readonly server: StationTestServer;
  /** A temporary folder for the stations' data, removed after the block. */
  readonly directory: string;
};

/**
 * Opens a fresh database of `backend`, the station test server on it and a temporary folder before the describe block
 * that calls it, and closes all three after it. Read the fields inside hooks and tests (they are set in `beforeAll`).
 */
export function useStationTestBed(backend: TestBackend, folderPrefix: string): StationTestBed {
  let opened: StationTestBed | undefined;
  const current = (): StationTestBed => {
    if (opened === undefined) throw new Error('the station test bed is read before its beforeAll ran');
    return opened;
  };
  beforeAll(async () => {
    const database = await backend.open();
    const server = await startStationTestServer(database);
    const directory = await mkdtemp(join(tmpdir(), folderPrefix));
    opened = { database, server, directory };
  }, 120_000);
  afterAll(async () => {
    if (opened === undefined) return;
    await opened.server.close();
    await opened.database.close();
    await rm(opened.directory, { recursive: true, force: true });
  });
  return {
    get database() {
      return current().database;
    },
    get server() {
      return current().server;
    },
    get directory() {
      return current().directory;
    },
  };
}
