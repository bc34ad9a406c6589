// First: configures zod before any shared schema is built (see the module).
import '../common/csp/zod-jitless.ts';
import 'antd/dist/reset.css';
import './admin.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { createI18n } from '../common/i18n/create-i18n.ts';
import { createAdminApi, type AdminApi } from './api/admin-api.ts';
import { createAdminHttp } from './api/admin-http.ts';
import { App } from './app/App.tsx';
import { ConsoleContext, type Console } from './state/console-context.ts';
import { createOrgScope } from './org/org-scope.ts';
import { createNavigationStore } from './state/navigation-store.ts';
import { createSessionStore, sessionTokenStorage, tokenOf } from './state/session-store.ts';

/**
 * The admin console's composition root. It is served by the sync server under `/console/` and talks to that same
 * server (same origin, `connect-src 'self'`) with the admin's bearer token, kept in this tab's sessionStorage only.
 */
const session = createSessionStore({
  api: () => api,
  storage: sessionTokenStorage(window.sessionStorage),
});
const api: AdminApi = createAdminApi({
  http: createAdminHttp({ fetch: window.fetch.bind(window), baseUrl: window.location.origin }),
  token: () => tokenOf(session.getState().session),
  onSessionEnded: (problem) => {
    session.getState().ended(problem);
  },
});
const navigation = createNavigationStore({
  pathname: () => window.location.pathname,
  push: (path) => {
    window.history.pushState(null, '', path);
  },
  onPop: (listener) => {
    window.addEventListener('popstate', listener);
  },
});
const context: Console = {
  api,
  session,
  navigation,
  orgs: createOrgScope(hanoiOrgUnits()),
  clock: { now: () => new Date() },
  pollMs: 30_000,
};

// Signing out (not a session that ended on its own) starts the next sign-in on the first screen.
session.subscribe((state, previous) => {
  if (
    state.session.phase === 'signed-out' &&
    state.session.notice === undefined &&
    previous.session.phase !== 'signed-out' &&
    previous.session.phase !== 'restoring'
  )
    navigation.getState().go({ name: 'monitoring' });
});
void session.getState().restore();
const i18n = await createI18n('vi');
const root = document.getElementById('root');
if (root === null) throw new Error('console.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ConsoleContext.Provider value={context}>
        <App />
      </ConsoleContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);
