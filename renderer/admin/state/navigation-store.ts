import { createStore, type StoreApi } from 'zustand/vanilla';
import { pathOfRoute, routeOfPath, type ConsoleRoute } from './console-route.ts';

export type NavigationState = {
  readonly route: ConsoleRoute;
  /** Opens a screen and records it in the browser's history (Back returns to the previous screen). */
  readonly go: (route: ConsoleRoute) => void;
};
export type NavigationStore = StoreApi<NavigationState>;

/** The browser's location and history, as far as navigation needs them. */
export type BrowserHistory = {
  readonly pathname: () => string;
  readonly push: (path: string) => void;
  readonly onPop: (listener: () => void) => void;
};

/** Which screen is open, kept in step with the address bar (the server answers every console path with the app). */
export function createNavigationStore(history: BrowserHistory): NavigationStore {
  const store = createStore<NavigationState>()((set) => ({
    route: routeOfPath(history.pathname()),
    go(route) {
      const path = pathOfRoute(route);
      if (path !== history.pathname()) history.push(path);
      set({ route });
    },
  }));
  history.onPop(() => {
    store.setState({ route: routeOfPath(history.pathname()) });
  });
  return store;
}
