import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StationApi, SyncStatusView } from '#shared/station-api/station-api.ts';

export type SyncState = {
  /** The core's sync status; null while nobody is signed in (the core then answers nothing about sync). */
  readonly status: SyncStatusView | null;
  /** True while a "sync now" asked from this app runs. */
  readonly syncingNow: boolean;
  readonly refresh: () => Promise<void>;
  readonly syncNow: () => Promise<void>;
  readonly clear: () => void;
};
export type SyncStore = StoreApi<SyncState>;

/** The sync status, from the core's `sync.status` events and answers; lives as long as `api`. */
export function createSyncStore(api: StationApi): SyncStore {
  const store = createStore<SyncState>()((set) => ({
    status: null,
    syncingNow: false,
    async refresh() {
      const answer = await api.call('sync.status', {});
      if (answer.ok) set({ status: answer.value });
    },
    async syncNow() {
      set({ syncingNow: true });
      const answer = await api.call('sync.now', {});
      set(answer.ok ? { status: answer.value, syncingNow: false } : { syncingNow: false });
    },
    clear() {
      set({ status: null });
    },
  }));
  api.subscribe('sync.status', (status) => {
    store.setState({ status });
  });
  return store;
}
