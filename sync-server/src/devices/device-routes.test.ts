import { count, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { auditLog } from '../db/schema/audit.ts';
import { devices, enrolmentCodes } from '../db/schema/devices.ts';
import { createTestClock } from '../testing/test-clock.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  buildDeviceTestApp,
  newDeviceKeys,
  seedTestOrgUnits,
  TEST_BODY_LIMIT,
  type TestPrincipalName,
} from './device-test-app.test-support.ts';
import { ENROLMENT_CODE_TTL_MS } from './device-registry.ts';

describe.each(testBackends)('device enrolment and administration on $name', (backend) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let audit: AuditLog;
  const clock = createTestClock(new Date('2026-11-26T09:00:00.000Z'));

  // Opening and migrating an embedded database can take seconds on a loaded machine.
  beforeAll(async () => {
    database = await backend.open();
    await seedTestOrgUnits(database.db);
    ({ app, audit } = await buildDeviceTestApp({ database, clock }));
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const as = (who: TestPrincipalName | undefined) => (who === undefined ? {} : { 'x-test-principal': who });

  async function issueCode(who: TestPrincipalName | undefined, orgUnitId: string) {
    return app.inject({
      method: 'POST',
      url: '/admin/devices/enrolment-codes',
      headers: as(who),
      payload: { orgUnitId },
    });
  }
  async function enrol(code: string, publicKey = newDeviceKeys().publicKeyBase64, label = 'Máy tiếp đón 1') {
    return app.inject({ method: 'POST', url: '/devices/enrol', payload: { code, publicKey, label } });
  }
  async function codeFor(orgUnitId: string): Promise<string> {
    const res = await issueCode('city', orgUnitId);
    expect(res.statusCode).toBe(201);
    return res.json<{ code: string }>().code;
  }
  async function counts() {
    const [codes] = await database.db.select({ n: count() }).from(enrolmentCodes);
    const [enrolled] = await database.db.select({ n: count() }).from(devices);
    const [used] = await database.db
      .select({ n: count() })
      .from(enrolmentCodes)
      .where(sql`${enrolmentCodes.usedAt} is not null`);
    return { codes: codes?.n, devices: enrolled?.n, used: used?.n };
  }
  async function auditActions(): Promise<string[]> {
    const rows = await database.db.select({ action: auditLog.action }).from(auditLog).orderBy(auditLog.seq);
    return rows.map((r) => r.action);
  }

  describe('issuing enrolment codes', () => {
    it('gives a city admin a one-time code for any station, shown once and stored only as a hash', async () => {
      const res = await issueCode('city', 'tyt-b1');
      expect(res.statusCode).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const { code, expiresAt } = res.json<{ code: string; expiresAt: string }>();
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(expiresAt).toBe(new Date(clock.now().getTime() + ENROLMENT_CODE_TTL_MS).toISOString());
      expect(expiresAt).toBe('2026-11-29T09:00:00.000Z');
      const stored = await database.db.select().from(enrolmentCodes);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ orgUnitId: 'tyt-b1', issuedBy: 'acc-city', usedAt: null });
      expect(JSON.stringify(stored)).not.toContain(code.replaceAll('-', '').slice(0, 8));
      expect(JSON.stringify(stored)).not.toContain(code.slice(0, 9));
      const [entry] = await database.db
        .select()
        .from(auditLog)
        .orderBy(sql`${auditLog.seq} desc`)
        .limit(1);
      expect(entry).toMatchObject({
        action: 'device-enrolment-code-issued',
        actorAccountId: 'acc-city',
        targetId: 'tyt-b1',
      });
      expect(JSON.stringify(entry)).not.toContain(code.slice(0, 4) + '-');
    });

    it('lets a district admin issue codes only for the stations of its own subtree', async () => {
      expect((await issueCode('districtA', 'tyt-a2')).statusCode).toBe(201);
      const before = await counts();
      const foreign = await issueCode('districtA', 'tyt-b1');
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json()).toMatchObject({ error: { code: 'org-unit-out-of-scope' } });
      const unknown = await issueCode('districtA', 'tyt-khong-co');
      expect(unknown.statusCode).toBe(403);
      expect(unknown.json<{ error: { code: string } }>().error.code).toBe('org-unit-out-of-scope');
      const above = await issueCode('districtA', 'so-y-te');
      expect(above.json<{ error: { code: string } }>().error.code).toBe('org-unit-out-of-scope');
      expect(await counts()).toEqual(before);
    });

    it('refuses a station that has been merged away', async () => {
      const before = await counts();
      const res = await issueCode('districtA', 'tyt-a-old');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'org-unit-inactive' } });
      expect(await counts()).toEqual(before);
    });

    it('issues a code for a hospital’s sending machine too', async () => {
      const res = await issueCode('city', 'bv-1');
      expect(res.statusCode, res.body).toBe(201);
    });

    it('refuses units that are neither commune stations nor hospitals or clinics', async () => {
      const before = await counts();
      for (const unit of ['ttyt-a', 'so-y-te']) {
        const res = await issueCode('city', unit);
        expect(res.statusCode, unit).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: 'org-unit-not-a-station' } });
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses anyone who is not a city or district admin', async () => {
      const before = await counts();
      const anonymous = await issueCode(undefined, 'tyt-a1');
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ error: { code: 'auth-required' } });
      for (const who of ['stationA1', 'itAdmin'] as const) {
        const res = await issueCode(who, 'tyt-a1');
        expect(res.statusCode, who).toBe(403);
        expect(res.json()).toMatchObject({ error: { code: 'forbidden-role' } });
      }
      const pending = await issueCode('districtAPendingPassword', 'tyt-a1');
      expect(pending.statusCode).toBe(403);
      expect(pending.json()).toMatchObject({ error: { code: 'password-change-required' } });
      expect(await counts()).toEqual(before);
    });
  });

  describe('enrolling a device', () => {
    it('registers the device and its public key for the station of the code, and uses the code up', async () => {
      const code = await codeFor('tyt-a1');
      const keys = newDeviceKeys();
      const res = await enrol(code, keys.publicKeyBase64, 'Máy khám (phòng 2)');
      expect(res.statusCode).toBe(201);
      const { deviceId, orgUnitId } = res.json<{ deviceId: string; orgUnitId: string }>();
      expect(orgUnitId).toBe('tyt-a1');
      const [device] = await database.db.select().from(devices).where(eq(devices.id, deviceId));
      expect(device).toMatchObject({
        orgUnitId: 'tyt-a1',
        publicKey: keys.publicKeyBase64,
        label: 'Máy khám (phòng 2)',
        enrolledBy: 'acc-city',
        revokedAt: null,
      });
      expect(device?.enrolledAt).toEqual(clock.now());
      const [entry] = await database.db
        .select()
        .from(auditLog)
        .orderBy(sql`${auditLog.seq} desc`)
        .limit(1);
      expect(entry).toMatchObject({
        action: 'device-enrolled',
        actorDeviceId: deviceId,
        orgUnitId: 'tyt-a1',
      });

      const before = await counts();
      const again = await enrol(code);
      expect(again.statusCode).toBe(400);
      expect(again.json()).toMatchObject({ error: { code: 'enrolment-code-invalid' } });
      expect(await counts()).toEqual(before);
    });

    it('accepts the code as people type it: lower case, spaces instead of dashes', async () => {
      const code = await codeFor('tyt-a2');
      const res = await enrol(` ${code.toLowerCase().replaceAll('-', ' ')} `);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ orgUnitId: 'tyt-a2' });
    });

    it('redeems a code exactly once under concurrent requests', async () => {
      const code = await codeFor('tyt-b1');
      const before = await counts();
      const results = await Promise.all(Array.from({ length: 12 }, () => enrol(code)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, ...new Array<number>(11).fill(400)]);
      for (const r of results.filter((x) => x.statusCode === 400)) {
        expect(r.json()).toMatchObject({ error: { code: 'enrolment-code-invalid' } });
      }
      expect(await counts()).toEqual({
        ...before,
        devices: (before.devices ?? 0) + 1,
        used: (before.used ?? 0) + 1,
      });
      expect(await audit.verify(database.db)).toMatchObject({ ok: true });
    });

    it('refuses an expired code with the same answer as an unknown one, writing nothing', async () => {
      const code = await codeFor('tyt-a1');
      const before = await counts();
      clock.advance(ENROLMENT_CODE_TTL_MS);
      const expired = await enrol(code);
      const unknown = await enrol('ABCD-EFGH-JKMN-PQRS');
      const notACode = await enrol('xin chào');
      for (const res of [expired, unknown, notACode]) {
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(expired.json());
      }
      expect(expired.json()).toMatchObject({ error: { code: 'enrolment-code-invalid' } });
      expect(await counts()).toEqual(before);
      clock.advance(-ENROLMENT_CODE_TTL_MS);
      expect((await enrol(code)).statusCode).toBe(201);
    });

    it('refuses a malformed public key without using up the code', async () => {
      const code = await codeFor('tyt-a1');
      const before = await counts();
      for (const publicKey of [
        'AAAA',
        Buffer.alloc(31).toString('base64'),
        Buffer.alloc(33).toString('base64'),
        'ü'.repeat(44),
      ]) {
        const res = await enrol(code, publicKey);
        expect(res.statusCode, publicKey).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: 'device-public-key-invalid' } });
      }
      expect(await counts()).toEqual(before);
      expect((await enrol(code)).statusCode).toBe(201);
    });
  });

  describe('listing and revoking devices', () => {
    it('lists only the devices inside the admin subtree, filtered in the query', async () => {
      const list = async (who: TestPrincipalName, query = '') => {
        const res = await app.inject({ url: `/admin/devices${query}`, headers: as(who) });
        return {
          status: res.statusCode,
          body: res.json<{ devices?: { orgUnitId: string }[]; error?: { code: string } }>(),
        };
      };
      const all = await list('city');
      expect(all.status).toBe(200);
      const units = new Set(all.body.devices?.map((d) => d.orgUnitId));
      expect(units).toEqual(new Set(['tyt-a1', 'tyt-a2', 'tyt-b1']));
      const a = await list('districtA');
      expect(new Set(a.body.devices?.map((d) => d.orgUnitId))).toEqual(new Set(['tyt-a1', 'tyt-a2']));
      const a2 = await list('districtA', '?orgUnitId=tyt-a2');
      expect(new Set(a2.body.devices?.map((d) => d.orgUnitId))).toEqual(new Set(['tyt-a2']));
      const limited = await list('city', '?limit=1');
      expect(limited.body.devices).toHaveLength(1);
      const foreign = await list('districtA', '?orgUnitId=tyt-b1');
      expect(foreign.status).toBe(403);
      expect(foreign.body.error?.code).toBe('org-unit-out-of-scope');
      expect((await list('stationA1')).status).toBe(403);
      expect((await list('districtA', '?limit=0')).status).toBe(400);
      expect((await list('districtA', '?orgUnitId=tyt-a1&extra=1')).status).toBe(400);
    });

    it('lets an admin revoke a device of its subtree, once, and hides the devices of others', async () => {
      const code = await codeFor('tyt-a1');
      const { deviceId } = (await enrol(code)).json<{ deviceId: string }>();
      const revoke = (who: TestPrincipalName) =>
        app.inject({ method: 'POST', url: `/admin/devices/${deviceId}/revoke`, headers: as(who) });

      const foreign = await revoke('districtB');
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toMatchObject({ error: { code: 'device-not-found' } });
      expect((await revoke('stationA1')).statusCode).toBe(403);
      const [untouched] = await database.db.select().from(devices).where(eq(devices.id, deviceId));
      expect(untouched?.revokedAt).toBeNull();

      clock.advance(1000);
      const revoked = await revoke('districtA');
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({
        device: { id: deviceId, orgUnitId: 'tyt-a1', revokedAt: clock.now().toISOString() },
      });
      const [row] = await database.db.select().from(devices).where(eq(devices.id, deviceId));
      expect(row).toMatchObject({ revokedAt: clock.now(), revokedBy: 'acc-district-a' });

      clock.advance(1000);
      const again = await revoke('city');
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(revoked.json());
      expect((await auditActions()).filter((a) => a === 'device-revoked')).toHaveLength(1);
      const unknown = await app.inject({
        method: 'POST',
        url: '/admin/devices/khong-co/revoke',
        headers: as('city'),
      });
      expect(unknown.statusCode).toBe(404);
    });
  });

  describe('bad input', () => {
    it('answers malformed, oversized, mistyped and injection-looking requests with a clear 4xx and writes nothing', async () => {
      const code = await codeFor('tyt-a1');
      const before = await counts();
      const auditBefore = (await auditActions()).length;
      const post = (url: string, payload: string, who?: TestPrincipalName) =>
        app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json', ...as(who) },
          payload,
        });
      const cases: [string, Awaited<ReturnType<typeof post>>, number, string][] = [
        ['malformed JSON', await post('/devices/enrol', '{"code": "A', undefined), 400, 'json-malformed'],
        ['empty body', await post('/devices/enrol', '', undefined), 400, 'json-malformed'],
        [
          'oversized body',
          await post(
            '/devices/enrol',
            JSON.stringify({ code, publicKey: 'A'.repeat(TEST_BODY_LIMIT), label: 'x' }),
          ),
          413,
          'body-too-large',
        ],
        [
          'wrong types',
          await post('/devices/enrol', JSON.stringify({ code: 12, publicKey: [], label: {} })),
          400,
          'request-invalid',
        ],
        [
          'unknown field',
          await post(
            '/devices/enrol',
            JSON.stringify({
              code,
              publicKey: newDeviceKeys().publicKeyBase64,
              label: 'x',
              orgUnitId: 'tyt-b1',
            }),
          ),
          400,
          'request-invalid',
        ],
        [
          'script-looking label',
          await post(
            '/devices/enrol',
            JSON.stringify({
              code,
              publicKey: newDeviceKeys().publicKeyBase64,
              label: '<script>alert(1)</script>',
            }),
          ),
          400,
          'request-invalid',
        ],
        [
          'SQL-looking label',
          await post(
            '/devices/enrol',
            JSON.stringify({
              code,
              publicKey: newDeviceKeys().publicKeyBase64,
              label: "x'; drop table devices; --",
            }),
          ),
          400,
          'request-invalid',
        ],
        [
          'SQL-looking code',
          await post(
            '/devices/enrol',
            JSON.stringify({ code: "' or 1=1 --", publicKey: newDeviceKeys().publicKeyBase64, label: 'x' }),
          ),
          400,
          'enrolment-code-invalid',
        ],
        [
          'SQL-looking org unit',
          await post(
            '/admin/devices/enrolment-codes',
            JSON.stringify({ orgUnitId: "tyt-a1' or '1'='1" }),
            'city',
          ),
          400,
          'request-invalid',
        ],
        ['array body', await post('/admin/devices/enrolment-codes', '[]', 'city'), 400, 'request-invalid'],
        [
          'SQL-looking device id',
          await app.inject({
            method: 'POST',
            url: `/admin/devices/${encodeURIComponent("x' or 1=1 --")}/revoke`,
            headers: as('city'),
          }),
          400,
          'request-invalid',
        ],
        [
          'plain text instead of JSON',
          await app.inject({
            method: 'POST',
            url: '/devices/enrol',
            headers: { 'content-type': 'text/plain' },
            payload: code,
          }),
          400,
          'request-invalid',
        ],
      ];
      for (const [name, res, status, errorCode] of cases) {
        expect(res.statusCode, name).toBe(status);
        expect(res.json<{ error: { code: string; message: string } }>().error.code, name).toBe(errorCode);
        expect(res.json<{ error: { message: string } }>().error.message.length, name).toBeGreaterThan(10);
      }
      expect(await counts()).toEqual(before);
      expect(await auditActions()).toHaveLength(auditBefore);
      expect((await enrol(code)).statusCode).toBe(201);
    });
  });
});
