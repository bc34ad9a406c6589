/**
 * `npm start`: the demo on embedded defaults. The sync server on PGlite (data and generated demo keys
 * in .data/sync-server) seeds, on its first start, a demo commune station with ~2,000 SYNTHETIC residents and their
 * exams and immunizations; the station core (data in .data/station, encrypted replica, demo machine secrets) enrols
 * with the one-time code and receives them through its first sync. Prints the addresses and the demo accounts, whose
 * passwords must be changed at first login. The station app and the admin console are built
 * (`npm run build:renderer`): the sync server serves the console on http://127.0.0.1:8787/console/, the station its
 * app on http://127.0.0.1:8788 with its per-launch secret in the printed address (browser mode). Where the Electron
 * binary is installed and the native module is built for it (`desktopPlan`), the desktop app opens instead and enrols
 * with the printed code; otherwise, or with `--browser`, it says why in one line (the Electron binary cannot be
 * downloaded on the project's machines). A second `npm start` reuses the data; `npm start -- --reset` starts over.
 * Ctrl+C stops everything.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nacl from 'tweetnacl';
import { demoStationSecrets } from '#electron/station/open-station.ts';
import type { DemoStation } from '#sync-server/src/demo/seed-demo-station.ts';
import { bundleApp } from '../release/bundle-app.ts';
import { desktopPlan, repositoryProbe, type DesktopPlan } from './desktop-launch.ts';

const say = (line = '') => process.stdout.write(`${line}\n`);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataRoot = join(root, '.data');
const serverDir = process.env['HSSK_DATA_DIR'] ?? join(dataRoot, 'sync-server');
const stationDir = join(dataRoot, 'station');
const serverUrl = `http://127.0.0.1:${process.env['PORT'] ?? '8787'}`;
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const children: ChildProcess[] = [];

if (process.argv.includes('--reset')) {
  await rm(serverDir, { recursive: true, force: true });
  await rm(stationDir, { recursive: true, force: true });
  say('Đã xóa dữ liệu demo (.data/sync-server, .data/station): bắt đầu lại từ đầu.');
}

say('HSSK Hà Nội — hồ sơ sức khỏe điện tử (demo, embedded PGlite)');
// The desktop app needs the Electron binary (which `npm install` does not download here) and a native module built
// for it; otherwise, or with --browser, the same station runs in a browser.
const plan: DesktopPlan = process.argv.includes('--browser')
  ? { kind: 'browser', reason: '--browser: the station app runs in a browser (browser mode).' }
  : await desktopPlan(repositoryProbe(root));
say(
  plan.kind === 'desktop'
    ? 'Electron is installed: the desktop app opens (not verified on the project machines); enrol it with the code below.'
    : plan.reason,
);
say();

function start(script: string, args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(tsx, [script, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (signal === null && code !== 0) {
      say(`${script} stopped (exit ${String(code)}); stopping the demo.`);
      stopAll();
      process.exitCode = code ?? 1;
    }
  });
  return child;
}

function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stopAll);

async function waitForServer(): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const ready = await fetch(`${serverUrl}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the sync server did not become ready at ${serverUrl}`);
}

// The station serves the built app and the sync server the admin console; a release builds both the same way
// (production mode, its own process).
const built = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    'renderer/vite/vite.config.ts',
    '--logLevel',
    'error',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  },
);
if (built.status !== 0) {
  say(
    'Không dựng được ứng dụng trạm và giao diện quản trị (npm run build:renderer thất bại); xem lỗi ở trên.',
  );
  process.exit(1);
}

// Warnings and errors only, so the demo's own lines stay readable (LOG_LEVEL=info shows every request).
start(join(root, 'sync-server', 'src', 'main.ts'), [], {
  HSSK_DATA_DIR: serverDir,
  HSSK_DEMO: '1',
  LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
});
await waitForServer();

const demoFile = join(serverDir, 'demo-station.json');
const demo = await readFile(demoFile, 'utf8').then(
  (text) => JSON.parse(text) as DemoStation,
  () => undefined,
);
if (plan.kind === 'desktop') {
  await openDesktopApp(plan.electron);
} else {
  start(
    join(root, 'electron', 'station', 'main.ts'),
    [
      '--data',
      stationDir,
      '--server',
      serverUrl,
      '--port',
      '8788',
      ...(demo === undefined ? [] : ['--enrol', demo.enrolmentCode]),
    ],
    {},
  );
}

/**
 * The desktop app as a release bundles it (`bundleApp`, into .data/desktop-app), configured for this demo server with
 * demo keys (a recovery key pair in .data/desktop-keys, a release key nothing is signed with), started with the
 * Electron binary. It enrols itself: its first screen takes the demo station's code printed below.
 */
async function openDesktopApp(electron: string): Promise<void> {
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const secrets = await demoStationSecrets(join(dataRoot, 'desktop-keys'));
  const bundled = await bundleApp({
    repoRoot: root,
    outDir: join(dataRoot, 'desktop-app'),
    version,
    config: {
      serverUrl,
      recoveryPublicKey: Buffer.from(secrets.recoveryPublicKey).toString('base64'),
      releasePublicKeys: [Buffer.from(nacl.sign.keyPair().publicKey).toString('base64')],
      updateChannel: 'latest',
    },
  });
  const child = spawn(electron, [bundled.outDir], { cwd: root, stdio: 'inherit' });
  children.push(child);
  child.on('exit', () => {
    say('The desktop app closed; stopping the demo.');
    stopAll();
  });
  if (demo !== undefined)
    say(`Mã đăng ký máy trạm (enrolment code for the desktop app): ${demo.enrolmentCode}`);
}

say();
say(`Máy chủ đồng bộ (sync server): ${serverUrl}  (OpenAPI /openapi.json · /health/ready · /metrics)`);
say(`Giao diện quản trị (admin console): ${serverUrl}/console/  (sign in as the city administrator above)`);
say(
  plan.kind === 'desktop'
    ? 'Ứng dụng trạm (station app): the desktop window.'
    : 'Ứng dụng trạm (station app): open the address printed as "Ứng dụng: http://127.0.0.1:8788/#secret=…" above.',
);
if (demo !== undefined) {
  say();
  say('================================================================================');
  say(
    ` Trạm demo ${demo.orgUnitId}: ${String(demo.residents)} người dân GIẢ LẬP (synthetic, not real people)`,
  );
  say(` Tài khoản nhân viên trạm (station staff): ${demo.staffUserName}`);
  say(` Mật khẩu một lần (one-time password): ${demo.staffInitialPassword}`);
  say(' Đổi mật khẩu ngay lần đăng nhập đầu tiên. Shown once; `npm start -- --reset` to start over.');
  say();
  say(` Bệnh viện minh họa 01032 — tài khoản liên thông (interop): ${demo.hospitalUserName}`);
  say(` Mật khẩu một lần (one-time password): ${demo.hospitalInitialPassword}`);
  say(' MÔ PHỎNG bệnh viện gửi hồ sơ QĐ 130 (simulator of a hospital export), in another terminal:');
  say(`   npm run simulate:hospital -- --user ${demo.hospitalUserName}`);
  say('================================================================================');
  // The code is used and the password shown: nothing in it is needed again.
  await rm(demoFile, { force: true });
}
