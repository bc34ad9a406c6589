import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import nacl from 'tweetnacl';
import { expect } from 'vitest';
import {
  bearer,
  changePassword,
  cheapHasher,
  createActiveAccount,
  login,
  rowsOf,
  type CreatedForTest,
} from '../accounts/accounts-app.test-support.ts';
import { createTestClock, type TestClock } from '../testing/test-clock.test-support.ts';
import { createInitialCityAdmin } from '../accounts/create-initial-city-admin.ts';
import { buildApp } from '../app/build-app.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { createSessionTokens } from '../auth/session-tokens.ts';
import { createDocumentCipher } from '../crypto/document-cipher.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { seedOrgUnits } from '../org-units/seed-org-units.ts';
import type { TestBackend } from '../testing/test-databases.test-support.ts';
import { createDirectoryArtifactStore } from './artifact-store.ts';
import {
  RELEASE_MANIFEST_FORMAT,
  signReleaseManifest,
  type ReleaseManifest,
  type ReleasePlatform,
} from '#shared/releases/release-manifest.ts';

/** The city's release key of the test server, and a key it does not trust. */
export type ReleaseKeys = { readonly trusted: nacl.SignKeyPair; readonly untrusted: nacl.SignKeyPair };

export type UpdatesTestApp = {
  readonly database: DatabaseHandle;
  readonly app: FastifyInstance;
  readonly clock: TestClock;
  readonly keys: ReleaseKeys;
  readonly artifactsDir: string;
  readonly cityAdmin: { token: string; id: string };
  account(role: string, orgUnitId: string): Promise<CreatedForTest>;
  /** A commune station under `centre`, for area rollouts. */
  stationUnder(centre: string): Promise<string>;
  close(): Promise<void>;
};

/** The full sync server (`buildApp`) with replication and updates on, a city admin signed in. */
export async function startUpdatesApp(backend: TestBackend): Promise<UpdatesTestApp> {
  const database = await backend.open();
  const clock = createTestClock();
  const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
  const sessions = createSessionTokens({ clock, touchIntervalMs: 0 });
  const artifactsDir = await mkdtemp(join(tmpdir(), 'hssk-updates-'));
  const keys = { trusted: nacl.sign.keyPair(), untrusted: nacl.sign.keyPair() };
  await seedOrgUnits(database.db);
  const initial = await createInitialCityAdmin({ db: database.db, audit, clock, hasher: cheapHasher });
  if (initial === null) throw new Error('fresh database already had a city admin');
  const app = await buildApp({
    database,
    clock,
    audit,
    bodyLimit: 64 * 1024,
    logLevel: 'warn',
    logStream: { write: () => undefined },
    accounts: { passwordHasher: cheapHasher, sessionTokens: sessions },
    replication: {
      cipher: createDocumentCipher(new Map([['k', nacl.randomBytes(nacl.secretbox.keyLength)]])),
    },
    updates: {
      artifacts: createDirectoryArtifactStore(artifactsDir),
      releasePublicKeys: [keys.trusted.publicKey],
      maxArtifactBytes: 4 * 1024 * 1024,
    },
  });
  await app.ready();
  const first = await login(app, initial.account.userName, initial.initialPassword);
  const password = 'Quản-trị#2026';
  expect((await changePassword(app, first, initial.initialPassword, password)).statusCode).toBe(200);
  const token = await login(app, initial.account.userName, password);
  return {
    database,
    app,
    clock,
    keys,
    artifactsDir,
    cityAdmin: { token, id: initial.account.id },
    account: (role, orgUnitId) =>
      createActiveAccount(app, token, { fullName: `Nguyễn Văn ${role}`, role, orgUnitId }),
    async stationUnder(centre) {
      const [station] = await database.db
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(and(eq(orgUnits.parentId, centre), eq(orgUnits.kind, 'commune-station')))
        .limit(1);
      if (station === undefined) throw new Error(`no station under ${centre}`);
      return station.id;
    },
    async close() {
      await app.close();
      await database.close();
      await rm(artifactsDir, { recursive: true, force: true });
    },
  };
}

/** A fake installer: deterministic bytes of a given size for a version. */
export function fakeInstaller(version: string, size = 200_000): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1)
    bytes[i] = (i * 31 + version.length * 7 + version.charCodeAt(version.length - 1)) % 251;
  return bytes;
}

export function sha512Of(bytes: Uint8Array): string {
  return createHash('sha512').update(bytes).digest('base64');
}

export type TestRelease = {
  readonly manifest: ReleaseManifest;
  readonly manifestText: string;
  readonly signature: string;
  readonly fileName: string;
  readonly bytes: Buffer;
};

/** A release of `version` with one artifact, signed by `secretKey`. */
export function makeRelease(
  secretKey: Uint8Array,
  input: { version: string; platform?: ReleasePlatform; channel?: string; bytes?: Buffer },
): TestRelease {
  const platform = input.platform ?? 'linux';
  const bytes = input.bytes ?? fakeInstaller(input.version);
  const fileName =
    platform === 'linux'
      ? `HSSK-Tram-${input.version}-x86_64.AppImage`
      : `HSSK-Tram-Setup-${input.version}.exe`;
  const manifest: ReleaseManifest = {
    format: RELEASE_MANIFEST_FORMAT,
    product: 'hssk-station',
    channel: input.channel ?? 'latest',
    platform,
    version: input.version,
    releaseDate: '2026-03-02T02:00:00.000Z',
    files: [{ url: fileName, sha512: sha512Of(bytes), size: bytes.length }],
  };
  const manifestText = JSON.stringify(manifest, null, 2);
  return { manifest, manifestText, signature: signReleaseManifest(manifestText, secretKey), fileName, bytes };
}

export async function uploadArtifact(
  t: UpdatesTestApp,
  name: string,
  bytes: Buffer,
  options: { channel?: string; token?: string } = {},
) {
  return t.app.inject({
    method: 'PUT',
    url: `/admin/updates/${options.channel ?? 'latest'}/artifacts/${name}`,
    headers: { ...bearer(options.token ?? t.cityAdmin.token), 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
}

/** Uploads the release's artifact and publishes it; fails the test unless both succeed. */
export async function publishRelease(
  t: UpdatesTestApp,
  release: TestRelease,
  rollout: { stagingPercentage: number; stagingOrgUnits?: string[] } = { stagingPercentage: 100 },
): Promise<{ id: string }> {
  const upload = await uploadArtifact(t, release.fileName, release.bytes, {
    channel: release.manifest.channel,
  });
  expect([200, 201], upload.body).toContain(upload.statusCode);
  const res = await t.app.inject({
    method: 'POST',
    url: `/admin/updates/${release.manifest.channel}/releases`,
    headers: bearer(t.cityAdmin.token),
    payload: { manifest: release.manifestText, signature: release.signature, ...rollout },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>();
}

/** Audit entries with an action, oldest first. */
export async function auditOf(
  t: UpdatesTestApp,
  action: string,
): Promise<{ detail: Record<string, unknown> }[]> {
  return rowsOf<{ detail: Record<string, unknown> }>(
    await t.database.db.execute(sql`select detail from audit_log where action = ${action} order by seq`),
  );
}

/** The problem code of an error response. */
export function codeOf(res: LightMyRequestResponse): string {
  return res.json<{ error: { code: string } }>().error.code;
}
