/**
 * `npm start`: the demo on embedded defaults (issue 4 §3). The sync server on PGlite (data and generated demo keys
 * in .data/sync-server) seeds, on its first start, a demo commune station with ~2,000 SYNTHETIC residents and their
 * exams and immunizations; the station core (data in .data/station, encrypted replica, demo machine secrets) enrols
 * with the one-time code and receives them through its first sync. Prints the addresses and the demo accounts, whose
 * passwords must be changed at first login. The station app and the admin console are built
 * (`npm run build:renderer`): the sync server serves the console on http://127.0.0.1:8787/console/, the station its
 * app on http://127.0.0.1:8788 with its per-launch secret in the printed address (browser mode: the Electron binary
 * is not downloaded on these machines, and launching the desktop shell is a release-machine step; it says which in
 * one line). A second `npm start` reuses the data; `npm start -- --reset` starts over. Ctrl+C stops everything.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoStation } from '../../sync-server/src/demo/seed-demo-station.ts';

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
// The desktop shell needs the Electron binary, which `npm install` does not download here (allowScripts).
say(
  existsSync(join(root, 'node_modules', 'electron', 'path.txt'))
    ? 'Electron is installed: the desktop shell is bundled and launched by hand (build/RELEASING.md; it enrols with the code printed below); this demo runs the station app in a browser.'
    : 'Electron is not installed here (no binary): the station app runs in a browser (browser mode).',
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

say();
say(`Máy chủ đồng bộ (sync server): ${serverUrl}  (OpenAPI /openapi.json · /health/ready · /metrics)`);
say(`Giao diện quản trị (admin console): ${serverUrl}/console/  (sign in as the city administrator above)`);
say(
  'Ứng dụng trạm (station app): open the address printed as "Ứng dụng: http://127.0.0.1:8788/#secret=…" above.',
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
  say('================================================================================');
  // The code is used and the password shown: nothing in it is needed again.
  await rm(demoFile, { force: true });
}
