import { describe, expect, it } from 'vitest';
import { STATION_IPC } from '../ipc/station-ipc-channels.ts';
import { createPreloadStationApi, type IpcRendererPort } from './preload-station-api.ts';

function fakeIpc() {
  const listeners = new Map<string, Set<(event: unknown, message: unknown) => void>>();
  const invoked: unknown[][] = [];
  const ipc: IpcRendererPort = {
    invoke: async (...args) => {
      invoked.push(args);
      return { ok: true, value: 'answer' };
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, message: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'the IPC event object' }, message);
  };
  return { ipc, invoked, emit, listeners };
}

describe('the preload’s station API', () => {
  it('sends every call over the one invoke channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = createPreloadStationApi(ipc);
    expect(await api.call('residents.search', { query: 'an' })).toEqual({ ok: true, value: 'answer' });
    expect(invoked).toEqual([[STATION_IPC.call, 'residents.search', { query: 'an' }]]);
    expect(Object.keys(api).sort()).toEqual(['call', 'onConnection', 'pickFolder', 'subscribe']);
  });

  it('asks the main process for a folder over its own channel, answering only a path or null', async () => {
    const { ipc, invoked } = fakeIpc();
    // The fake main process answers an object: anything but a path is no folder.
    expect(await createPreloadStationApi(ipc).pickFolder?.('Chọn thư mục')).toBeNull();
    expect(invoked).toEqual([[STATION_IPC.pickFolder, 'Chọn thư mục']]);
    const chosen = createPreloadStationApi({ ...ipc, invoke: async () => '/media/usb/SaoLuu' });
    expect(await chosen.pickFolder?.('Chọn thư mục')).toBe('/media/usb/SaoLuu');
  });

  it('delivers only the subscribed event’s payload, never the IPC event, until unsubscribed', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const api = createPreloadStationApi(ipc);
    const received: unknown[] = [];
    const stop = api.subscribe('sync.status', (payload) => received.push(payload));
    emit(STATION_IPC.event, { event: 'session.changed', payload: 'other' });
    emit(STATION_IPC.event, { event: 'sync.status', payload: { state: 'idle' } });
    stop();
    emit(STATION_IPC.event, { event: 'sync.status', payload: 'after' });
    expect(received).toEqual([{ state: 'idle' }]);
    expect(listeners.get(STATION_IPC.event)?.size).toBe(0);
  });
});
