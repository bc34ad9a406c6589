import type { AddressInfo } from 'node:net';
import { and, asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '#shared/sync/device-signature.ts';
import { SCHEMA_VERSION_HEADER } from '#shared/sync/schema-version-header.ts';
import { bearer, createActiveAccount, login, units } from '../accounts/accounts-app.test-support.ts';
import { createSessionTokens } from '../auth/session-tokens.ts';
import { accounts } from '../db/schema/accounts.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { newDeviceKeys } from '../devices/device-test-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { startHardenedApp, type HardenedTestApp } from './hardened-app.test-support.ts';
import { defaultRateLimits, type RateBudget, type RateLimits } from './rate-limits.ts';

const roomy: RateBudget = { max: 10_000, windowMs: 60_000 };
/** Budgets no test reaches, with the ones a test is about tightened. */
function limits(tight: Partial<RateLimits>): RateLimits {
  return {
    signInPerAddress: roomy,
    signInPerUserName: roomy,
    enrolmentPerAddress: roomy,
    deviceSessionPerAddress: roomy,
    syncPerSession: roomy,
    patientLookupPerAccount: roomy,
    otherPerSession: roomy,
    streamsPerSession: 100,
    streamsPerDevice: 100,
    ...tight,
  };
}

function expectRateLimited(res: LightMyRequestResponse, windowSeconds = 60): void {
  expect(res.statusCode, res.body).toBe(429);
  const seconds = Number(res.headers['retry-after']);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  const { error } = res.json<{ error: { code: string; message: string } }>();
  expect(error.code).toBe('rate-limited');
  expect(error.message).toContain(`Chờ ${String(seconds)} giây`);
}

describe.each(testBackends)('request budgets on $name', (backend) => {
  describe('sign-in and enrolment', () => {
    let t: HardenedTestApp;
    // The app's start signs the admin in twice from the same address.
    const startLogins = 2;
    beforeAll(async () => {
      t = await startHardenedApp(backend, {
        rateLimits: limits({
          signInPerAddress: { max: startLogins + 10, windowMs: 60_000 },
          signInPerUserName: { max: 3, windowMs: 60_000 },
          enrolmentPerAddress: { max: 5, windowMs: 600_000 },
        }),
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers enrolment-code guesses from one address with 429 once its budget is spent', async () => {
      const keys = newDeviceKeys();
      const guesses: LightMyRequestResponse[] = [];
      for (let i = 0; i < 30; i++) {
        guesses.push(
          await t.app.inject({
            method: 'POST',
            url: '/devices/enrol',
            remoteAddress: '203.0.113.7',
            payload: {
              code: `DOAN-${String(i).padStart(4, '0')}`,
              publicKey: keys.publicKeyBase64,
              label: 'Máy 1',
            },
          }),
        );
      }
      expect(guesses.slice(0, 5).map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400]);
      for (const refused of guesses.slice(5)) expectRateLimited(refused, 600);
      // Another address has its own budget.
      const other = await t.app.inject({
        method: 'POST',
        url: '/devices/enrol',
        remoteAddress: '198.51.100.9',
        payload: { code: 'DOAN-9999', publicKey: keys.publicKeyBase64, label: 'Máy 1' },
      });
      expect(other.statusCode).toBe(400);
    });

    it('answers sign-ins sprayed over unknown user names from one address with 429 once its budget is spent', async () => {
      const answers: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { userName: `01T01_khongco${String(i)}`, password: 'Sai#mật-khẩu1' },
        });
        answers.push(res.statusCode);
        if (i >= 10) expectRateLimited(res);
      }
      expect(answers.slice(0, 10)).toEqual(Array<number>(10).fill(401));
    });

    it('limits sign-ins to one user name from any address, in any spelling', async () => {
      const attempt = (userName: string, remoteAddress: string) =>
        t.app.inject({
          method: 'POST',
          url: '/auth/login',
          remoteAddress,
          payload: { userName, password: 'Sai#mật-khẩu1' },
        });
      expect((await attempt('01T01_nguoithat', '192.0.2.1')).statusCode).toBe(401);
      expect((await attempt('01t01_NGUOITHAT', '192.0.2.2')).statusCode).toBe(401);
      expect((await attempt(' 01T01_nguoithat', '192.0.2.3')).statusCode).toBe(401);
      expectRateLimited(await attempt('01T01_nguoithat', '192.0.2.4'));
      expect((await attempt('01T01_nguoikhac', '192.0.2.4')).statusCode).toBe(401);
    });
  });

  describe('sync and the other routes', () => {
    let t: HardenedTestApp;
    beforeAll(async () => {
      t = await startHardenedApp(backend, {
        rateLimits: limits({
          syncPerSession: { max: 4, windowMs: 60_000 },
          otherPerSession: { max: 3, windowMs: 60_000 },
        }),
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('counts sync requests per session, so sessions behind one address do not share a budget', async () => {
      const second = await login(t.app, t.admin.userName, t.admin.password);
      const pull = (token: string) =>
        t.app.inject({ url: '/sync/persons/pull', headers: bearer(token), remoteAddress: '10.0.0.5' });
      for (let i = 0; i < 4; i++) expect((await pull(t.admin.token)).statusCode).toBe(200);
      expectRateLimited(await pull(t.admin.token));
      for (let i = 0; i < 4; i++) expect((await pull(second)).statusCode).toBe(200);
      expectRateLimited(await pull(second));
    });

    it('limits the other routes per session, and never the health checks', async () => {
      const third = await login(t.app, t.admin.userName, t.admin.password);
      for (let i = 0; i < 3; i++) {
        expect((await t.app.inject({ url: '/auth/session', headers: bearer(third) })).statusCode).toBe(200);
      }
      expectRateLimited(await t.app.inject({ url: '/auth/session', headers: bearer(third) }));
      for (let i = 0; i < 10; i++) {
        expect((await t.app.inject({ url: '/health/live' })).statusCode).toBe(200);
      }
    });
  });

  describe('the hospitals’ patient lookup', () => {
    let t: HardenedTestApp;
    beforeAll(async () => {
      t = await startHardenedApp(backend, {
        rateLimits: limits({ patientLookupPerAccount: { max: 2, windowMs: 60_000 } }),
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('counts lookups per account over all its sessions, so new sessions do not buy more guesses', async () => {
      const hospital = await createActiveAccount(t.app, t.admin.token, {
        fullName: 'Phạm Minh Đức',
        role: 'interop',
        orgUnitId: 'bv-01032',
      });
      const second = await login(t.app, hospital.userName, hospital.password);
      const look = (token: string, cccd: string) =>
        t.app.inject({ url: `/interop/patients?cccd=${cccd}`, headers: bearer(token) });
      expect((await look(hospital.token, '001190000001')).statusCode).toBe(200);
      expect((await look(second, '001190000002')).statusCode).toBe(200);
      expectRateLimited(await look(second, '001190000003'));
      expectRateLimited(await look(hospital.token, '001190000004'));
    });
  });

  describe('the production budgets', () => {
    let t: HardenedTestApp;
    beforeAll(async () => {
      t = await startHardenedApp(backend, { rateLimits: defaultRateLimits });
    });
    afterAll(async () => {
      await t.close();
    });

    it('let fifty stations behind one address pull more than any one budget, as the server benchmark does', async () => {
      const [admin] = await t.database.db
        .select({ id: accounts.id })
        .from(accounts)
        .where(eq(accounts.userName, t.admin.userName));
      if (admin === undefined) throw new Error('no admin account');
      const sessions = createSessionTokens({ clock: { now: () => new Date() } });
      const tokens = await Promise.all(
        Array.from(
          { length: 50 },
          async () => (await sessions.issue(t.database.db, { accountId: admin.id })).token,
        ),
      );
      const refused: number[] = [];
      // 50 sessions × 70 pulls: more than a session's budget would allow one address.
      for (let round = 0; round < 70; round++) {
        const answers = await Promise.all(
          tokens.map((token) => t.app.inject({ url: '/sync/persons/pull?limit=1', headers: bearer(token) })),
        );
        refused.push(...answers.filter((r) => r.statusCode !== 200).map((r) => r.statusCode));
      }
      expect(refused).toEqual([]);
    }, 120_000);
  });

  describe('open event streams', () => {
    let t: HardenedTestApp;
    let base: string;
    /** Each collection's schema version, as a station of this release sends it. */
    let versions: Record<string, number>;
    const open: AbortController[] = [];
    beforeAll(async () => {
      t = await startHardenedApp(backend, {
        rateLimits: limits({ streamsPerSession: 6, streamsPerDevice: 3 }),
      });
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${String((t.app.server.address() as AddressInfo).port)}`;
      const answer = await t.app.inject({ url: '/sync/versions', headers: bearer(t.admin.token) });
      versions = answer.json<{ collections: Record<string, number> }>().collections;
    });
    afterEach(() => {
      for (const controller of open.splice(0)) controller.abort();
    });
    afterAll(async () => {
      await t.close();
    });

    async function stream(collection: string, headers: Record<string, string>): Promise<Response> {
      const controller = new AbortController();
      open.push(controller);
      const res = await fetch(`${base}/sync/${collection}/stream`, {
        headers: { [SCHEMA_VERSION_HEADER]: String(versions[collection]), ...headers },
        signal: controller.signal,
      });
      return res;
    }

    it('refuses the 7th concurrent stream of one collection from one session with 429, until one closes', async () => {
      const auth = bearer(t.admin.token);
      const first = await Promise.all(Array.from({ length: 6 }, () => stream('persons', auth)));
      expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      // The stream is hijacked past the app's onSend hook, and still says what every /sync answer says.
      expect(first[0]?.headers.get('cache-control')).toBe('no-store');
      expect(first[0]?.headers.get('x-content-type-options')).toBe('nosniff');
      const seventh = await stream('persons', auth);
      expect(seventh.status).toBe(429);
      expect(Number(seventh.headers.get('retry-after'))).toBeGreaterThan(0);
      const { error } = (await seventh.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('streams-too-many');
      expect(error.message).toContain('persons');
      expect((await stream('encounters', auth)).status).toBe(200);

      open[0]?.abort();
      let again = await stream('persons', auth);
      for (let i = 0; i < 50 && again.status === 429; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        again = await stream('persons', auth);
      }
      expect(again.status).toBe(200);
    });

    it('caps a station device’s streams over all its sessions', async () => {
      const orgUnitId = await firstStationOf(t);
      const code = await t.app.inject({
        method: 'POST',
        url: '/admin/devices/enrolment-codes',
        headers: bearer(t.admin.token),
        payload: { orgUnitId },
      });
      const keys = newDeviceKeys();
      const enrolled = await t.app.inject({
        method: 'POST',
        url: '/devices/enrol',
        payload: {
          code: code.json<{ code: string }>().code,
          publicKey: keys.publicKeyBase64,
          label: 'Máy trạm 1',
        },
      });
      expect(enrolled.statusCode, enrolled.body).toBe(201);
      const deviceId = enrolled.json<{ deviceId: string }>().deviceId;
      const signed = (method: string, path: string, body?: string) =>
        signRequest({ secretKey: keys.secretKey, deviceId, method, path, body, now: Date.now() });
      const deviceSession = async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/auth/device-session',
          headers: { ...signed('POST', '/auth/device-session', '{}'), 'content-type': 'application/json' },
          payload: '{}',
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<{ token: string }>().token;
      };
      const [one, two] = [await deviceSession(), await deviceSession()];
      const deviceStream = (token: string) =>
        stream('persons', { ...bearer(token), ...signed('GET', '/sync/persons/stream') });
      expect((await deviceStream(one)).status).toBe(200);
      expect((await deviceStream(one)).status).toBe(200);
      expect((await deviceStream(two)).status).toBe(200);
      const fourth = await deviceStream(two);
      expect(fourth.status).toBe(429);
      expect(((await fourth.json()) as { error: { code: string } }).error.code).toBe('streams-too-many');
    });
  });
});

/** The first commune station under health centre 1 of the shipped tree. */
async function firstStationOf(t: HardenedTestApp): Promise<string> {
  const [station] = await t.database.db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, units.centre1), eq(orgUnits.kind, 'commune-station')))
    .orderBy(asc(orgUnits.id))
    .limit(1);
  if (station === undefined) throw new Error('no commune station');
  return station.id;
}
