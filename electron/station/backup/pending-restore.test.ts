import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirectory } from '../replica/sqlite-rx-storage.test-support.ts';
import { createStationBackups } from './create-station-backups.ts';
import { applyPendingRestore, pendingRestoreOf, requestRestore } from './pending-restore.ts';
import { StationBackupError } from './station-backup-error.ts';
import {
  DATABASE_NAME,
  DEVICE,
  snapshotFolder,
  testClock,
  testStationData,
} from './station-backup.test-support.ts';

const clock = testClock(new Date(2026, 2, 11, 9, 0, 0));

async function backedUpStation() {
  const station = await testStationData(5);
  const backups = createStationBackups({
    storage: station.storage,
    databaseName: DATABASE_NAME,
    dataDir: station.dataDir,
    clock: testClock(new Date(2026, 2, 10, 12, 0, 0)),
    ...DEVICE,
  });
  const { directory } = await backups.backupNow(tempDirectory());
  await station.instance.close();
  return { ...station, backupDir: directory };
}

describe('a restore asked for from the app', () => {
  it('refuses another device’s backup at once and writes nothing', async () => {
    const station = await backedUpStation();
    const refused = await requestRestore({
      dataDir: station.dataDir,
      backupDir: station.backupDir,
      deviceId: 'device-b',
      requestedBy: 'nv',
      clock,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(StationBackupError);
    expect((refused as StationBackupError).code).toBe('station-restore-other-device');
    expect(await pendingRestoreOf(station.dataDir)).toBeNull();
    expect(await applyPendingRestore(station.dataDir, clock)).toEqual({ kind: 'none' });
  });

  it('leaves the data folder as it was when the backup went bad before the next start, and tries only once', async () => {
    const station = await backedUpStation();
    await requestRestore({
      ...DEVICE,
      dataDir: station.dataDir,
      backupDir: station.backupDir,
      requestedBy: 'nv',
      clock,
    });
    expect(await pendingRestoreOf(station.dataDir)).toMatchObject({
      backupDir: station.backupDir,
      requestedBy: 'nv',
    });
    // The USB disk lost the database file meanwhile.
    const [databaseFile] = readdirSync(station.backupDir).filter((name) => name.endsWith('.db'));
    rmSync(join(station.backupDir, databaseFile ?? 'missing'));
    const replicaBefore = snapshotFolder(station.replicaDir);

    const applied = await applyPendingRestore(station.dataDir, clock);
    expect(applied).toMatchObject({ kind: 'failed', code: 'station-restore-file-missing' });
    expect(snapshotFolder(station.replicaDir)).toEqual(replicaBefore);
    expect(readdirSync(station.dataDir).some((name) => name.startsWith('restore-failed-'))).toBe(true);
    expect(await applyPendingRestore(station.dataDir, clock)).toEqual({ kind: 'none' });
  });
});
