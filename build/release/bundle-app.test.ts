import { fork } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleApp } from './bundle-app.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const key = Buffer.alloc(32, 7).toString('base64');

describe('bundleApp', () => {
  let dir: string;
  let outDir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hssk-bundle-'));
    outDir = join(dir, 'app');
    const rendererDir = join(dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
    await bundleApp({
      repoRoot,
      outDir,
      version: '1.4.0',
      rendererDir,
      config: {
        serverUrl: 'https://dongbo.soyte.hanoi.gov.vn',
        recoveryPublicKey: key,
        releasePublicKeys: [key],
        updateChannel: 'latest',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('bundles the preload into one file that loads nothing but electron', async () => {
    const preload = await readFile(join(outDir, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).toContain('hssk:station-call');
  });

  it('runs the bundled preload in a bare context: it exposes the station API and nothing else', async () => {
    const source = await readFile(join(outDir, 'preload.cjs'), 'utf8');
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => {
          exposed[key] = api;
        },
      },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: null };
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    // A sandboxed preload's `require` knows only a few modules; this one offers only electron.
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`the preload required ${name}`);
    };
    const module = { exports: {} };
    runInNewContext(source, { require: sandboxRequire, module, exports: module.exports });
    expect(Object.keys(exposed)).toEqual(['hsskStation']);
    const api = exposed['hsskStation'] as { call(c: string, a: unknown): Promise<unknown> };
    expect(Object.keys(api).sort()).toEqual(['call', 'onConnection', 'pickFolder', 'subscribe']);
    await api.call('session.status', {});
    expect(invoked).toEqual([['hssk:station-call', 'session.status', {}]]);
  });

  it('bundles main and the core, leaving only Electron and the native module outside', async () => {
    const main = await readFile(join(outDir, 'main.mjs'), 'utf8');
    expect(main).toMatch(/from ["']electron["']/);
    expect(main).not.toMatch(/from ["']\.\.?\//);
    const core = await readFile(join(outDir, 'station-core.mjs'), 'utf8');
    expect(core).toContain('better-sqlite3-multiple-ciphers');
    expect(core).not.toMatch(/from ["']\.\.?\//);
  });

  it('writes the app package with only the native modules, SQLite’s sources without the local Node build', async () => {
    const pkg = JSON.parse(await readFile(join(outDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'hssk-tram', version: '1.4.0', main: 'main.mjs' });
    const [sqlite, argon2, ...platforms] = Object.keys(pkg['dependencies'] as object);
    expect([sqlite, argon2]).toEqual(['better-sqlite3-multiple-ciphers', '@node-rs/argon2']);
    expect(platforms.length).toBeGreaterThan(0);
    for (const name of platforms) expect(name).toMatch(/^@node-rs\/argon2-/);
    const native = join(outDir, 'node_modules/better-sqlite3-multiple-ciphers');
    expect((await stat(join(native, 'binding.gyp'))).isFile()).toBe(true);
    await expect(stat(join(native, 'build'))).rejects.toThrow();
    const nativePkg = JSON.parse(await readFile(join(native, 'package.json'), 'utf8')) as {
      dependencies: object;
      scripts: object;
    };
    expect(nativePkg.dependencies).toEqual({ bindings: expect.any(String) as unknown });
    expect(nativePkg.scripts).not.toHaveProperty('install');
    expect(JSON.parse(await readFile(join(outDir, 'station-config.json'), 'utf8'))).toMatchObject({
      updateChannel: 'latest',
    });
  });

  it('runs the bundled station core: it loads its native modules and reaches the real open-station checks', async () => {
    // Node in place of Electron's utility process: the local (Node-ABI) SQLite build, and a parentPort shim over fork IPC.
    await cp(
      join(repoRoot, 'node_modules/better-sqlite3-multiple-ciphers/build'),
      join(outDir, 'node_modules/better-sqlite3-multiple-ciphers/build'),
      { recursive: true },
    );
    const shim = join(dir, 'parent-port-shim.mjs');
    await writeFile(
      shim,
      "process.parentPort = { on: (e, l) => process.on('message', (data) => l({ data })), postMessage: (m) => process.send(m) };\n",
    );
    const child = fork(join(outDir, 'station-core.mjs'), [], {
      execArgv: ['--import', shim],
      stdio: 'ignore',
    });
    const messages: unknown[] = [];
    const exitCode = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.on('message', (m) => messages.push(m));
    child.send({
      type: 'start',
      config: {
        dataDir: join(dir, 'station-data'),
        serverUrl: 'http://127.0.0.1:9',
        appVersion: '1.4.0',
        recoveryPublicKey: key,
        keyStore: { id: 'plain-file', protection: 'weak' },
      },
    });
    const timer = setTimeout(() => child.kill(), 20_000);
    expect(await exitCode).toBe(1);
    clearTimeout(timer);
    // A weak machine key store without the first staff member: the core's own refusal, in Vietnamese.
    expect(messages).toEqual([
      expect.objectContaining({ type: 'fatal', code: 'station-key-staff-slot-required' }),
    ]);
  }, 30_000);

  it('refuses a config without a release key', async () => {
    await expect(
      bundleApp({
        repoRoot,
        outDir: join(dir, 'bad'),
        version: '1.4.0',
        config: {
          serverUrl: 'https://x.example',
          recoveryPublicKey: key,
          releasePublicKeys: [],
          updateChannel: 'latest',
        },
      }),
    ).rejects.toThrow();
  });
});
