import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nacl from 'tweetnacl';
import { openStationDatabase } from '#electron/station/database/open-station-database.ts';
import { getRxStorageSqlite } from '#electron/station/replica/sqlite-rx-storage.ts';
import { createHealthIdIssuer } from '#electron/station/services/health-id-issuer.ts';
import { createOutbox } from '#electron/station/sync/outbox.ts';
import { startStationSync } from '#electron/station/sync/station-sync.ts';
import { createSyncHttpClient } from '#electron/station/sync/sync-http-client.ts';

export type FirstSyncOptions = {
  readonly baseUrl: string;
  readonly orgUnitId: string;
  readonly device: { readonly deviceId: string; readonly secretKey: Uint8Array };
  /** Compressed answers and bodies (default true); false measures what compression saves. */
  readonly compression: boolean;
  /** One pull request per page, as before page runs. */
  readonly singlePages: boolean;
  readonly batchSize: number;
  /** Told every 15 s how far the sync got. */
  readonly onProgress?: (seconds: number, received: number) => void;
};

export type FirstSyncFigures = {
  readonly seconds: number;
  /** CPU seconds (user + system) of this process, the station's, during the sync. */
  readonly cpuSeconds: number;
  readonly local: { readonly persons: number; readonly encounters: number; readonly immunizations: number };
  /** Sync rounds that failed (a cut link) before the one that finished. */
  readonly failedRounds: number;
};

/**
 * A fresh station's first sync, as the station core runs it (signed requests, RxDB replication into the real
 * encrypted SQLite replica), timed until the replica is in sync. A round that fails because the link dropped is
 * followed by the next at once (the live replication retries on its own the same way); any other failure throws.
 */
export async function freshStationFirstSync(options: FirstSyncOptions): Promise<FirstSyncFigures> {
  const directory = await mkdtemp(join(tmpdir(), 'hssk-bench-first-sync-'));
  const clock = { now: () => new Date() };
  const db = await openStationDatabase({
    storage: getRxStorageSqlite({ directory, key: nacl.randomBytes(32) }),
    name: `bench${String(Date.now())}`,
  });
  try {
    const issuer = createHealthIdIssuer(db, options.device.deviceId);
    const client = createSyncHttpClient({
      baseUrl: options.baseUrl,
      device: options.device,
      appVersion: '0.1.0',
      clock,
      compression: options.compression,
    });
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const sync = startStationSync({
      db,
      client,
      outbox: createOutbox(db),
      clock,
      replicationIdentifier: `bench|${options.orgUnitId}`,
      device: { deviceId: options.device.deviceId, orgUnitId: options.orgUnitId },
      appVersion: '0.1.0',
      healthIdsRemaining: () => issuer.remaining(),
      databaseSizeBytes: () => 0,
      batchSize: options.batchSize,
      singlePages: options.singlePages,
      retryMs: 500,
    });
    let lastPrint = 0;
    const progress = sync.status$.subscribe((status) => {
      const elapsed = (performance.now() - start) / 1000;
      if (elapsed - lastPrint < 15) return;
      lastPrint = elapsed;
      options.onProgress?.(
        elapsed,
        Object.values(status.received).reduce((a, b) => a + b, 0),
      );
    });
    let failedRounds = 0;
    for (;;) {
      try {
        await sync.syncNow();
        break;
      } catch (thrown) {
        if ((thrown as { code?: unknown }).code !== 'sync-offline') throw thrown;
        failedRounds++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    progress.unsubscribe();
    const local = {
      persons: await db.persons.count().exec(),
      encounters: await db.encounters.count().exec(),
      immunizations: await db.immunizations.count().exec(),
    };
    await sync.stop();
    return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, local, failedRounds };
  } finally {
    await db.close();
    await rm(directory, { recursive: true, force: true });
  }
}
