import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { and, asc, eq, sql } from 'drizzle-orm';
import nacl from 'tweetnacl';
import { expect } from 'vitest';
import { buildApp } from '../app/build-app.ts';
import { createAuditLog, type AuditLog } from '../audit/audit-log.ts';
import { createSessionTokens, type SessionTokens } from '../auth/session-tokens.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { seedOrgUnits } from '../org-units/seed-org-units.ts';
import type { TestBackend } from '../testing/test-databases.test-support.ts';
import { createInitialCityAdmin } from './create-initial-city-admin.ts';
import { createPasswordHasher } from './password-hasher.ts';
import { createTestClock, type TestClock } from '../testing/test-clock.test-support.ts';

/** argon2id at the smallest cost: the same algorithm and code path, fast enough for many logins per test. */
export const cheapHasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });

/** Units of the shipped Hanoi tree the tests act in. */
export const units = {
  department: 'so-y-te-ha-noi',
  centre1: 'ttyt-kv01',
  centre2: 'ttyt-kv02',
  hospital: 'bv-01032',
  aggregates: 'don-vi-thong-ke',
  legacyCentre: 'ttyt-2004-001',
} as const;

export type AccountsTestApp = {
  readonly database: DatabaseHandle;
  readonly app: FastifyInstance;
  readonly clock: TestClock;
  readonly audit: AuditLog;
  readonly sessions: SessionTokens;
  readonly logLines: string[];
  /** The first city admin, signed in with a changed password. */
  readonly cityAdmin: { userName: string; password: string; token: string; id: string };
  /** The first commune station of `centre` (a unit id). */
  stationOf(centre: string): Promise<string>;
  close(): Promise<void>;
};

export async function startAccountsApp(
  backend: TestBackend,
  options: { idleTimeoutMs?: number; absoluteTimeoutMs?: number } = {},
): Promise<AccountsTestApp> {
  const database = await backend.open();
  const clock = createTestClock();
  const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
  const sessions = createSessionTokens({ clock, touchIntervalMs: 0, ...options });
  const logLines: string[] = [];
  await seedOrgUnits(database.db);
  const initial = await createInitialCityAdmin({ db: database.db, audit, clock, hasher: cheapHasher });
  if (initial === null) throw new Error('fresh database already had a city admin');
  const app = await buildApp({
    database,
    clock,
    audit,
    bodyLimit: 64 * 1024,
    logLevel: 'trace',
    logStream: { write: (line) => logLines.push(line) },
    accounts: { passwordHasher: cheapHasher, sessionTokens: sessions },
  });
  await app.ready();
  const first = await login(app, initial.account.userName, initial.initialPassword);
  const password = 'Quản-trị#2026';
  await changePassword(app, first, initial.initialPassword, password);
  const token = await login(app, initial.account.userName, password);
  return {
    database,
    app,
    clock,
    audit,
    sessions,
    logLines,
    cityAdmin: { userName: initial.account.userName, password, token, id: initial.account.id },
    async stationOf(centre) {
      const [station] = await database.db
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(and(eq(orgUnits.parentId, centre), eq(orgUnits.kind, 'commune-station')))
        .orderBy(asc(orgUnits.id))
        .limit(1);
      const id = station?.id;
      if (id === undefined) throw new Error(`no station under ${centre}`);
      return id;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Signs in and returns the token; fails the test when sign-in fails. */
export async function login(app: FastifyInstance, userName: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/auth/login', payload: { userName, password } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ token: string }>().token;
}

export async function changePassword(
  app: FastifyInstance,
  token: string,
  currentPassword: string,
  newPassword: string,
): Promise<LightMyRequestResponse> {
  const res = await app.inject({
    method: 'POST',
    url: '/auth/change-password',
    headers: bearer(token),
    payload: { currentPassword, newPassword },
  });
  return res;
}

export type CreatedForTest = { id: string; userName: string; password: string; token: string };

/**
 * Creates an account through the admin API, signs it in and changes its one-time password, so the returned token
 * can use every route its role allows.
 */
export async function createActiveAccount(
  app: FastifyInstance,
  adminToken: string,
  input: { fullName: string; role: string; orgUnitId: string },
): Promise<CreatedForTest> {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/accounts',
    headers: bearer(adminToken),
    payload: input,
  });
  expect(res.statusCode, res.body).toBe(201);
  const { account, initialPassword } = res.json<{
    account: { id: string; userName: string };
    initialPassword: string;
  }>();
  const firstToken = await login(app, account.userName, initialPassword);
  const password = `Mật-khẩu#${account.id.slice(0, 6)}A1`;
  const changed = await changePassword(app, firstToken, initialPassword, password);
  expect(changed.statusCode, changed.body).toBe(200);
  return { id: account.id, userName: account.userName, password, token: firstToken };
}

/** Rows of a table, for "nothing was written" checks. */
export async function countRows(
  database: DatabaseHandle,
  table: 'accounts' | 'audit_log' | 'sessions',
): Promise<number> {
  const result: unknown = await database.db.execute(
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  );
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

/** The rows of a raw `execute` result (both drivers answer `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
