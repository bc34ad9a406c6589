import { chmod, mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { decodeBase64 } from '#shared/sync/base64.ts';
import { createPlainFileKeyStore } from './keys/plain-file-key-store.ts';
import { demoStationSecrets, openStation } from './open-station.ts';
import { guardStationProcess } from './process-guard.ts';
import { startLoopbackServer } from './transport/loopback-server.ts';

/**
 * `npm run station`: the station core as a plain Node process (DESIGN.md §2), serving the station API on a loopback
 * WebSocket and the built app, for an ordinary browser. Configuration: `--data` (default .data/station), `--server`
 * (default http://127.0.0.1:8787, the server of `npm start`), `--enrol <code>` on first start (or the code is entered
 * in the app), `--port`, `--backup-dir`
 * with `--backup-at HH:MM` (daily backups there; otherwise the app's settings decide); `HSSK_STATION_PASSPHRASE` and
 * `HSSK_RECOVERY_PUBLIC_KEY` (base64), or demo secrets generated in the data folder when both are absent.
 * Once serving, a failure that escapes every handler is logged (to stderr, without its message) and the core goes on
 * serving; a burst of uncaught exceptions closes it with exit code 70 (`guardStationProcess`).
 */
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join('.data', 'station') },
    server: { type: 'string', default: 'http://127.0.0.1:8787' },
    enrol: { type: 'string' },
    port: { type: 'string', default: '0' },
    'backup-dir': { type: 'string' },
    'backup-at': { type: 'string', default: '12:00' },
  },
});
const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

const dataDir = values.data;
// The data folder is for this account only, also when it was made before (by hand, an older version) with 0755.
await mkdir(dataDir, { recursive: true, mode: 0o700 });
await chmod(dataDir, 0o700);
const passphraseEnv = process.env['HSSK_STATION_PASSPHRASE'];
const recoveryEnv = process.env['HSSK_RECOVERY_PUBLIC_KEY'];
const secrets =
  passphraseEnv !== undefined && recoveryEnv !== undefined
    ? { passphrase: passphraseEnv, recoveryPublicKey: decodeBase64(recoveryEnv) ?? new Uint8Array() }
    : await demoStationSecrets(dataDir);
if (passphraseEnv === undefined)
  say('Chú ý: dùng khóa máy và khóa khôi phục DEMO trong thư mục dữ liệu (không dùng thật).');

const firstUser = process.env['HSSK_STATION_FIRST_USER'];
const firstPassword = process.env['HSSK_STATION_FIRST_PASSWORD'];
const station = await openStation({
  dataDir,
  serverUrl: values.server,
  passphrase: secrets.passphrase,
  recoveryPublicKey: secrets.recoveryPublicKey,
  enrolmentCode: values.enrol,
  appVersion: '0.1.0',
  // A machine without a safe OS key store (tried with HSSK_STATION_KEY_STORE=plain): staff slots open the replica,
  // the first one for the person setting the station up (HSSK_STATION_FIRST_USER / HSSK_STATION_FIRST_PASSWORD).
  ...(process.env['HSSK_STATION_KEY_STORE'] === 'plain'
    ? {
        keyStore: createPlainFileKeyStore(),
        firstStaff:
          firstUser === undefined || firstPassword === undefined
            ? undefined
            : { userName: firstUser, password: firstPassword },
      }
    : {}),
  backup:
    values['backup-dir'] === undefined
      ? undefined
      : { folder: resolve(values['backup-dir']), dailyAt: values['backup-at'] },
});
if (station.restore.kind === 'restored') {
  const moved = station.restore.result.movedAsideTo;
  say(
    `Đã khôi phục dữ liệu từ bản sao lưu ${station.restore.pending.backupDir}` +
      (moved === undefined ? '.' : `; dữ liệu trước đó được giữ ở ${moved}.`),
  );
} else if (station.restore.kind === 'failed') {
  say(`Không khôi phục được (${station.restore.code}): ${station.restore.message}`);
}
const server = await startLoopbackServer({
  api: station.core,
  port: Number(values.port),
  staticDir: join(import.meta.dirname, '..', '..', 'renderer', 'dist'),
  log: warn,
});
// Installed once serving: a failure while starting still ends the process with its reason, as it should.
guardStationProcess({
  process,
  log: warn,
  clock: { now: () => Date.now() },
  onTooMany: () => void shutdown(70),
});
const info = await station.core.call('station.info', {});
say(
  station.locked()
    ? 'Dữ liệu của trạm đang khóa (máy không có kho khóa an toàn): mở sau khi nhân viên có quyền đăng nhập.'
    : info.ok && info.value.enrolled === false
      ? 'Máy trạm chưa đăng ký: nhập mã đăng ký một lần của quản trị viên trong ứng dụng (hoặc chạy lại với --enrol <mã>).'
      : `Máy trạm ${station.device.deviceId} của đơn vị ${station.device.orgUnitId}`,
);
say(`Ứng dụng: ${server.url}/#secret=${server.secret}`);
// Say once when the replica first catches up with the server (the demo's first sync), with what it received.
const stopWatching = station.core.subscribe('sync.status', (status) => {
  if (status.state !== 'synced') return;
  stopWatching();
  const received = Object.entries(status.received)
    .map(([collection, count]) => `${collection} ${String(count)}`)
    .join(', ');
  say(`Đã đồng bộ với máy chủ${received === '' ? '' : ` (đã nhận: ${received})`}.`);
});

async function shutdown(code: number): Promise<void> {
  // Closing may itself fail when the core is in trouble: the exit code still says why it stopped.
  await server.close().catch(() => undefined);
  await station.close().catch(() => undefined);
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
