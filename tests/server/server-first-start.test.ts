import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import nacl from 'tweetnacl';
import { encodeBase64 } from '#shared/sync/base64.ts';
import { collections } from '#shared/schemas/collections.ts';
import { signRequest } from '#shared/sync/device-signature.ts';
import { SCHEMA_VERSION_HEADER } from '#shared/sync/schema-version-header.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import { syntheticStationFor } from '#shared/synthetic/synthetic-station.ts';
import { startServerProcess } from '../support/spawn-server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'hssk-server-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('the sync server process on embedded PGlite', () => {
  it('seeds on first start, prints the first admin’s password once, forces its change, and lets an enrolled station sync', async () => {
    const first = await startServerProcess({ HSSK_DATA_DIR: dataDir });
    let userName = '';
    try {
      const banner = /user name: (\S+)\n\s+one-time password: (\S+)/.exec(first.output());
      expect(banner).not.toBeNull();
      userName = banner?.[1] ?? '';
      const password = banner?.[2] ?? '';
      expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);

      const login = await post(`${first.url}/auth/login`, { userName, password });
      expect(login.status).toBe(200);
      expect(login.json['mustChangePassword']).toBe(true);
      const token = String(login.json['token']);
      const blocked = await fetch(`${first.url}/admin/accounts`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(blocked.status).toBe(403);
      const changed = await post(
        `${first.url}/auth/change-password`,
        { currentPassword: password, newPassword: 'Mật-khẩu-mới-2026' },
        token,
      );
      expect(changed.status).toBe(200);
      const again = await post(`${first.url}/auth/login`, { userName, password: 'Mật-khẩu-mới-2026' });
      expect(again.json['mustChangePassword']).toBe(false);
    } finally {
      await first.stop();
    }

    const second = await startServerProcess({ HSSK_DATA_DIR: dataDir });
    try {
      expect(second.output()).not.toContain('one-time password');
      const login = await post(`${second.url}/auth/login`, { userName, password: 'Mật-khẩu-mới-2026' });
      expect(login.status).toBe(200);
      await enrolAStationAndSync(second.url, String(login.json['token']));
    } finally {
      await second.stop();
    }
  }, 120_000);
});

/**
 * The whole station path against the real process: the admin creates a station account and an enrolment code, the
 * device enrols with its own key, signs in, and pushes then pulls a synthetic resident with signed requests.
 */
async function enrolAStationAndSync(url: string, adminToken: string): Promise<void> {
  const station = syntheticStationFor('00070');
  if (!station) throw new Error('demo station missing');
  const created = await post(
    `${url}/admin/accounts`,
    { fullName: 'Phạm Thị Lan', role: 'station-staff', orgUnitId: station.orgUnitId },
    adminToken,
  );
  expect(created.status).toBe(201);
  const account = created.json['account'] as { userName: string };
  const first = await post(`${url}/auth/login`, {
    userName: account.userName,
    password: String(created.json['initialPassword']),
  });
  await post(
    `${url}/auth/change-password`,
    { currentPassword: String(created.json['initialPassword']), newPassword: 'Trạm-Y-tế-2026' },
    String(first.json['token']),
  );
  const code = await post(
    `${url}/admin/devices/enrolment-codes`,
    { orgUnitId: station.orgUnitId },
    adminToken,
  );
  expect(code.status).toBe(201);
  const keys = nacl.sign.keyPair();
  const enrolled = await post(`${url}/devices/enrol`, {
    code: String(code.json['code']),
    publicKey: encodeBase64(keys.publicKey),
    label: 'Máy tiếp đón 1',
  });
  expect(enrolled.status).toBe(201);
  const deviceId = String(enrolled.json['deviceId']);
  const session = await post(`${url}/auth/login`, { userName: account.userName, password: 'Trạm-Y-tế-2026' });
  const token = String(session.json['token']);

  const signed = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        // The station app names the schema version it stores `persons` in (every request here is of persons).
        [SCHEMA_VERSION_HEADER]: String(collections.persons.schema.version),
        ...(text === undefined ? {} : { 'content-type': 'application/json' }),
        ...signRequest({ secretKey: keys.secretKey, deviceId, method, path, body: text, now: Date.now() }),
      },
      ...(text === undefined ? {} : { body: text }),
    });
    return { status: res.status, json: (await res.json()) as unknown };
  };
  const [resident] = [
    ...generateSyntheticPopulation({ seed: 5, size: 1, referenceDate: '2026-11-26', stations: [station] }),
  ];
  if (!resident) throw new Error('no resident');
  const pushed = await signed('POST', '/sync/persons/push', [
    { newDocumentState: { ...resident.person, _deleted: false } },
  ]);
  expect(pushed).toEqual({ status: 200, json: [] });
  const pulled = await signed('GET', '/sync/persons/pull?checkpoint=0&limit=10');
  expect(pulled.status).toBe(200);
  const page = pulled.json as { documents: { id: string; fullName: string }[] };
  expect(page.documents.map((d) => [d.id, d.fullName])).toEqual([
    [resident.person.id, resident.person.fullName],
  ]);
  const unsigned = await fetch(`${url}/sync/persons/pull?checkpoint=0`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(unsigned.status).toBe(401);
}
