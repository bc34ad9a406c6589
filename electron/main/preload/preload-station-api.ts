import type {
  StationAnswer,
  StationBridge,
  StationCommand,
  StationCommandInput,
  StationEvents,
} from '#shared/station-api/station-api.ts';
import { stationConnection, stationEvent } from '#shared/station-api/station-messages.ts';
import { STATION_IPC } from '../ipc/station-ipc-channels.ts';

/** What the preload needs of `ipcRenderer`. */
export type IpcRendererPort = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
};

/** What the page gets as `window.hsskStation` (the shared `StationBridge` the app composes itself with). */
export type PreloadStationApi = StationBridge;

/**
 * The station API as the preload exposes it (Electron security checklist §20): one `call` over one invoke channel
 * and event subscriptions over one event channel. The page never gets `ipcRenderer` or an IPC event object, only
 * payloads; each subscription returns its own unsubscribe.
 */
export function createPreloadStationApi(ipc: IpcRendererPort): PreloadStationApi {
  const listen = (channel: string, deliver: (message: unknown) => void) => {
    const listener = (_event: unknown, message: unknown) => {
      deliver(message);
    };
    ipc.on(channel, listener);
    return () => {
      ipc.removeListener(channel, listener);
    };
  };
  return {
    call: <C extends StationCommand>(command: C, args: StationCommandInput<C>) =>
      // The main process answers with the core's `StationAnswer<C>` (or a refusal of the same shape).
      ipc.invoke(STATION_IPC.call, command, args) as Promise<StationAnswer<C>>,
    subscribe: <E extends keyof StationEvents>(event: E, listener: (payload: StationEvents[E]) => void) =>
      listen(STATION_IPC.event, (message) => {
        const parsed = stationEvent.safeParse(message);
        // The payload is the core's, relayed by the main process, which checked the core's message on arrival.
        if (parsed.success && parsed.data.event === event) listener(parsed.data.payload as StationEvents[E]);
      }),
    pickFolder: async (title) => {
      const chosen = await ipc.invoke(STATION_IPC.pickFolder, title);
      return typeof chosen === 'string' ? chosen : null;
    },
    onConnection: (listener) =>
      listen(STATION_IPC.connection, (message) => {
        const parsed = stationConnection.safeParse(message);
        if (parsed.success) listener(parsed.data);
      }),
  };
}
