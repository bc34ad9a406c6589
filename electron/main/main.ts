/**
 * The Electron main process of the station app, bundled to `main.mjs` by build/release/bundle-app.ts.
 * Composition only: every piece is a tested module; what needs the Electron binary (this file) runs on the release
 * machine. The window is thin: the station core runs in a utility process, the page is served from app://, and the
 * only way from the page to the core is the validated IPC bridge.
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
} from 'electron';
import electronUpdater from 'electron-updater';
import { toError } from '#shared/errors/to-error.ts';
import { createPlainFileKeyStore } from '../station/keys/plain-file-key-store.ts';
import { holdSingleInstanceLock } from './app/single-instance.ts';
import { readStationAppConfig } from './app/station-app-config.ts';
import { createCoreSupervisor, type CoreChild } from './core-process/core-supervisor.ts';
import { STATION_IPC } from './ipc/station-ipc-channels.ts';
import { registerFolderPicker } from './ipc/folder-picker.ts';
import { registerStationIpc } from './ipc/station-ipc-bridge.ts';
import { createSafeStorageKeyStore, safeStorageProtection } from './keys/safe-storage-key-store.ts';
import { APP_ORIGIN, APP_SCHEME, appScheme, createAppProtocolHandler } from './protocol/app-protocol.ts';
import { guardNavigation } from './security/navigation-guard.ts';
import { denyAllPermissions } from './security/permission-guard.ts';
import { mainWindowOptions } from './security/window-options.ts';
import { createStationUpdater } from './updates/station-updater.ts';
import { createWindowStateStore } from './window/window-state.ts';

const appDir = import.meta.dirname;
const UPDATE_CHECK_MS = 4 * 60 * 60 * 1000;
let window: BrowserWindow | undefined;

const log = (line: string) => {
  void appendFile(join(app.getPath('logs'), 'main.log'), `${new Date().toISOString()} ${line}\n`).catch(
    () => undefined,
  );
};

protocol.registerSchemesAsPrivileged([appScheme]);

if (
  holdSingleInstanceLock(app, () => {
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  })
) {
  void app.whenReady().then(start, (e: unknown) => {
    log(`start failed: ${toError(e).message}`);
    app.exit(1);
  });
}

function forkCore(): CoreChild {
  const child = utilityProcess.fork(join(appDir, 'station-core.mjs'), [], {
    serviceName: 'HSSK station core',
  });
  return {
    postMessage: (message) => {
      child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => child.kill(),
  };
}

async function start(): Promise<void> {
  const config = await readStationAppConfig(join(appDir, 'station-config.json'));
  const ses = session.defaultSession;
  denyAllPermissions(ses, log);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: join(appDir, 'renderer') }));
  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, {
      appOrigin: APP_ORIGIN,
      openExternal: (url) => void shell.openExternal(url),
      log,
    });
  });

  const safe = safeStorageProtection(safeStorage, process.platform);
  const keyStore =
    safe === undefined ? createPlainFileKeyStore() : createSafeStorageKeyStore(safeStorage, safe.protection);
  log(`machine key store: ${keyStore.id} (${safe?.backend ?? 'unavailable'}, ${keyStore.protection})`);

  const send = (channel: string, message: unknown) => {
    if (window !== undefined && !window.isDestroyed()) window.webContents.send(channel, message);
  };
  const supervisor = createCoreSupervisor({
    fork: forkCore,
    config: {
      dataDir: join(app.getPath('userData'), 'station'),
      serverUrl: config.serverUrl,
      appVersion: app.getVersion(),
      recoveryPublicKey: config.recoveryPublicKey,
      keyStore: { id: keyStore.id, protection: keyStore.protection },
    },
    keyStore,
    onEvent: (event, payload) => {
      send(STATION_IPC.event, { event, payload });
    },
    onConnection: (state) => {
      send(STATION_IPC.connection, state);
    },
    log,
    clock: { now: () => Date.now() },
    setTimer: (run, ms) => {
      setTimeout(run, ms);
    },
  });
  registerStationIpc(ipcMain, { core: supervisor, appOrigin: APP_ORIGIN, log });
  registerFolderPicker(ipcMain, {
    appOrigin: APP_ORIGIN,
    log,
    showOpenDialog: (options) =>
      window === undefined ? dialog.showOpenDialog(options) : dialog.showOpenDialog(window, options),
  });

  const windowState = createWindowStateStore(join(app.getPath('userData'), 'window-state.json'));
  const state = await windowState.load(screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow(
    mainWindowOptions({ preloadPath: join(appDir, 'preload.cjs'), bounds: state }),
  );
  window = win;
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => {
    win.show();
  });
  win.webContents.on('did-finish-load', () => {
    send(STATION_IPC.connection, supervisor.connection());
  });
  win.on('close', () => {
    void windowState.save({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    void supervisor.stop().finally(() => {
      app.quit();
    });
  });

  const info = await supervisor.call('station.info', {});
  const updater = createStationUpdater({
    updater: electronUpdater.autoUpdater,
    trustedKeys: config.releasePublicKeys.map((k) => new Uint8Array(Buffer.from(k, 'base64'))),
    platform: process.platform === 'win32' ? 'windows' : 'linux',
    channel: config.updateChannel,
    orgUnitId: info.ok ? info.value.orgUnitId : undefined,
    log,
  });
  const checkForUpdate = async () => {
    const status = await updater.check();
    if (status.state !== 'ready') return;
    const choice = await dialog.showMessageBox(win, {
      type: 'info',
      title: 'Có bản cập nhật',
      message: `Phiên bản ${status.version} đã tải về và được xác minh chữ ký của Sở Y tế.`,
      detail:
        'Khởi động lại để cài ngay, hoặc để sau (bản cập nhật chỉ được cài khi bạn đồng ý). Bản nháp đang mở vẫn được giữ.',
      buttons: ['Để sau', 'Khởi động lại và cài'],
      defaultId: 0,
      cancelId: 0,
    });
    if (choice.response === 1) {
      await supervisor.stop();
      updater.installNow();
    }
  };
  void checkForUpdate();
  setInterval(() => void checkForUpdate(), UPDATE_CHECK_MS);
}
