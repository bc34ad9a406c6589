// First: configures zod before any shared schema is built (see the module).
import '../common/csp/zod-jitless.ts';
import 'antd/dist/reset.css';
import './station.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../common/i18n/create-i18n.ts';
import type { StationBridge } from '#shared/station-api/station-api.ts';
import { createBridgeStationApi } from './api/bridge-station-api.ts';
import type { ConnectedStationApi } from './api/connected-station-api.ts';
import { createLoopbackStationApi } from './api/loopback-station-api.ts';
import { App } from './app/App.tsx';
import { StationContext, type Station } from './state/station-context.ts';
import { createConnectionStore } from './state/connection-store.ts';
import { createNavigationStore } from './state/navigation-store.ts';
import { createSessionStore, isWorking } from './state/session-store.ts';
import { createSyncStore } from './state/sync-store.ts';

declare global {
  interface Window {
    /** Set by the desktop app's preload only (`electron/main/preload/`). */
    readonly hsskStation?: StationBridge;
  }
}

/**
 * The station app's composition root. In the desktop app the preload's `window.hsskStation` carries the station API
 * over IPC. In a browser opened on the station core's loopback address (browser mode) the launch secret comes in the
 * URL fragment (never sent to any server) and the API over the loopback WebSocket of the same origin.
 */
const api: ConnectedStationApi =
  window.hsskStation === undefined
    ? createLoopbackStationApi({
        url: `ws://${window.location.host}/api`,
        secret: new URLSearchParams(window.location.hash.slice(1)).get('secret') ?? '',
      })
    : createBridgeStationApi(window.hsskStation);
const station: Station = {
  api,
  session: createSessionStore(api),
  sync: createSyncStore(api),
  connection: createConnectionStore(api),
  navigation: createNavigationStore(),
  clock: { now: () => new Date() },
  pickFolder: window.hsskStation?.pickFolder?.bind(window.hsskStation),
};

// Ask the core who is signed in whenever the link (re)opens; fetch the sync state once someone may work.
api.onConnection((state) => {
  if (state.kind === 'ready') void station.session.getState().refresh();
});
station.session.subscribe((state, previous) => {
  if (isWorking(state.view) && !isWorking(previous.view)) void station.sync.getState().refresh();
  if (state.view?.signedIn !== true) {
    station.sync.getState().clear();
    station.navigation.getState().go({ name: 'home' });
  }
});

const i18n = await createI18n('vi');
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StationContext.Provider value={station}>
        <App />
      </StationContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);
