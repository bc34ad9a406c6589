import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * The screens of the station app. Navigation is in memory, not in the URL: the URL fragment carries the launch
 * secret, and nothing about a resident belongs in an address bar or browser history. Later screens (resident
 * record, exam form, worklist detail, sync panel, settings) add their routes here.
 */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'residents'; readonly query?: string }
  | { readonly name: 'register' };

export type NavigationState = {
  readonly route: Route;
  /** Counts every `go`, so choosing the screen one is on opens it afresh (a new registration, an empty search). */
  readonly visit: number;
  readonly go: (route: Route) => void;
};
export type NavigationStore = StoreApi<NavigationState>;

export function createNavigationStore(initial: Route = { name: 'home' }): NavigationStore {
  return createStore<NavigationState>()((set) => ({
    route: initial,
    visit: 0,
    go(route) {
      set((state) => ({ route, visit: state.visit + 1 }));
    },
  }));
}
