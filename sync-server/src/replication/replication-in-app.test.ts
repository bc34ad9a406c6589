import type { AddressInfo } from 'node:net';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collections } from '#shared/schemas/collections.ts';
import { signRequest } from '#shared/sync/device-signature.ts';
import { SCHEMA_VERSION_HEADER } from '#shared/sync/schema-version-header.ts';
import {
  bearer,
  changePassword,
  cheapHasher,
  createActiveAccount,
  login,
  units,
} from '../accounts/accounts-app.test-support.ts';
import { createTestClock } from '../testing/test-clock.test-support.ts';
import { createInitialCityAdmin } from '../accounts/create-initial-city-admin.ts';
import { buildApp } from '../app/build-app.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { createSessionTokens } from '../auth/session-tokens.ts';
import { createDocumentCipher } from '../crypto/document-cipher.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { newDeviceKeys } from '../devices/device-test-app.test-support.ts';
import { seedOrgUnits } from '../org-units/seed-org-units.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { deviceOutcomesAnswer } from '#shared/sync/device-outcomes-wire.ts';
import { editedPerson, encounterOf, live, personIn } from '../record/domain-fixtures.test-support.ts';
import { serverSentEvents } from './rxdb-http-replication.test-support.ts';

/** The replication routes as `buildApp` wires them: real sessions, real device enrolment and request signatures. */
describe.each(testBackends)('replication inside the full app on $name', (backend) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  const clock = createTestClock();
  let stationId = '';
  let stationToken = '';
  let adminToken = '';
  let stationUser = { userName: '', password: '' };
  let device: { deviceId: string; secretKey: Uint8Array } = { deviceId: '', secretKey: new Uint8Array() };

  beforeAll(async () => {
    database = await backend.open();
    const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
    await seedOrgUnits(database.db);
    const initial = await createInitialCityAdmin({ db: database.db, audit, clock, hasher: cheapHasher });
    if (initial === null) throw new Error('fresh database already had a city admin');
    app = await buildApp({
      database,
      clock,
      audit,
      bodyLimit: 256 * 1024,
      logLevel: 'silent',
      accounts: {
        passwordHasher: cheapHasher,
        sessionTokens: createSessionTokens({ clock, touchIntervalMs: 0 }),
      },
      replication: {
        cipher: createDocumentCipher(new Map([['k1', nacl.randomBytes(nacl.secretbox.keyLength)]])),
        streamHeartbeatMs: 100,
      },
    });
    await app.ready();
    const first = await login(app, initial.account.userName, initial.initialPassword);
    await changePassword(app, first, initial.initialPassword, 'Quản-trị#2026');
    adminToken = await login(app, initial.account.userName, 'Quản-trị#2026');

    const [station] = await database.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, units.centre1), eq(orgUnits.kind, 'commune-station')))
      .orderBy(asc(orgUnits.id))
      .limit(1);
    stationId = station?.id ?? '';
    const staff = await createActiveAccount(app, adminToken, {
      fullName: 'Nguyễn Văn An',
      role: 'station-staff',
      orgUnitId: stationId,
    });
    stationToken = staff.token;
    stationUser = staff;
    device = await enrolDevice('Máy tiếp đón 1');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  /** Enrols a new device of the station with a fresh one-time code from the city admin. */
  async function enrolDevice(label: string): Promise<{ deviceId: string; secretKey: Uint8Array }> {
    const code = (
      await app.inject({
        method: 'POST',
        url: '/admin/devices/enrolment-codes',
        headers: bearer(adminToken),
        payload: { orgUnitId: stationId },
      })
    ).json<{ code: string }>().code;
    const keys = newDeviceKeys();
    const enrolled = await app.inject({
      method: 'POST',
      url: '/devices/enrol',
      payload: { code, publicKey: keys.publicKeyBase64, label },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    return { deviceId: enrolled.json<{ deviceId: string }>().deviceId, secretKey: keys.secretKey };
  }

  /** Waits until `condition` holds (polling), failing after five seconds. */
  async function until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** What the station app sends on a request of a collection: the schema version it stores it in. */
  function schemaHeader(url: string): Record<string, string> {
    const name = /^\/sync\/([^/?]+)\//.exec(url)?.[1] as keyof typeof collections | undefined;
    const definition = name === undefined ? undefined : collections[name];
    return definition === undefined ? {} : { [SCHEMA_VERSION_HEADER]: String(definition.schema.version) };
  }

  function signed(method: 'GET' | 'POST', url: string, body?: string, nonce?: string) {
    return {
      ...bearer(stationToken),
      ...schemaHeader(url),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...signRequest({ ...device, method, path: url, body, now: clock.now(), nonce }),
    };
  }

  it("replicates a station device's signed push and pull", async () => {
    const person = personIn(stationId, 'p-app-1');
    const body = JSON.stringify([{ newDocumentState: live(person) }]);
    const pushed = await app.inject({
      method: 'POST',
      url: '/sync/persons/push',
      headers: signed('POST', '/sync/persons/push', body),
      payload: body,
    });
    expect(pushed.statusCode, pushed.body).toBe(200);
    expect(pushed.json()).toEqual([]);

    const url = '/sync/persons/pull?checkpoint=0&limit=10';
    const pulled = await app.inject({ url, headers: signed('GET', url) });
    expect(pulled.statusCode, pulled.body).toBe(200);
    expect(pulled.json<{ documents: unknown[] }>().documents).toEqual([live(person)]);
  });

  it('refuses an unsigned request, a replayed one and an anonymous one', async () => {
    const url = '/sync/persons/pull';
    const unsigned = await app.inject({ url, headers: bearer(stationToken) });
    expect(unsigned.statusCode).toBeGreaterThanOrEqual(400);
    expect(unsigned.statusCode).toBeLessThan(500);
    const headers = signed('GET', url, undefined, 'nonce-replayed-0001');
    expect((await app.inject({ url, headers })).statusCode).toBe(200);
    const replay = await app.inject({ url, headers });
    expect(replay.json<{ error: { code: string } }>().error.code).toBe('device-replay');
    const anonymous = await app.inject({ url });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets district admins and hospital interop accounts replicate with their session alone, in their scope', async () => {
    const person = personIn(stationId, 'p-app-hospital');
    const body = JSON.stringify([{ newDocumentState: live(person) }]);
    const url = '/sync/persons/push';
    expect(
      (await app.inject({ method: 'POST', url, headers: signed('POST', url, body), payload: body }))
        .statusCode,
    ).toBe(200);

    const district = await createActiveAccount(app, adminToken, {
      fullName: 'Trần Thị Bình',
      role: 'district-admin',
      orgUnitId: units.centre1,
    });
    const hospital = await createActiveAccount(app, adminToken, {
      fullName: 'Lê Văn Cường',
      role: 'interop',
      orgUnitId: units.hospital,
    });
    const pulledIds = async (token: string, collection: string) => {
      const response = await app.inject({
        url: `/sync/${collection}/pull?checkpoint=0&limit=100`,
        headers: bearer(token),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ documents: { id: string }[] }>().documents.map((d) => d.id);
    };
    expect(await pulledIds(district.token, 'persons')).toContain('p-app-hospital');
    expect(await pulledIds(hospital.token, 'persons')).toEqual([]);

    const visit = encounterOf(person, 'e-app-hospital-visit', { orgUnitId: units.hospital });
    const pushed = await app.inject({
      method: 'POST',
      url: '/sync/encounters/push',
      headers: bearer(hospital.token),
      payload: [{ newDocumentState: live(visit) }],
    });
    expect(pushed.statusCode, pushed.body).toBe(200);
    expect(pushed.json()).toEqual([]);
    // The hospital's own visit starts no care relationship: the city admin approves the refused visit first.
    expect(await pulledIds(hospital.token, 'persons')).toEqual([]);
    const refused = await app.inject({ url: '/admin/quarantine?state=open', headers: bearer(adminToken) });
    const entry = refused
      .json<{ entries: { id: number; documentId: string; reason: string }[] }>()
      .entries.find((e) => e.documentId === 'e-app-hospital-visit');
    expect(entry?.reason).toBe('care-relationship-missing');
    const approved = await app.inject({
      method: 'POST',
      url: `/admin/quarantine/${String(entry?.id)}/reapply`,
      headers: bearer(adminToken),
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await pulledIds(hospital.token, 'persons')).toEqual(['p-app-hospital']);
    expect(await pulledIds(hospital.token, 'encounters')).toEqual(['e-app-hospital-visit']);
  });

  it("ends an open stream when the station's device is revoked or its session ends", async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`;
    const open = async (credentials: { token: string; deviceId: string; secretKey: Uint8Array }) => {
      const url = '/sync/persons/stream';
      const messages: unknown[] = [];
      let ended = false;
      const headers = {
        ...bearer(credentials.token),
        ...schemaHeader(url),
        ...signRequest({ ...credentials, method: 'GET', path: url, now: clock.now() }),
      };
      const subscription = serverSentEvents(`${baseUrl}${url}`, headers).subscribe({
        next: (message) => messages.push(message),
        complete: () => (ended = true),
        error: () => (ended = true),
      });
      await until(() => messages.length > 0);
      expect(messages).toEqual(['RESYNC']);
      return {
        isEnded: () => ended,
        close: () => {
          subscription.unsubscribe();
        },
      };
    };

    const second = await enrolDevice('Máy tiêm chủng');
    const revoked = await open({ token: stationToken, ...second });
    const revoke = await app.inject({
      method: 'POST',
      url: `/admin/devices/${second.deviceId}/revoke`,
      headers: bearer(adminToken),
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    await until(revoked.isEnded);

    const third = await enrolDevice('Máy khám bệnh');
    const session = await login(app, stationUser.userName, stationUser.password);
    const loggedOut = await open({ token: session, ...third });
    expect(
      (await app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(session) })).statusCode,
    ).toBe(204);
    await until(loggedOut.isEnded);

    const stillOpen = await open({ token: stationToken, ...device });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(stillOpen.isEnded()).toBe(false);
    stillOpen.close();
  });

  it("tells a station device what became of its own refused and merged writes, and nobody else's", async () => {
    const [other] = await database.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, units.centre2), eq(orgUnits.kind, 'commune-station')))
      .limit(1);
    const push = async (rows: object[]) => {
      const body = JSON.stringify(rows);
      const pushed = await app.inject({
        method: 'POST',
        url: '/sync/persons/push',
        headers: signed('POST', '/sync/persons/push', body),
        payload: body,
      });
      expect(pushed.statusCode, pushed.body).toBe(200);
      clock.advance(1000);
    };
    await push([{ newDocumentState: live(personIn(other?.id ?? '', 'p-outcome-elsewhere')) }]);
    const base = personIn(stationId, 'p-outcome-merged');
    await push([{ newDocumentState: live(base) }]);
    await push([
      {
        assumedMasterState: live(base),
        newDocumentState: live(editedPerson(base, 'dev-1', 10, { phones: ['0987654321'] })),
      },
    ]);
    await push([
      {
        assumedMasterState: live(base),
        newDocumentState: live(editedPerson(base, 'dev-1', 20, { email: 'an@example.vn' })),
      },
    ]);

    const url = '/sync/outcomes?limit=20';
    const answer = await app.inject({ url, headers: signed('GET', url) });
    expect(answer.statusCode, answer.body).toBe(200);
    const outcomes = deviceOutcomesAnswer.parse(answer.json()).outcomes;
    expect(outcomes.map((o) => [o.kind, o.documentId])).toEqual([
      ['merged', 'p-outcome-merged'],
      ['quarantined', 'p-outcome-elsewhere'],
    ]);
    expect(outcomes[1]).toMatchObject({ reason: 'out-of-scope', resolution: null });
    expect(outcomes[1]?.kind === 'quarantined' && outcomes[1].reasonMessage).toContain('ngoài phạm vi');
    // Both edits changed the contact group: the newer stamp won.
    expect(outcomes[0]?.kind === 'merged' && outcomes[0].rules).toEqual(['concurrent-newer-stamp-won']);

    // Another device of the same station sees only its own; an admin session (no device) is refused.
    const second = await enrolDevice('Máy khám 2');
    const fromSecond = await app.inject({
      url,
      headers: {
        ...bearer(stationToken),
        ...signRequest({ ...second, method: 'GET', path: url, now: clock.now() }),
      },
    });
    expect(fromSecond.statusCode, fromSecond.body).toBe(200);
    expect(fromSecond.json()).toEqual({ outcomes: [] });
    const fromAdmin = await app.inject({ url, headers: bearer(adminToken) });
    expect(fromAdmin.statusCode).toBe(403);
    expect(fromAdmin.json()).toMatchObject({ error: { code: 'forbidden-role' } });
  });

  it('documents the replication routes in OpenAPI', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/sync/{collection}/pull',
        '/sync/{collection}/push',
        '/sync/{collection}/stream',
      ]),
    );
  });
});
