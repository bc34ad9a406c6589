import { describe, expect, it } from 'vitest';
import { createAdminApi } from './admin-api.ts';
import { createAdminHttp, queryString, type AdminProblem } from './admin-http.ts';

type Sent = { url: string; method: string; headers: Record<string, string>; body: string | undefined };

function fakeServer(answer: (sent: Sent) => Response) {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const request: Sent = {
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body as string | undefined,
    };
    sent.push(request);
    return answer(request);
  }) as unknown as typeof globalThis.fetch;
  return { sent, http: createAdminHttp({ fetch, baseUrl: 'http://server/' }) };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the console’s calls to the admin API', () => {
  it('sends the token, the query without blanks, and parses the answer', async () => {
    const server = fakeServer(() => json(200, { stations: [], extra: 'ignored' }));
    const api = createAdminApi({ http: server.http, token: () => 'tok', onSessionEnded: () => undefined });
    const answer = await api.call('stations.history', { orgUnitId: undefined, hours: 24 });
    expect(answer.ok).toBe(false); // `stations` is not the history's shape: the console says so instead of guessing
    await api.call('stations.deviceHistory', { deviceId: 'a/b', hours: 168 });
    expect(server.sent.map((s) => s.url)).toEqual([
      'http://server/admin/stations/history?hours=24',
      'http://server/admin/stations/a%2Fb/history?hours=168',
    ]);
    expect(server.sent[0]?.headers['authorization']).toBe('Bearer tok');
    expect(server.sent[0]?.body).toBeUndefined();
  });

  it('passes the server’s problem on, and reports a 401 as the end of the session (but not a failed login)', async () => {
    const ended: AdminProblem[] = [];
    const server = fakeServer((sent) =>
      sent.url.endsWith('/auth/login')
        ? json(401, { error: { code: 'login-failed', message: 'Sai tên đăng nhập hoặc mật khẩu.' } })
        : json(401, { error: { code: 'session-expired', message: 'Phiên đăng nhập đã hết hạn.' } }),
    );
    const api = createAdminApi({
      http: server.http,
      token: () => null,
      onSessionEnded: (p) => ended.push(p),
    });
    const login = await api.call('auth.login', { userName: 'a', password: 'b' });
    expect(login).toEqual({
      ok: false,
      problem: { status: 401, code: 'login-failed', message: 'Sai tên đăng nhập hoặc mật khẩu.' },
    });
    expect(JSON.parse(server.sent[0]?.body ?? '')).toEqual({ userName: 'a', password: 'b' });
    expect(ended).toEqual([]);
    await api.call('devices.list', {});
    expect(ended.map((p) => p.code)).toEqual(['session-expired']);
  });

  it('says the server is unreachable when the request fails, and accepts an empty 204', async () => {
    const down = createAdminHttp({
      fetch: () => Promise.reject(new TypeError('network')),
      baseUrl: '',
    });
    const api = createAdminApi({ http: down, token: () => null, onSessionEnded: () => undefined });
    const answer = await api.call('audit.verification', {});
    expect(answer.ok ? undefined : answer.problem.code).toBe('server-unreachable');
    const server = fakeServer(() => new Response(null, { status: 204 }));
    const out = createAdminApi({ http: server.http, token: () => 't', onSessionEnded: () => undefined });
    expect((await out.call('auth.logout', {})).ok).toBe(true);
    expect(server.sent[0]?.method).toBe('POST');
  });

  it('writes only the defined query values', () => {
    expect(queryString({ a: undefined, b: 2, c: 'x y' })).toBe('?b=2&c=x+y');
    expect(queryString({ a: undefined })).toBe('');
  });
});
