import { hash, verify } from '@node-rs/argon2';
import { defineIssues, type Issue } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import type { SessionView } from '#shared/station-api/station-api.ts';
import { apiProblemOf } from '#shared/errors/api-problem.ts';
import type { AccountView } from '#shared/server-api/accounts.ts';
import { loginAnswer } from '#shared/server-api/auth.ts';
import type { StaffAccessState } from '#shared/schemas/staff-access-document.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import { revokedAccessOf } from '../sync/staff-access-replica.ts';

/** argon2id (`Algorithm.Argon2id` of @node-rs/argon2, an ambient const enum unusable under isolatedModules). */
const ARGON2ID = 2;
export const MAX_OFFLINE_FAILURES = 5;
export const OFFLINE_LOCK_MS = 15 * 60 * 1000;

const issue = defineIssues({
  'station-login-wrong-unit':
    'Tài khoản này không thuộc trạm y tế của máy này. Đăng nhập bằng tài khoản của trạm, hoặc báo quản trị viên.',
  'station-login-offline-unknown':
    'Máy chủ không kết nối được và tài khoản này chưa từng đăng nhập trên máy này. Đăng nhập lần đầu khi có mạng.',
  'station-login-offline-wrong-password':
    'Sai mật khẩu. Còn {left} lần thử trước khi tài khoản bị khóa trên máy này.',
  'station-login-offline-locked':
    'Tài khoản bị khóa trên máy này do nhập sai mật khẩu nhiều lần. Thử lại sau {minutes} phút hoặc đăng nhập khi có mạng.',
  'station-login-offline-revoked':
    'Tài khoản này đã bị {what} trên máy chủ nên không còn đăng nhập được khi mất mạng. Đăng nhập lại khi có mạng, hoặc liên hệ quản trị viên của đơn vị.',
  'station-login-server-answer': 'Máy chủ trả lời không đúng định dạng khi đăng nhập. Báo bộ phận CNTT.',
  'station-not-signed-in': 'Phiên làm việc đã hết. Đăng nhập lại để tiếp tục.',
  'station-password-change-required': 'Cần đổi mật khẩu trước khi làm việc. Đặt mật khẩu mới theo quy định.',
  'station-password-change-offline': 'Đổi mật khẩu cần kết nối máy chủ. Kết nối mạng rồi thử lại.',
  'station-account-safety-offline':
    'Chưa gửi được vì máy đang làm việc không có mạng. Gọi ngay quản trị viên của trung tâm y tế để khóa tài khoản, hoặc đăng nhập lại khi có mạng rồi thử lại.',
});
export type StationSessionIssueCode = Parameters<typeof issue>[0];

/** Server answers at sign-in that say the account itself may not sign in any more. */
const refusedAccountCodes: ReadonlySet<string> = new Set([
  'account-locked',
  'account-closed',
  'account-inactivity-locked',
]);

const revokedWording: Readonly<Record<Exclude<StaffAccessState, 'active'>, string>> = {
  locked: 'khóa',
  closed: 'đóng',
  'password-reset': 'quản trị viên đặt lại mật khẩu',
};

/** The signed-in person as the station keeps them (online from the server's login answer, offline from the cache). */
type Account = Pick<AccountView, 'id' | 'userName' | 'displayName' | 'orgUnitId'> & { readonly role: string };

type SignedIn = {
  readonly account: Account;
  readonly mode: 'online' | 'offline';
  /** The server session; null for an offline session (sync then waits for an online login). */
  readonly token: string | null;
  readonly mustChangePassword: boolean;
};

/** Cached for offline login: an argon2id verifier of the password, never the password. Local, never replicated. */
type CachedStaff = {
  readonly account: Account;
  readonly verifier: string;
  readonly failures: number;
  readonly lockedUntil: number | null;
};

export type StationSession = {
  view(): SessionView;
  login(userName: string, password: string): Promise<Result<SessionView>>;
  changePassword(currentPassword: string, newPassword: string): Promise<Result<SessionView>>;
  logout(): Promise<SessionView>;
  /**
   * Art. 23, for the signed-in person: locks their own account on the server (every session ends, only an admin
   * unlocks it) or reports misuse to the admins (optionally locking too). A lock also forgets them on this station
   * and signs them out. Needs the server: signed in offline, nothing is sent and they are told to call an admin.
   */
  lockOwnAccount(): Promise<Result<SessionView>>;
  reportMisuse(description: string, lockAccount: boolean): Promise<Result<SessionView>>;
  /** The signed-in account when it may work (signed in, password changed), else why not. */
  requireWorking(): Result<Account, StationSessionIssueCode>;
  /** Whether `userName` is staff who signed in on this station before (their offline verifier is cached). */
  knows(userName: string): Promise<boolean>;
  /**
   * The server no longer lets `userName` in (locked, closed, password reset): forgets their offline verifier, has
   * their staff key slot removed (`onStaffRevoked`) and, if they are signed in, signs them out.
   */
  revoke(userName: string): Promise<void>;
  onChange(listener: (view: SessionView) => void): () => void;
};

