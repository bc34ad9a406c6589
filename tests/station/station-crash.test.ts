import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation, type OpenStation } from '#electron/station/open-station.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import { unwrap } from '#shared/errors/result.ts';
import { encodeBase64 } from '#shared/sync/base64.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { repoRoot } from '../support/repo-root.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

/** A station process writing until killed; resolves with its printed lines once `enough` says so, then SIGKILLs it. */
async function runUntilKilled(
  env: Record<string, string>,
  enough: (lines: readonly string[]) => boolean,
): Promise<string[]> {
  // `node --import tsx` runs the writer in this one process: killing a `tsx` wrapper would leave its child running.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'tests/station/fixtures/crash-writer.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  return new Promise<string[]>((resolve, reject) => {
    const watchdog = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `the station process did not get far enough: ${lines.slice(-5).join(' | ')} ${errors.slice(-2000)}`,
        ),
      );
    }, 120_000);
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      lines.push(...parts);
      if (enough(lines)) {
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(watchdog);
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`the station process ended by itself: ${errors.slice(-2000)}`));
    });
  });
}

/** Residents per bulk write of the crash writer. */
const BULK_SIZE = 100;

describe.each(testBackends)('a station core killed with SIGKILL (server on $name)', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let directory = '';
  const recovery = nacl.box.keyPair();
  const passphrase = 'crash-test-passphrase';

  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database);
    directory = await mkdtemp(join(tmpdir(), 'hssk-station-crash-'));
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function reopen(dataDir: string, userName: string, password: string): Promise<OpenStation> {
    const station = await openStation({
      dataDir,
      serverUrl: server.baseUrl,
      passphrase,
      recoveryPublicKey: recovery.publicKey,
      appVersion: '0.1.0',
    });
    const login = await station.core.call('session.login', { userName, password });
    expect(login.ok).toBe(true);
    return station;
  }

  it('loses no committed bulk write and leaves no partial one', async () => {
    const { orgUnitId, staff } = await server.createStaff(5);
    const dataDir = join(directory, 'bulk');
    const lines = await runUntilKilled(
      {
        HSSK_TEST_STATION: JSON.stringify({
          dataDir,
          serverUrl: server.baseUrl,
          passphrase,
          recoveryPublicKey: encodeBase64(recovery.publicKey),
          enrolmentCode: await server.issueEnrolmentCode(orgUnitId),
          userName: staff.userName,
          password: staff.password,
          mode: 'bulk',
          bulkSize: BULK_SIZE,
        }),
      },
      (printed) => printed.filter((line) => line.startsWith('bulk ')).length >= 3,
    );
    const committed = lines.filter((line) => line.startsWith('bulk ')).map((line) => Number(line.slice(5)));

    const station = await reopen(dataDir, staff.userName, staff.password);
    try {
      const ids = (await station.db.persons.find().exec()).map((doc) => doc.id);
      const perBulk = new Map<number, number>();
      for (const id of ids) {
        const bulk = Number(id.split('-')[1]);
        perBulk.set(bulk, (perBulk.get(bulk) ?? 0) + 1);
      }
      for (const bulk of committed) expect(perBulk.get(bulk), `bulk ${String(bulk)}`).toBe(BULK_SIZE);
      for (const [bulk, count] of perBulk) expect(count, `bulk ${String(bulk)} is whole`).toBe(BULK_SIZE);

      // The next sync completes and delivers every resident.
      expect(await station.core.call('sync.now', {})).toMatchObject({
        ok: true,
        value: { pendingChanges: 0 },
      });
      const onServer = new Set((await server.storedDocuments('persons')).map((doc) => String(doc['id'])));
      expect(ids.filter((id) => !onServer.has(id))).toEqual([]);
    } finally {
      await station.close();
    }
  }, 180_000);

  it('loses no registration when killed while registering and syncing', async () => {
    const { orgUnitId, staff } = await server.createStaff(6);
    const dataDir = join(directory, 'register');
    const lines = await runUntilKilled(
      {
        HSSK_TEST_STATION: JSON.stringify({
          dataDir,
          serverUrl: server.baseUrl,
          passphrase,
          recoveryPublicKey: encodeBase64(recovery.publicKey),
          enrolmentCode: await server.issueEnrolmentCode(orgUnitId),
          userName: staff.userName,
          password: staff.password,
          mode: 'register',
        }),
      },
      (printed) => printed.filter((line) => line.startsWith('registered ')).length >= 25,
    );
    const registered = lines.filter((line) => line.startsWith('registered ')).map((line) => line.slice(11));

    const station = await reopen(dataDir, staff.userName, staff.password);
    try {
      for (const id of registered) expect(await station.db.persons.findOne(id).exec(), id).not.toBeNull();
      expect(await station.core.call('sync.now', {})).toMatchObject({
        ok: true,
        value: { pendingChanges: 0 },
      });
      const onServer = (await server.storedDocuments('persons')).filter(
        (doc) => doc['orgUnitId'] === orgUnitId,
      );
      const serverIds = new Set(onServer.map((doc) => String(doc['id'])));
      expect(registered.filter((id) => !serverIds.has(id))).toEqual([]);
      // No health ID was issued twice, before or after the crash.
      const healthIds = onServer.map((doc) => String(doc['healthId']));
      expect(new Set(healthIds).size).toBe(healthIds.length);
    } finally {
      await station.close();
    }
  }, 180_000);

  it('keeps neither a resident nor its outbox entry when killed between the two writes', async () => {
    const { orgUnitId, staff } = await server.createStaff(7);
    const dataDir = join(directory, 'stall-outbox');
    const lines = await runUntilKilled(
      {
        HSSK_TEST_STATION: JSON.stringify({
          dataDir,
          serverUrl: server.baseUrl,
          passphrase,
          recoveryPublicKey: encodeBase64(recovery.publicKey),
          enrolmentCode: await server.issueEnrolmentCode(orgUnitId),
          userName: staff.userName,
          password: staff.password,
          mode: 'stall-outbox',
        }),
      },
      (printed) => printed.some((line) => line.startsWith('outbox ')),
    );
    const id = lines.find((line) => line.startsWith('outbox '))?.slice(7) ?? '';
    expect(id).not.toBe('');

    const station = await reopen(dataDir, staff.userName, staff.password);
    try {
      // The resident was stored in the same transaction as its outbox entry, which never came: neither is there, so
      // no saved change escapes the sync status's count.
      expect(await station.db.persons.findOne(id).exec()).toBeNull();
      expect(await station.db.outbox.findOne(`persons:${id}`).exec()).toBeNull();
      // The station goes on: the next registration is stored and synced.
      const registered = await station.core.call('residents.register', {
        draft: {
          fullName: 'Đỗ Văn Sau',
          familyName: 'Đỗ',
          middleName: 'Văn',
          givenName: 'Sau',
          dateOfBirth: unwrap(parsePartialDate('1961-03-04')),
          sex: 'male',
          phones: [],
          bhytCards: [],
          currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Nhà 1' },
          history: {},
        },
      });
      expect(registered.ok).toBe(true);
      expect(await station.core.call('sync.now', {})).toMatchObject({
        ok: true,
        value: { pendingChanges: 0 },
      });
    } finally {
      await station.close();
    }
  }, 180_000);
});
