import { describe, expect, it } from 'vitest';
import type { AdminApi } from '../api/admin-api.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import { createSessionStore, sessionTokenStorage, tokenOf } from './session-store.ts';

const account = (patch: Partial<AccountView> = {}): AccountView => ({
  id: 'acc-1',
  userName: '01SYT_hapt',
  displayName: 'Phạm Thu Hà',
  role: 'city-admin',
  orgUnitId: 'so-y-te-ha-noi',
  status: 'active',
  statusReason: null,
  mustChangePassword: false,
  lockedUntil: null,
  lastLoginAt: null,
  passwordChangedAt: null,
  createdAt: '2026-03-01T00:00:00.000Z',
  ...patch,
});

/** A server that knows one token; `calls` records what the console asked. */
function fakeApi(valid: string) {
  const calls: string[] = [];
  const api: AdminApi = {
    call: (async (name: string, args: Record<string, string>) => {
      calls.push(name);
      switch (name) {
        case 'auth.login':
          return args['password'] === 'right'
            ? {
                ok: true,
                value: {
                  token: valid,
                  expiresAt: '',
                  mustChangePassword: true,
                  account: account({ mustChangePassword: true }),
                },
              }
            : { ok: false, problem: { status: 401, code: 'login-failed', message: 'Sai mật khẩu.' } };
        case 'auth.changePassword':
          return { ok: true, value: { account: account() } };
        case 'auth.session':
          return { ok: true, value: { account: account() } };
        default:
          return { ok: true, value: null };
      }
    }) as AdminApi['call'],
  };
  return { api, calls };
}

function memoryStorage(initial: string | null = null) {
  let value = initial;
  return { read: () => value, write: (token: string | null) => void (value = token) };
}

describe('the console session', () => {
  it('signs in with an issued password, forces the change, then works with the same token', async () => {
    const { api } = fakeApi('tok-1');
    const storage = memoryStorage();
    const store = createSessionStore({ api: () => api, storage });
    await store.getState().restore();
    expect(store.getState().session.phase).toBe('signed-out');
    expect(await store.getState().login('01SYT_hapt', 'wrong')).toMatchObject({ code: 'login-failed' });
    expect(await store.getState().login('01SYT_hapt', 'right')).toBeUndefined();
    expect(store.getState().session.phase).toBe('must-change-password');
    expect(storage.read()).toBe('tok-1');
    await store.getState().changePassword('right', 'Mới#2026abc');
    expect(store.getState().session).toMatchObject({ phase: 'signed-in', token: 'tok-1' });
  });

  it('resumes the tab’s session from its kept token, and forgets it when the session ends or on sign-out', async () => {
    const { api, calls } = fakeApi('tok-2');
    const storage = memoryStorage('tok-2');
    const store = createSessionStore({ api: () => api, storage });
    await store.getState().restore();
    expect(store.getState().session).toMatchObject({ phase: 'signed-in', token: 'tok-2' });
    store.getState().ended({ status: 401, code: 'session-expired', message: 'Hết hạn.' });
    expect(store.getState().session).toEqual({
      phase: 'signed-out',
      notice: { status: 401, code: 'session-expired', message: 'Hết hạn.' },
    });
    expect(storage.read()).toBeNull();
    expect(tokenOf(store.getState().session)).toBeNull();
    await store.getState().logout();
    expect(calls).not.toContain('auth.logout');
  });

  it('keeps the token in sessionStorage, or in memory when storage throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    const kept = sessionTokenStorage(throwing);
    kept.write('tok');
    expect(kept.read()).toBe('tok');
    expect(sessionTokenStorage(undefined).read()).toBeNull();
  });
});
