import type { StationBridge } from '#shared/station-api/station-api.ts';
import type { ConnectedStationApi, ConnectionState } from './connected-station-api.ts';

/**
 * The station API in the desktop app: the preload's `window.hsskStation` (IPC to the core in its utility process).
 * The link starts `connecting`; the main process says where it stands once the page has loaded and on every change
 * (a crashed core is `lost` while it restarts, `refused` when it keeps crashing). Calls go straight to the bridge,
 * which answers every one (the main process refuses them while the core is down).
 */
export function createBridgeStationApi(bridge: StationBridge): ConnectedStationApi {
  let state: ConnectionState = { kind: 'connecting' };
  const listeners = new Set<(state: ConnectionState) => void>();
  const stop = bridge.onConnection((next) => {
    state = next;
    for (const listener of listeners) listener(next);
  });
  return {
    call: (command, args) => bridge.call(command, args),
    subscribe: (event, listener) => bridge.subscribe(event, listener),
    connection: () => state,
    onConnection(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close: stop,
  };
}
