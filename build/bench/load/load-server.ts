import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type LoadServer = {
  readonly base: string;
  readonly pid: number;
  /** The folder of the server's data, log (`server.log`) and CPU profile (with `profile`). */
  readonly dir: string;
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
    probe.on('error', reject);
  });
}

/**
 * The real sync server (`sync-server/src/main.ts` of the checkout at `root`) as its own process on `databaseUrl`,
 * configured as in production except for limits a benchmark from one address must lift (device sessions per
 * address). Resolves once `/health/ready` answers.
 */
export async function startLoadServer(options: {
  root: string;
  databaseUrl: string;
  profile: boolean;
}): Promise<LoadServer> {
  const dir = await mkdtemp(join(tmpdir(), 'hssk-load-'));
  const port = await freePort();
  const log = openSync(join(dir, 'server.log'), 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []),
      'sync-server/src/main.ts',
    ],
    {
      cwd: options.root,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        HSSK_DATA_DIR: join(dir, 'data'),
        HOST: '127.0.0.1',
        PORT: String(port),
        HSSK_RATE_DEVICE_SESSION_PER_ADDRESS: '100000/60',
      },
      stdio: ['ignore', log, log],
    },
  );
  const base = `http://127.0.0.1:${String(port)}`;
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  for (const started = Date.now(); ;) {
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || Date.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`the sync server did not start; see ${join(dir, 'server.log')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    pid: child.pid ?? 0,
    dir,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
