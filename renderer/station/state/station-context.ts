import { createContext, useContext } from 'react';
import type { StationApi } from '#shared/station-api/station-api.ts';
import type { ConnectionStore } from './connection-store.ts';
import type { NavigationStore } from './navigation-store.ts';
import type { SessionStore } from './session-store.ts';
import type { SyncStore } from './sync-store.ts';

/** What every screen may use: the station API and the app's stores, composed once in `main.tsx`. */
export type Station = {
  readonly api: StationApi;
  readonly session: SessionStore;
  readonly sync: SyncStore;
  readonly connection: ConnectionStore;
  readonly navigation: NavigationStore;
  /** The station's clock (today's worklists, "registered at"); tests and demos may pass another. */
  readonly clock: { now(): Date };
  /** The desktop app's folder picker; absent in a browser, where a folder is typed. */
  readonly pickFolder?: ((title: string) => Promise<string | null>) | undefined;
};

export const StationContext = createContext<Station | null>(null);

export function useStation(): Station {
  const station = useContext(StationContext);
  if (station === null) throw new Error('useStation outside <StationContext.Provider>');
  return station;
}
