import { createContext, useContext } from 'react';
import type { AdminApi } from '../api/admin-api.ts';
import type { OrgScope } from '../org/org-scope.ts';
import type { NavigationStore } from './navigation-store.ts';
import type { SessionStore } from './session-store.ts';

/** What every console screen may use, composed once in `main.tsx`. */
export type Console = {
  readonly api: AdminApi;
  readonly session: SessionStore;
  readonly navigation: NavigationStore;
  readonly orgs: OrgScope;
  /** The console's clock ("updated at", ages, the history window); tests and demos may pass another. */
  readonly clock: { now(): Date };
  /** How often the monitoring screen asks again, in ms (30 s). */
  readonly pollMs: number;
};

export const ConsoleContext = createContext<Console | null>(null);

export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (value === null) throw new Error('useConsole outside <ConsoleContext.Provider>');
  return value;
}
