import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  bearer,
  countRows,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from './accounts-app.test-support.ts';

type Case = {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly admin?: boolean;
  readonly status: number;
  readonly code: string;
};

const SQL = "Robert'); DROP TABLE accounts;--";
const SCRIPT = '<script>alert(1)</script>';

describe.each(testBackends)('bad input to the account routes on $name', (backend) => {
  let t: AccountsTestApp;
  let station: string;
  beforeAll(async () => {
    t = await startAccountsApp(backend);
    station = await t.stationOf(units.centre1);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const json = (value: unknown) => JSON.stringify(value);
  const cases = (): Case[] => [
    {
      name: 'malformed login JSON',
      method: 'POST',
      url: '/auth/login',
      body: '{"userName": "a",',
      status: 400,
      code: 'json-malformed',
    },
    {
      name: 'empty login body',
      method: 'POST',
      url: '/auth/login',
      body: '',
      status: 400,
      code: 'json-malformed',
    },
    {
      name: 'login with wrong types',
      method: 'POST',
      url: '/auth/login',
      body: json({ userName: 1, password: true }),
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'login with an unknown field',
      method: 'POST',
      url: '/auth/login',
      body: json({ userName: 'a', password: 'b', role: 'city-admin' }),
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'login with a huge password',
      method: 'POST',
      url: '/auth/login',
      body: json({ userName: 'a', password: 'x'.repeat(300) }),
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'login as plain text',
      method: 'POST',
      url: '/auth/login',
      body: 'userName=a',
      contentType: 'text/plain',
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'login as XML',
      method: 'POST',
      url: '/auth/login',
      body: '<a/>',
      contentType: 'application/xml',
      status: 415,
      code: 'media-type-unsupported',
    },
    {
      name: 'an oversized body',
      method: 'POST',
      url: '/auth/login',
      body: json({ userName: 'a', password: 'x'.repeat(70 * 1024) }),
      status: 413,
      code: 'body-too-large',
    },
    {
      name: 'malformed account JSON',
      method: 'POST',
      url: '/admin/accounts',
      admin: true,
      body: '{"fullName": ',
      status: 400,
      code: 'json-malformed',
    },
    {
      name: 'an unknown role',
      method: 'POST',
      url: '/admin/accounts',
      admin: true,
      body: json({ fullName: 'Lê Văn Tám', role: 'superuser', orgUnitId: station }),
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'a numeric org unit',
      method: 'POST',
      url: '/admin/accounts',
      admin: true,
      body: json({ fullName: 'Lê Văn Tám', role: 'station-staff', orgUnitId: 5 }),
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'a smuggled password hash',
      method: 'POST',
      url: '/admin/accounts',
      admin: true,
      body: json({ fullName: 'Lê Văn Tám', role: 'station-staff', orgUnitId: station, passwordHash: 'x' }),
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'a SQL-looking full name',
      method: 'POST',
      url: '/admin/accounts',
      admin: true,
      body: json({ fullName: SQL, role: 'station-staff', orgUnitId: station }),
      status: 422,
      code: 'full-name-invalid',
    },
    {
      name: 'a script-looking full name',
      method: 'POST',
      url: '/admin/accounts',
      admin: true,
      body: json({ fullName: SCRIPT, role: 'station-staff', orgUnitId: station }),
      status: 422,
      code: 'full-name-invalid',
    },
    {
      name: 'a full name of digits',
      method: 'POST',
      url: '/admin/accounts',
      admin: true,
      body: json({ fullName: '12345', role: 'station-staff', orgUnitId: station }),
      status: 422,
      code: 'full-name-invalid',
    },
    {
      name: 'a blank full name',
      method: 'POST',
      url: '/admin/accounts',
      admin: true,
      body: json({ fullName: ' \u200b ', role: 'station-staff', orgUnitId: station }),
      status: 422,
      code: 'full-name-invalid',
    },
    {
      name: 'a SQL-looking org unit',
      method: 'POST',
      url: '/admin/accounts',
      admin: true,
      body: json({ fullName: 'Lê Văn Tám', role: 'station-staff', orgUnitId: "x' or '1'='1" }),
      status: 403,
      code: 'org-unit-out-of-scope',
    },
    {
      name: 'an unknown status filter',
      method: 'GET',
      url: '/admin/accounts?status=deleted',
      admin: true,
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'a non-numeric limit',
      method: 'GET',
      url: '/admin/accounts?limit=abc',
      admin: true,
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'a limit past the maximum',
      method: 'GET',
      url: '/admin/accounts?limit=100000',
      admin: true,
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'an unknown query parameter',
      method: 'GET',
      url: '/admin/accounts?where=1%3D1',
      admin: true,
      status: 400,
      code: 'request-invalid',
    },
    {
      name: 'a SQL-looking account id',
      method: 'POST',
      url: `/admin/accounts/${encodeURIComponent("'; drop table accounts; --")}/lock`,
      admin: true,
      status: 404,
      code: 'account-not-found',
    },
    {
      name: 'a script-looking account id',
      method: 'POST',
      url: `/admin/accounts/${encodeURIComponent(SCRIPT)}/close`,
      admin: true,
      status: 404,
      code: 'account-not-found',
    },
    {
      name: 'change-password with wrong types',
      method: 'POST',
      url: '/auth/change-password',
      admin: true,
      body: json({ currentPassword: ['a'], newPassword: null }),
      status: 400,
      code: 'request-invalid',
    },
  ];

  it('answers every bad request with a stable 4xx code, writes nothing and never fails with a 5xx', async () => {
    const before = await Promise.all(
      (['accounts', 'audit_log', 'sessions'] as const).map((table) => countRows(t.database, table)),
    );
    for (const c of cases()) {
      const res = await t.app.inject({
        method: c.method,
        url: c.url,
        headers: {
          ...(c.admin === true ? bearer(t.cityAdmin.token) : {}),
          ...(c.body === undefined ? {} : { 'content-type': c.contentType ?? 'application/json' }),
        },
        ...(c.body === undefined ? {} : { payload: c.body }),
      });
      expect(res.statusCode, `${c.name}: ${res.body}`).toBe(c.status);
      expect(res.json(), c.name).toMatchObject({
        error: { code: c.code, message: expect.any(String) as unknown },
      });
    }
    const after = await Promise.all(
      (['accounts', 'audit_log', 'sessions'] as const).map((table) => countRows(t.database, table)),
    );
    expect(after).toEqual(before);
  });

  it('lists nothing for a SQL-looking org unit filter instead of widening the scope', async () => {
    const res = await t.app.inject({
      url: `/admin/accounts?orgUnitId=${encodeURIComponent("' or 1=1 --")}`,
      headers: bearer(t.cityAdmin.token),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accounts: [], nextAfter: null });
  });

  it('documents every account route in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/auth/login',
        '/auth/logout',
        '/auth/session',
        '/auth/change-password',
        '/auth/request-lock',
        '/admin/accounts',
        '/admin/accounts/{accountId}/lock',
        '/admin/accounts/{accountId}/unlock',
        '/admin/accounts/{accountId}/reset-password',
        '/admin/accounts/{accountId}/close',
      ]),
    );
  });
});
