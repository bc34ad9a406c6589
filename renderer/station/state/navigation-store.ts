import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorklistKind } from '#shared/station-api/station-api.ts';
import type { PartAEdit } from '../record/part-a-sections.ts';

/** The tabs of a resident's record: QĐ 831 parts A–D. */
export const recordTabs = ['administrative', 'history', 'immunizations', 'timeline'] as const;
export type RecordTab = (typeof recordTabs)[number];

/**
 * The screens of the station app. Navigation is in memory, not in the URL: the URL fragment carries the launch
 * secret, and nothing about a resident belongs in an address bar or browser history.
 */
export type Route =
  | { readonly name: 'home' }
  /** Search, with the query and scroll position to show again when coming back from a record. */
  | { readonly name: 'residents'; readonly query?: string; readonly scrollTop?: number }
  | { readonly name: 'register' }
  /** `edit` opens one part A editor at once (a worklist row opening the record at its missing field). */
  | {
      readonly name: 'resident';
      readonly id: string;
      readonly tab?: RecordTab;
      readonly edit?: PartAEdit;
      /** The search results the record was opened from, to go back to. */
      readonly back?: Extract<Route, { name: 'residents' }>;
    }
  /** A new exam of `personId` (no `examId`), or an existing one: a draft to edit, a signed one to read. */
  | { readonly name: 'exam'; readonly personId: string; readonly examId?: string }
  | { readonly name: 'worklist'; readonly kind: WorklistKind }
  | { readonly name: 'sync' }
  | { readonly name: 'settings' };

export type NavigationState = {
  readonly route: Route;
  /** Counts every `go`, so choosing the screen one is on opens it afresh (a new registration, an empty search). */
  readonly visit: number;
  /**
   * Goes to `route`; when the screen on show has work not yet saved (its leave guard says so), the route waits in
   * `pending` for the person to confirm leaving or to stay.
   */
  readonly go: (route: Route) => void;
  /** Where the person asked to go while the screen had unsaved work; null otherwise. */
  readonly pending: Route | null;
  /** The screen on show registers whether it has unsaved work (null when it leaves). */
  readonly setLeaveGuard: (hasUnsavedWork: (() => boolean) | null) => void;
  /** Leaves for the pending route, dropping the unsaved work. */
  readonly confirmLeave: () => void;
  /** Stays on the screen; the pending route is forgotten. */
  readonly stay: () => void;
};
export type NavigationStore = StoreApi<NavigationState>;

export function createNavigationStore(initial: Route = { name: 'home' }): NavigationStore {
  let hasUnsavedWork: (() => boolean) | null = null;
  return createStore<NavigationState>()((set, get) => ({
    route: initial,
    visit: 0,
    pending: null,
    go(route) {
      if (hasUnsavedWork?.() === true) {
        set({ pending: route });
        return;
      }
      hasUnsavedWork = null;
      set((state) => ({ route, visit: state.visit + 1, pending: null }));
    },
    setLeaveGuard(guard) {
      hasUnsavedWork = guard;
    },
    confirmLeave() {
      const route = get().pending;
      if (route === null) return;
      hasUnsavedWork = null;
      set((state) => ({ route, visit: state.visit + 1, pending: null }));
    },
    stay() {
      set({ pending: null });
    },
  }));
}
