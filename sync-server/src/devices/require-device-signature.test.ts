import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '#shared/errors/result.ts';
import { deviceSignatureHeaders, signRequest } from '#shared/sync/device-signature.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { auditLog } from '../db/schema/audit.ts';
import { deviceNonces, devices } from '../db/schema/devices.ts';
import { createTestClock } from '../testing/test-clock.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import type { DeviceRegistry } from './device-registry.ts';
import {
  buildDeviceTestApp,
  newDeviceKeys,
  seedTestOrgUnits,
  TEST_BODY_LIMIT,
  testPrincipals,
  type TestPrincipalName,
} from './device-test-app.test-support.ts';
import { pruneDeviceNonces } from './prune-device-nonces.ts';
import { DEFAULT_MAX_CLOCK_SKEW_MS } from './require-device-signature.ts';

type Device = { id: string; keys: ReturnType<typeof newDeviceKeys> };
type Problem = { error: { code: string; message: string } };

describe.each(testBackends)('signed sync requests on $name', (backend) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let audit: AuditLog;
  let registry: DeviceRegistry;
  const clock = createTestClock(new Date('2026-11-26T09:00:00.000Z'));
  let a1: Device;
  let a2: Device;

  async function enrolDevice(orgUnitId: string): Promise<Device> {
    const keys = newDeviceKeys();
    const { code } = unwrap(await registry.issueEnrolmentCode(testPrincipals.city, orgUnitId));
    const { deviceId } = unwrap(
      await registry.enrol({ code, publicKey: keys.publicKeyBase64, label: 'Máy trạm' }),
    );
    return { id: deviceId, keys };
  }

  // Opening and migrating an embedded database can take seconds on a loaded machine.
  beforeAll(async () => {
    database = await backend.open();
    await seedTestOrgUnits(database.db);
    ({ app, audit, registry } = await buildDeviceTestApp({ database, clock }));
    a1 = await enrolDevice('tyt-a1');
    a2 = await enrolDevice('tyt-a2');
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  /** Signs a request as `device` would; `sent` overrides what actually goes on the wire after signing. */
  function signed(options: {
    device?: Device;
    who?: TestPrincipalName;
    method?: 'GET' | 'POST';
    url?: string;
    body?: string;
    at?: Date;
    nonce?: string;
    sent?: { method?: 'GET' | 'POST'; url?: string; body?: string; headers?: Record<string, string> };
  }) {
    const device = options.device ?? a1;
    const method = options.method ?? 'POST';
    const url = options.url ?? '/sync/echo';
    const body = options.body ?? (method === 'POST' ? '{"seq":1,"ten":"Nguyễn Thị Hoa"}' : undefined);
    const headers = signRequest({
      secretKey: device.keys.secretKey,
      deviceId: device.id,
      method,
      path: url,
      body,
      now: options.at ?? clock.now(),
      ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    });
    const sentBody = options.sent?.body ?? body;
    return app.inject({
      method: options.sent?.method ?? method,
      url: options.sent?.url ?? url,
      headers: {
        ...headers,
        'x-test-principal': options.who ?? 'stationA1',
        ...(sentBody === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.sent?.headers,
      },
      ...(sentBody === undefined ? {} : { payload: sentBody }),
    });
  }

  async function lastAudit() {
    const [entry] = await database.db
      .select()
      .from(auditLog)
      .orderBy(sql`${auditLog.seq} desc`)
      .limit(1);
    return entry;
  }

  async function expectRejected(
    response: Awaited<ReturnType<typeof signed>>,
    status: number,
    code: string,
  ): Promise<void> {
    expect(response.statusCode).toBe(status);
    expect(response.json<Problem>().error.code).toBe(code);
    expect(await lastAudit()).toMatchObject({
      action: 'device-signature-rejected',
      actorAccountId: expect.any(String) as unknown,
      detail: expect.objectContaining({ reason: code }) as unknown,
    });
  }

  it('accepts a correctly signed request and names the device on the principal', async () => {
    const res = await signed({});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      deviceId: a1.id,
      accountId: 'acc-station-a1',
      body: { seq: 1, ten: 'Nguyễn Thị Hoa' },
    });
    expect(res.headers[deviceSignatureHeaders.serverTime]).toBe(String(clock.now().getTime()));
    const [device] = await database.db.select().from(devices).where(eq(devices.id, a1.id));
    expect(device?.lastSeenAt).toEqual(clock.now());
  });

  it('verifies the path with its query on bodiless requests, with the guard given as route options', async () => {
    const res = await signed({ method: 'GET', url: '/sync/echo?q=Nguy%E1%BB%85n%20V%C4%83n' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ deviceId: a1.id, body: { q: 'Nguyễn Văn' } });
  });

  it('rejects a tampered body, path, query, method or timestamp', async () => {
    await expectRejected(
      await signed({ sent: { body: '{"seq":1,"ten":"Nguyễn Thị Hoà"}' } }),
      401,
      'device-signature-invalid',
    );
    await expectRejected(
      await signed({ sent: { body: '{"seq":1, "ten":"Nguyễn Thị Hoa"}' } }),
      401,
      'device-signature-invalid',
    );
    await expectRejected(
      await signed({ method: 'GET', url: '/sync/echo?q=a', sent: { url: '/sync/echo?q=b' } }),
      401,
      'device-signature-invalid',
    );
    await expectRejected(
      await signed({ method: 'GET', url: '/sync/echo?q=a&q=b', sent: { url: '/sync/echo?q=a' } }),
      401,
      'device-signature-invalid',
    );
    await expectRejected(
      await signed({ method: 'POST', url: '/sync/echo?q=a', body: '{}', sent: { method: 'GET' } }),
      401,
      'device-signature-invalid',
    );
    await expectRejected(
      await signed({ url: '/sync/other', sent: { url: '/sync/echo' } }),
      401,
      'device-signature-invalid',
    );
    await expectRejected(
      await signed({
        sent: { headers: { [deviceSignatureHeaders.timestamp]: String(clock.now().getTime() + 1) } },
      }),
      401,
      'device-signature-invalid',
    );
  });

  it('rejects a signature made with another key', async () => {
    const impostor: Device = { id: a1.id, keys: newDeviceKeys() };
    await expectRejected(await signed({ device: impostor }), 401, 'device-signature-invalid');
  });

  it('rejects timestamps outside the window on the server clock, telling the station the server time', async () => {
    const now = clock.now().getTime();
    for (const offset of [
      -DEFAULT_MAX_CLOCK_SKEW_MS - 1,
      DEFAULT_MAX_CLOCK_SKEW_MS + 1,
      -3 * 24 * 3600 * 1000,
    ]) {
      const res = await signed({ at: new Date(now + offset) });
      await expectRejected(res, 401, 'device-clock-skew');
      expect(res.json<Problem>().error.message).toContain(clock.now().toISOString());
      expect(res.headers[deviceSignatureHeaders.serverTime]).toBe(String(now));
    }
    expect((await signed({ at: new Date(now - DEFAULT_MAX_CLOCK_SKEW_MS) })).statusCode).toBe(200);
    expect((await signed({ at: new Date(now + DEFAULT_MAX_CLOCK_SKEW_MS) })).statusCode).toBe(200);
  });

  it('lets a station whose clock is days off correct its offset from the rejection and retry', async () => {
    const stationClock = new Date(clock.now().getTime() - 3 * 24 * 3600 * 1000);
    const first = await signed({ at: stationClock });
    expect(first.statusCode).toBe(401);
    const offset = Number(first.headers[deviceSignatureHeaders.serverTime]) - stationClock.getTime();
    clock.advance(1500);
    const retried = await signed({ at: new Date(stationClock.getTime() + 1500 + offset) });
    expect(retried.statusCode).toBe(200);
  });

  it('rejects a replayed request, even with a fresh signature time inside the window', async () => {
    const nonce = 'replay-nonce-0123456789';
    expect((await signed({ nonce })).statusCode).toBe(200);
    await expectRejected(await signed({ nonce }), 401, 'device-replay');
    clock.advance(60_000);
    await expectRejected(await signed({ nonce }), 401, 'device-replay');
    // The same nonce from another device is that device's own business.
    expect((await signed({ nonce, device: a2, who: 'stationA2' })).statusCode).toBe(200);
  });

  it('rejects the device of another station, and a session bound to another device', async () => {
    await expectRejected(await signed({ who: 'stationA2' }), 403, 'device-not-of-station');
    await expectRejected(await signed({ who: 'districtA' }), 403, 'device-not-of-station');
    await expectRejected(await signed({ who: 'stationA1BoundElsewhere' }), 403, 'device-session-mismatch');
  });

  it('rejects unknown devices and missing or malformed signature headers', async () => {
    await expectRejected(
      await signed({ device: { id: 'khong-co', keys: newDeviceKeys() } }),
      401,
      'device-unknown',
    );
    const bare = await app.inject({
      method: 'POST',
      url: '/sync/echo',
      headers: { 'x-test-principal': 'stationA1' },
      payload: { a: 1 },
    });
    await expectRejected(bare, 401, 'device-signature-missing');
    for (const [name, value] of [
      [deviceSignatureHeaders.signature, 'not base64!'],
      [deviceSignatureHeaders.signature, Buffer.alloc(63).toString('base64')],
      [deviceSignatureHeaders.nonce, 'short'],
      [deviceSignatureHeaders.nonce, "' or 1=1 --xxxxxxxxxxxx"],
      [deviceSignatureHeaders.timestamp, '12e3'],
      [deviceSignatureHeaders.timestamp, '-1'],
      [deviceSignatureHeaders.device, '<script>'],
    ] as const) {
      await expectRejected(
        await signed({ sent: { headers: { [name]: value } } }),
        401,
        'device-signature-invalid',
      );
    }
  });

  it('refuses anonymous requests before looking at signatures', async () => {
    const res = await app.inject({ method: 'POST', url: '/sync/echo', payload: { a: 1 } });
    expect(res.statusCode).toBe(401);
    expect(res.json<Problem>().error.code).toBe('auth-required');
  });

  it('leaves JSON errors and body limits of signed routes to the usual error mapping', async () => {
    const malformed = await signed({ body: '{"seq":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<Problem>().error.code).toBe('json-malformed');
    const oversized = await signed({ body: JSON.stringify({ pad: 'x'.repeat(TEST_BODY_LIMIT) }) });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json<Problem>().error.code).toBe('body-too-large');
    const wrongShape = await signed({ body: '[1,2]' });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json<Problem>().error.code).toBe('request-invalid');
  });

  it('tells a revoked device to re-enrol through its district', async () => {
    const device = await enrolDevice('tyt-a1');
    expect((await signed({ device })).statusCode).toBe(200);
    unwrap(await registry.revoke(testPrincipals.districtA, device.id));
    const res = await signed({ device });
    await expectRejected(res, 403, 'device-revoked');
    expect(res.json<Problem>().error.message).toMatch(/quận\/huyện.*đăng ký lại/);
    // Signed by someone without the key, the same request learns nothing about the revocation.
    await expectRejected(
      await signed({ device: { id: device.id, keys: newDeviceKeys() } }),
      401,
      'device-signature-invalid',
    );
  });

  it('keeps the audit chain intact through all rejections', async () => {
    const rejected = await database.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(eq(auditLog.action, 'device-signature-rejected'));
    expect(rejected.length).toBeGreaterThan(10);
    expect(JSON.stringify(rejected)).not.toContain('Nguy');
    expect(await audit.verify(database.db)).toMatchObject({ ok: true });
  });

  it('prunes nonces only once they can no longer be replayed', async () => {
    const nonce = 'prune-nonce-0123456789';
    const at = clock.now();
    expect((await signed({ nonce })).statusCode).toBe(200);
    clock.advance(2 * DEFAULT_MAX_CLOCK_SKEW_MS);
    await pruneDeviceNonces({ db: database.db, clock });
    const kept = await database.db.select().from(deviceNonces).where(eq(deviceNonces.nonce, nonce));
    expect(kept).toHaveLength(1);
    clock.advance(1);
    expect(await pruneDeviceNonces({ db: database.db, clock })).toBeGreaterThanOrEqual(1);
    expect(await database.db.select().from(deviceNonces).where(eq(deviceNonces.nonce, nonce))).toHaveLength(
      0,
    );
    // The pruned request can no longer come back: its timestamp is now outside the window.
    await expectRejected(await signed({ nonce, at }), 401, 'device-clock-skew');
  });
});
