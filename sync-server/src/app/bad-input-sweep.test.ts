import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  rowsOf,
  startAccountsApp,
  type AccountsTestApp,
} from '../accounts/accounts-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';

/** Tables whose rows bad input must never change (the audit log may record a refused attempt). */
const guardedTables = [
  'accounts',
  'sessions',
  'devices',
  'enrolment_codes',
  'documents',
  'quarantine',
  'conflict_log',
  'health_id_pools',
  'station_status',
  'org_units',
] as const;

const hostileBodies: readonly { name: string; body: string; contentType: string }[] = [
  { name: 'malformed JSON', body: '{"userName": "a",', contentType: 'application/json' },
  { name: 'a JSON array', body: '[1, 2, 3]', contentType: 'application/json' },
  {
    name: 'wrong types',
    body: '{"userName": 5, "password": [], "orgUnitId": {}, "rows": "x"}',
    contentType: 'application/json',
  },
  {
    name: 'SQL- and script-looking strings',
    body: JSON.stringify({
      userName: "' OR 1=1; DROP TABLE accounts; --",
      password: '<script>alert(1)</script>',
      fullName: "Robert'); DROP TABLE accounts;--",
      orgUnitId: "x' or '1'='1",
      code: '<img src=x onerror=alert(1)>',
    }),
    contentType: 'application/json',
  },
  {
    name: 'unknown fields only',
    body: '{"__proto__": {"admin": true}, "constructor": 1}',
    contentType: 'application/json',
  },
  { name: 'plain text', body: 'xin chào', contentType: 'text/plain' },
  {
    name: 'an oversized body',
    body: JSON.stringify({ note: 'x'.repeat(70 * 1024) }),
    contentType: 'application/json',
  },
];

async function snapshot(t: AccountsTestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of guardedTables) {
    const result: unknown = await t.database.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)}`,
    );
    counts[table] = rowsOf<{ n: number }>(result)[0]?.n ?? 0;
  }
  return counts;
}

/**
 * Every route that takes a body, as the OpenAPI document lists it, gets hostile input as a signed-in city admin and
 * anonymously: the answer is always a 4xx problem with a stable code and a message, never a 5xx, and nothing is
 * written. New routes are covered automatically.
 */
describe.each(testBackends)('hostile input to every route on $name', (backend) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(backend);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gets a clear 4xx problem and writes nothing', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>();
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.requestBody != null)
        .map(([method]) => ({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, 'x1') })),
    );
    expect(routes.length).toBeGreaterThanOrEqual(5);
    const before = await snapshot(t);
    for (const route of routes) {
      for (const hostile of hostileBodies) {
        for (const headers of [bearer(t.cityAdmin.token), {}]) {
          const res = await t.app.inject({
            method: route.method as 'POST',
            url: route.url,
            headers: { ...headers, 'content-type': hostile.contentType },
            payload: hostile.body,
          });
          const label = `${route.method} ${route.url} with ${hostile.name}: ${res.body.slice(0, 200)}`;
          expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, label).toBeLessThan(500);
          const body = res.json<{ error?: { code?: unknown; message?: unknown } }>();
          expect(typeof body.error?.code, label).toBe('string');
          expect(typeof body.error?.message, label).toBe('string');
        }
      }
    }
    expect(await snapshot(t)).toEqual(before);
  }, 120_000);
});
