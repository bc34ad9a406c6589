import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AdminApi } from '../api/admin-api.ts';
import type { AdminProblem } from '../api/admin-http.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';

/** Where the session token is kept between reloads of the tab: sessionStorage in the browser, never localStorage. */
export type TokenStorage = {
  read(): string | null;
  write(token: string | null): void;
};

export type ConsoleSession =
  /** Asking the server whether the token kept in this tab (if any) still holds. */
  | { readonly phase: 'restoring'; readonly token?: string }
  | { readonly phase: 'signed-out'; readonly notice?: AdminProblem }
  /** Signed in with an issued password: only the password change is open (the server refuses the rest). */
  | { readonly phase: 'must-change-password'; readonly token: string; readonly account: AccountView }
  | { readonly phase: 'signed-in'; readonly token: string; readonly account: AccountView };

export type SessionState = {
  readonly session: ConsoleSession;
  /** On start: resumes the tab's session when the server still knows its token. */
  readonly restore: () => Promise<void>;
  /** Signs in; answers the server's problem, or undefined on success. */
  readonly login: (userName: string, password: string) => Promise<AdminProblem | undefined>;
  readonly changePassword: (
    currentPassword: string,
    newPassword: string,
  ) => Promise<AdminProblem | undefined>;
  readonly logout: () => Promise<void>;
  /** The server said the session is over (expired, signed out elsewhere, account locked). */
  readonly ended: (problem: AdminProblem) => void;
};
export type SessionStore = StoreApi<SessionState>;

export const tokenOf = (session: ConsoleSession): string | null =>
  session.phase === 'signed-out' ? null : (session.token ?? null);

/**
 * The admin's session: the bearer token lives in this store and the tab's sessionStorage (closing the tab forgets
 * it), the account as the server last described it. `api` is created with `token: () => tokenOf(...)` of this store.
 */
export function createSessionStore(deps: { api: () => AdminApi; storage: TokenStorage }): SessionStore {
  const signedIn = (token: string, account: AccountView): ConsoleSession =>
    account.mustChangePassword
      ? { phase: 'must-change-password', token, account }
      : { phase: 'signed-in', token, account };
  return createStore<SessionState>()((set, get) => ({
    session: { phase: 'restoring' },
    async restore() {
      const token = deps.storage.read();
      if (token === null) {
        set({ session: { phase: 'signed-out' } });
        return;
      }
      set({ session: { phase: 'restoring', token } });
      const answer = await deps.api().call('auth.session', {});
      if (answer.ok) set({ session: signedIn(token, answer.value.account) });
      else {
        deps.storage.write(null);
        set({ session: { phase: 'signed-out' } });
      }
    },
    async login(userName, password) {
      const answer = await deps.api().call('auth.login', { userName, password });
      if (!answer.ok) return answer.problem;
      deps.storage.write(answer.value.token);
      set({
        session: signedIn(answer.value.token, {
          ...answer.value.account,
          mustChangePassword: answer.value.mustChangePassword,
        }),
      });
      return undefined;
    },
    async changePassword(currentPassword, newPassword) {
      const current = get().session;
      if (current.phase !== 'must-change-password' && current.phase !== 'signed-in') return undefined;
      const answer = await deps.api().call('auth.changePassword', { currentPassword, newPassword });
      if (!answer.ok) return answer.problem;
      set({ session: signedIn(current.token, answer.value.account) });
      return undefined;
    },
    async logout() {
      if (tokenOf(get().session) !== null) await deps.api().call('auth.logout', {});
      deps.storage.write(null);
      set({ session: { phase: 'signed-out' } });
    },
    ended(problem) {
      deps.storage.write(null);
      set({ session: { phase: 'signed-out', notice: problem } });
    },
  }));
}

/** The browser's sessionStorage, under one key; storage that throws (privacy modes) keeps the token in memory. */
export function sessionTokenStorage(storage: Storage | undefined, key = 'hssk-console-token'): TokenStorage {
  let memory: string | null = null;
  return {
    read() {
      try {
        return storage?.getItem(key) ?? memory;
      } catch {
        return memory;
      }
    },
    write(token) {
      memory = token;
      try {
        if (token === null) storage?.removeItem(key);
        else storage?.setItem(key, token);
      } catch {
        // Kept in memory only.
      }
    },
  };
}