/**
 * Sign-in on the station. Online first: `POST /auth/login` on the sync server, which enforces the
 * password policy, lockout and forced changes; a successful online login of staff of THIS station caches an argon2id
 * verifier locally, so the same person can sign in on this station while the internet is down. Offline: the cached
 * verifier, with its own lock after `MAX_OFFLINE_FAILURES` failures for `OFFLINE_LOCK_MS`. A refusal by the server
 * (wrong password, locked) never falls back to offline; only an unreachable server does. When the server refuses a
 * person's account (locked, closed, locked for inactivity) or answers that their password was reset, their offline
 * verifier and staff key slot go at once; the replicated revocation list (`staff-access`) does the same for people
 * who never try online again, and offline sign-in refuses anyone it lists as not active.
 */
export function createStationSession(deps: {
  db: StationDatabase;
  serverUrl: string;
  stationUnitId: string;
  clock: { now(): Date };
  fetch?: typeof fetch;
  /** argon2id cost of the local verifier (default 19 MiB, 2 passes). */
  verifierCost?: { memoryCost: number; timeCost: number };
  /**
   * Told whenever the SERVER has just confirmed a staff member of this station and their current password (online
   * login without a pending change, password change), right after the offline verifier is cached: the station's
   * staff key slots follow it when the machine slot is weak.
   */
  onPasswordConfirmed?: (userName: string, password: string) => Promise<void>;
  /** Told when the server no longer lets a person in: removes their staff key slot, if they have one. */
  onStaffRevoked?: (userName: string) => Promise<void>;
  /**
   * Signs a sign-in request with the station device's key, so the server counts failed sign-ins against this device
   * rather than the address it comes from.
   */
  signRequest?: (method: 'POST', path: string, body: string) => Record<string, string>;
}): StationSession {
  const doFetch = deps.fetch ?? fetch;
  const base = deps.serverUrl.replace(/\/+$/, '');
  const cost = deps.verifierCost ?? { memoryCost: 19_456, timeCost: 2 };
  const listeners = new Set<(view: SessionView) => void>();
  let current: SignedIn | null = null;

  const cacheKey = (userName: string) => `staff:${userName.normalize('NFC').toLowerCase()}`;
  const view = (): SessionView =>
    current === null
      ? { signedIn: false }
      : {
          signedIn: true,
          userName: current.account.userName,
          displayName: current.account.displayName,
          role: current.account.role,
          orgUnitId: current.account.orgUnitId,
          mustChangePassword: current.mustChangePassword,
          mode: current.mode,
        };
  const changed = () => {
    const snapshot = view();
    for (const listener of listeners) listener(snapshot);
    return snapshot;
  };

  async function cached(userName: string): Promise<CachedStaff | null> {
    const doc = await deps.db.getLocal<CachedStaff>(cacheKey(userName));
    return doc === null ? null : doc.toJSON().data;
  }

  async function postJson(path: string, body: unknown, token?: string): Promise<Response | 'offline'> {
    const text = JSON.stringify(body);
    try {
      return await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...(deps.signRequest?.('POST', path, text) ?? {}),
        },
        body: text,
      });
    } catch {
      return 'offline';
    }
  }

  async function problemOf(response: Response): Promise<Issue> {
    return apiProblemOf(await response.json().catch(() => undefined)) ?? issue('station-login-server-answer');
  }

  async function loginOffline(userName: string, password: string): Promise<Result<SessionView>> {
    const revoked = await revokedAccessOf(deps.db, userName);
    if (revoked !== null) {
      await forget(userName);
      return fail(issue('station-login-offline-revoked', { what: revokedWording[revoked] }));
    }
    const staff = await cached(userName);
    if (staff === null) return fail(issue('station-login-offline-unknown'));
    const now = deps.clock.now().getTime();
    if (staff.lockedUntil !== null && staff.lockedUntil > now) {
      return fail(
        issue('station-login-offline-locked', { minutes: Math.ceil((staff.lockedUntil - now) / 60_000) }),
      );
    }
    if (!(await verify(staff.verifier, password.normalize('NFC')))) {
      const failures = staff.failures + 1;
      const locked = failures >= MAX_OFFLINE_FAILURES;
      await deps.db.upsertLocal<CachedStaff>(cacheKey(userName), {
        ...staff,
        failures: locked ? 0 : failures,
        lockedUntil: locked ? now + OFFLINE_LOCK_MS : null,
      });
      return fail(
        locked
          ? issue('station-login-offline-locked', { minutes: Math.ceil(OFFLINE_LOCK_MS / 60_000) })
          : issue('station-login-offline-wrong-password', { left: MAX_OFFLINE_FAILURES - failures }),
      );
    }
    await deps.db.upsertLocal<CachedStaff>(cacheKey(userName), { ...staff, failures: 0, lockedUntil: null });
    current = { account: staff.account, mode: 'offline', token: null, mustChangePassword: false };
    return ok(changed());
  }

  return {
    view,
    async login(userName, password) {
      const response = await postJson('/auth/login', { userName, password });
      if (response === 'offline') return loginOffline(userName, password);
      if (!response.ok) {
        const problem = await problemOf(response);
        if (refusedAccountCodes.has(problem.code)) await forget(userName);
        return fail(problem);
      }
      const answer = loginAnswer.safeParse(await response.json().catch(() => undefined));
      if (!answer.success) return fail(issue('station-login-server-answer'));
      const { account, token, mustChangePassword } = answer.data;
      if (account.orgUnitId !== deps.stationUnitId || account.role !== 'station-staff') {
        await postJson('/auth/logout', {}, token);
        return fail(issue('station-login-wrong-unit'));
      }
      // A password that must still be changed is not worth caching: it will not work offline tomorrow either. And the
      // one cached before it was reset must stop working here now.
      if (mustChangePassword) await forget(account.userName);
      else {
        await cacheVerifier(account, password);
        await deps.onPasswordConfirmed?.(account.userName, password);
      }
      current = { account, mode: 'online', token, mustChangePassword };
      return ok(changed());
    },
    async changePassword(currentPassword, newPassword) {
      if (current === null) return fail(issue('station-not-signed-in'));
      if (current.token === null) return fail(issue('station-password-change-offline'));
      const response = await postJson(
        '/auth/change-password',
        { currentPassword, newPassword },
        current.token,
      );
      if (response === 'offline') return fail(issue('station-password-change-offline'));
      if (!response.ok) return fail(await problemOf(response));
      await cacheVerifier(current.account, newPassword);
      await deps.onPasswordConfirmed?.(current.account.userName, newPassword);
      current = { ...current, mustChangePassword: false };
      return ok(changed());
    },
    lockOwnAccount: () => accountSafety('/auth/request-lock', {}, true),
    reportMisuse: (description, lockAccount) =>
      accountSafety('/auth/report-misuse', { description, lockAccount }, lockAccount),
    async logout() {
      if (current?.token != null) await postJson('/auth/logout', {}, current.token);
      current = null;
      return changed();
    },
    knows: async (userName) => (await cached(userName)) !== null,
    async revoke(userName) {
      await forget(userName);
      if (current !== null && cacheKey(current.account.userName) === cacheKey(userName)) {
        current = null;
        changed();
      }
    },
    requireWorking() {
      if (current === null) return fail(issue('station-not-signed-in'));
      if (current.mustChangePassword) return fail(issue('station-password-change-required'));
      return ok(current.account);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  /** Sends an Art. 23 request of the signed-in person; once their account is locked, forgets them here too. */
  async function accountSafety(path: string, body: unknown, locks: boolean): Promise<Result<SessionView>> {
    if (current === null) return fail(issue('station-not-signed-in'));
    if (current.token === null) return fail(issue('station-account-safety-offline'));
    const response = await postJson(path, body, current.token);
    if (response === 'offline') return fail(issue('station-account-safety-offline'));
    if (!response.ok) return fail(await problemOf(response));
    if (locks) {
      await forget(current.account.userName);
      current = null;
    }
    return ok(changed());
  }

  /** Removes the offline verifier and the staff key slot of `userName` (nothing when they have none). */
  async function forget(userName: string): Promise<void> {
    const doc = await deps.db.getLocal(cacheKey(userName));
    if (doc !== null) await doc.remove();
    await deps.onStaffRevoked?.(userName);
  }

  async function cacheVerifier(account: Account, password: string): Promise<void> {
    const params = { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost } as const;
    const verifier = await hash(password.normalize('NFC'), params);
    await deps.db.upsertLocal<CachedStaff>(cacheKey(account.userName), {
      account: {
        id: account.id,
        userName: account.userName,
        displayName: account.displayName,
        role: account.role,
        orgUnitId: account.orgUnitId,
      },
      verifier,
      failures: 0,
      lockedUntil: null,
    });
  }
}
