import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  hostileRequestTargets,
  rawHttpStatus,
} from '#electron/station/transport/hostile-requests.test-support.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { repoRoot } from '../support/repo-root.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

type RunningStation = {
  readonly url: string;
  readonly secret: string;
  readonly output: () => string;
  readonly exited: () => boolean;
  stop(): Promise<void>;
};

/** This process's environment without the station secrets, so the station makes demo ones in its data folder. */
function demoStationEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['HSSK_STATION_PASSPHRASE'];
  delete env['HSSK_RECOVERY_PUBLIC_KEY'];
  delete env['HSSK_STATION_KEY_STORE'];
  return env;
}

/** `npm run station` as its own process (`node --import tsx`, so that killing it leaves no child behind). */
async function startStationProcess(args: readonly string[]): Promise<RunningStation> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'electron/station/main.ts'), ...args],
    { env: demoStationEnv(), cwd: repoRoot },
  );
  let output = '';
  let exited = false;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.on('exit', () => (exited = true));
  const link = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(check);
      reject(new Error(`the station did not start:\n${output}`));
    }, 90_000);
    const check = setInterval(() => {
      const found = /Ứng dụng: (http:\/\/127\.0\.0\.1:\d+)\/#secret=(\S+)/.exec(output);
      if (found === null && !exited) return;
      clearInterval(check);
      clearTimeout(timer);
      if (found === null) reject(new Error(`the station exited:\n${output}`));
      else resolve(found);
    }, 100);
  });
  return {
    url: link[1] ?? '',
    secret: link[2] ?? '',
    output: () => output,
    exited: () => exited,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGKILL');
      }),
  };
}

/** A WebSocket client of the station page's own origin; resolves `closed` with the close code. */
function pageClient(station: RunningStation) {
  const ws = new WebSocket(`${station.url.replace('http:', 'ws:')}/api`, { origin: station.url });
  const messages: { type: string; id?: number; answer?: unknown }[] = [];
  ws.on('message', (data: Buffer) =>
    messages.push(JSON.parse(data.toString('utf8')) as (typeof messages)[0]),
  );
  ws.on('error', () => undefined);
  const opened = new Promise<void>((resolve) => ws.once('open', resolve));
  const closed = new Promise<number>((resolve) => ws.once('close', resolve));
  /** The first message `wanted` accepts (events may come in between), or undefined after 15 s. */
  const waitFor = async (wanted: (message: (typeof messages)[0]) => boolean) => {
    for (let waited = 0; waited < 15_000; waited += 25) {
      const found = messages.find(wanted);
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return undefined;
  };
  const signIn = async () => {
    await opened;
    ws.send(JSON.stringify({ type: 'hello', secret: station.secret }));
    expect(await waitFor((message) => message.type === 'ready')).toEqual({ type: 'ready' });
  };
  return { ws, opened, closed, waitFor, signIn };
}

/** Signs a page client in with the launch secret and asks for `station.info`: the core is serving when it answers. */
async function stationAnswers(station: RunningStation): Promise<unknown> {
  const client = pageClient(station);
  await client.signIn();
  client.ws.send(JSON.stringify({ type: 'call', id: 1, command: 'station.info', args: {} }));
  const answer = await client.waitFor((message) => message.id === 1);
  client.ws.close();
  return answer;
}

const backend = testBackends[0];

describe(`a station core process facing hostile web pages (server on ${backend?.name ?? 'none'})`, () => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let station: RunningStation;
  let directory = '';

  beforeAll(async () => {
    if (backend === undefined) throw new Error('no test database backend');
    database = await backend.open();
    server = await startStationTestServer(database);
    directory = await mkdtemp(join(tmpdir(), 'hssk-station-hostile-'));
    const { orgUnitId } = await server.createStaff(1);
    // A data folder made beforehand for everyone to read, and the usual umask: the station keeps it to itself.
    await mkdir(join(directory, 'station'), { mode: 0o755 });
    const umask = process.umask(0o022);
    station = await startStationProcess([
      '--data',
      join(directory, 'station'),
      '--server',
      server.baseUrl,
      '--enrol',
      await server.issueEnrolmentCode(orgUnitId),
    ]).finally(() => process.umask(umask));
  }, 120_000);
  afterAll(async () => {
    await station.stop();
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps its data folder and the files in it to its own account (0700 / 0600)', async () => {
    const modes = async (path: string): Promise<string[]> => {
      const info = await stat(path);
      const own = `${relative(directory, path)} ${(info.mode & 0o777).toString(8)}`;
      if (!info.isDirectory()) return [own];
      const inside = await Promise.all((await readdir(path)).map((name) => modes(join(path, name))));
      return [own, ...inside.flat()];
    };
    const found = await modes(join(directory, 'station'));
    expect(found).toContain('station/demo-station-secrets.json 600');
    expect(found.filter((line) => !/ (600|700)$/.test(line))).toEqual([]);
  });

  it('answers malformed, NUL-bearing, climbing and overlong URLs with an error and keeps answering', async () => {
    expect(await stationAnswers(station)).toMatchObject({ type: 'answer', answer: { ok: true } });
    for (const target of hostileRequestTargets) {
      const status = await rawHttpStatus(station.url, target);
      expect(status, target).toBeGreaterThanOrEqual(400);
      expect(status, target).toBeLessThan(500);
    }
    // As the page of another site would send it: an image whose address is a broken percent escape.
    expect((await fetch(`${station.url}/%E0%A4%A`)).status).toBe(400);
    expect(station.exited()).toBe(false);
    expect(await stationAnswers(station)).toMatchObject({
      type: 'answer',
      answer: { ok: true, value: { enrolled: true } },
    });
  });

  it('closes a WebSocket that sends a frame over 1 MiB with 1009 and keeps serving the other clients', async () => {
    const bystander = pageClient(station);
    await bystander.signIn();

    const flooder = pageClient(station);
    await flooder.signIn();
    flooder.ws.send(Buffer.alloc(1024 * 1024 + 1, 'x').toString());
    expect(await flooder.closed).toBe(1009);

    const stranger = pageClient(station);
    await stranger.opened;
    stranger.ws.send('null');
    expect(await stranger.closed).toBe(1008);

    bystander.ws.send(JSON.stringify({ type: 'call', id: 2, command: 'session.status', args: {} }));
    expect(await bystander.waitFor((message) => message.id === 2)).toMatchObject({
      type: 'answer',
      answer: { ok: true },
    });
    bystander.ws.close();
    expect(station.exited()).toBe(false);
    expect(await stationAnswers(station)).toMatchObject({ type: 'answer', answer: { ok: true } });
    // Nothing the clients sent reached the log.
    expect(station.output()).not.toContain('xxxx');
  });
});
