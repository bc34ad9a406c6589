import { describe, expect, it } from 'vitest';
import { STATION_IPC } from '#electron/main/ipc/station-ipc-channels.ts';
import { registerStationIpc, type InvokeEvent } from '#electron/main/ipc/station-ipc-bridge.ts';
import { createPreloadStationApi } from '#electron/main/preload/preload-station-api.ts';
import { APP_ORIGIN } from '#electron/main/protocol/app-protocol.ts';
import { initialSyncStatus } from '#electron/station/sync/sync-status.ts';
import { createUnenrolledStationCore } from '#electron/station/core/unenrolled-station-core.ts';
import { fail } from '#shared/errors/result.ts';
import type { SyncStatusView } from '#shared/station-api/station-api.ts';
import { createBridgeStationApi } from '#renderer/station/api/bridge-station-api.ts';

/**
 * The desktop app's path from the page to the core, without the Electron binary: the renderer's bridge adapter over
 * the preload's API over a stand-in for Electron's IPC pair, into the main process's IPC bridge (sender and argument
 * checks) and a real station core (a station not enrolled yet, which needs no server).
 */
function desktopChain() {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  const pageListeners = new Map<string, Set<(event: unknown, message: unknown) => void>>();
  const core = createUnenrolledStationCore({
    serverUrl: 'https://hssk.example.vn',
    appVersion: '0.1.0',
    enrol: async () => fail({ code: 'enrolment-code-invalid', message: 'Mã đăng ký thiết bị không đúng.' }),
  });
  registerStationIpc(
    { handle: (channel, listener) => handlers.set(channel, listener) },
    { appOrigin: APP_ORIGIN, log: () => undefined, core },
  );
  const fromApp: InvokeEvent = { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };
  const preload = createPreloadStationApi({
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      if (handler === undefined) throw new Error(`no handler for ${channel}`);
      return handler(fromApp, ...args);
    },
    on: (channel, listener) => {
      const set = pageListeners.get(channel) ?? new Set();
      set.add(listener);
      pageListeners.set(channel, set);
    },
    removeListener: (channel, listener) => pageListeners.get(channel)?.delete(listener),
  });
  /** What the main process's `webContents.send` delivers to the page. */
  const send = (channel: string, message: unknown) => {
    for (const listener of pageListeners.get(channel) ?? []) listener({ sender: 'ipc event' }, message);
  };
  return { api: createBridgeStationApi(preload), send };
}

describe('the station app in the desktop shell, page to core', () => {
  it('answers the station API through the preload and the checked IPC bridge', async () => {
    const { api } = desktopChain();
    expect(await api.call('station.info', {})).toEqual({
      ok: true,
      value: { locked: false, enrolled: false, serverUrl: 'https://hssk.example.vn', appVersion: '0.1.0' },
    });
    // The main process checks arguments against the same schemas before the core sees them.
    expect(await api.call('device.enrol', { code: 'x' })).toMatchObject({
      ok: false,
      errors: [{ code: 'station-args-invalid' }],
    });
    expect(await api.call('device.enrol', { code: 'AAAA-BBBB-CCCC-DDDD' })).toMatchObject({
      ok: false,
      errors: [{ code: 'enrolment-code-invalid' }],
    });
  });

  it('follows the link state the main process sends, and delivers only payloads of subscribed events', () => {
    const { api, send } = desktopChain();
    const states: string[] = [];
    api.onConnection((state) => states.push(state.kind));
    expect(api.connection()).toEqual({ kind: 'connecting' });
    send(STATION_IPC.connection, { kind: 'ready' });
    send(STATION_IPC.connection, { kind: 'lost', message: 'Chương trình máy trạm đang khởi động lại.' });
    expect(states).toEqual(['ready', 'lost']);
    expect(api.connection()).toMatchObject({ kind: 'lost' });

    const seen: unknown[] = [];
    const stop = api.subscribe('sync.status', (status: SyncStatusView) => seen.push(status));
    send(STATION_IPC.event, { event: 'sync.status', payload: initialSyncStatus });
    send(STATION_IPC.event, { event: 'session.changed', payload: { signedIn: false } });
    stop();
    send(STATION_IPC.event, { event: 'sync.status', payload: initialSyncStatus });
    expect(seen).toEqual([initialSyncStatus]);
  });
});
