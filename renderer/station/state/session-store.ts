import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionView, StationApi, StationIssue } from '#shared/station-api/station-api.ts';

export type SessionState = {
  /** Who is signed in, as the core last said; null until the core has answered once. */
  readonly view: SessionView | null;
  /** Asks the core again (on start and after the link to the core comes back). */
  readonly refresh: () => Promise<void>;
  /** Signs in; answers the core's issues (empty on success). */
  readonly login: (userName: string, password: string) => Promise<readonly StationIssue[]>;
  readonly changePassword: (currentPassword: string, newPassword: string) => Promise<readonly StationIssue[]>;
  readonly logout: () => Promise<void>;
};
export type SessionStore = StoreApi<SessionState>;

/** True when the signed-in person may work (not waiting for a forced password change). */
export const isWorking = (view: SessionView | null): boolean =>
  view?.signedIn === true && view.mustChangePassword !== true;

/**
 * The session as the station core keeps it (the app holds no credentials): filled from command answers and from
 * the core's `session.changed` events. Lives as long as `api`.
 */
export function createSessionStore(api: StationApi): SessionStore {
  const store = createStore<SessionState>()((set) => ({
    view: null,
    async refresh() {
      const answer = await api.call('session.status', {});
      if (answer.ok) set({ view: answer.value });
    },
    async login(userName, password) {
      const answer = await api.call('session.login', { userName, password });
      if (!answer.ok) return answer.errors;
      set({ view: answer.value });
      return [];
    },
    async changePassword(currentPassword, newPassword) {
      const answer = await api.call('session.changePassword', { currentPassword, newPassword });
      if (!answer.ok) return answer.errors;
      set({ view: answer.value });
      return [];
    },
    async logout() {
      const answer = await api.call('session.logout', {});
      if (answer.ok) set({ view: answer.value });
    },
  }));
  api.subscribe('session.changed', (view) => {
    store.setState({ view });
  });
  return store;
}
