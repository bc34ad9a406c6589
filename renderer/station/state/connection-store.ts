import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectedStationApi, ConnectionState } from '../api/connected-station-api.ts';

export type ConnectionStore = StoreApi<{ readonly connection: ConnectionState }>;

/** The link to the station core, as a store the header can watch. */
export function createConnectionStore(
  api: Pick<ConnectedStationApi, 'connection' | 'onConnection'>,
): ConnectionStore {
  const store = createStore<{ readonly connection: ConnectionState }>()(() => ({
    connection: api.connection(),
  }));
  api.onConnection((connection) => {
    store.setState({ connection });
  });
  return store;
}
