import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, units } from '../accounts/accounts-app.test-support.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  auditOf,
  fakeInstaller,
  makeRelease,
  publishRelease,
  sha512Of,
  startUpdatesApp,
  uploadArtifact,
  type UpdatesTestApp,
  codeOf,
} from './updates-app.test-support.ts';

type Feed = { version: string; stagingPercentage?: number; hsskSignature: string };

async function linuxFeed(t: UpdatesTestApp): Promise<Feed> {
  const res = await t.app.inject({ method: 'GET', url: '/updates/latest/latest-linux.yml' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Feed>();
}

describe.each(testBackends)('release admin API on $name', (backend) => {
  let t: UpdatesTestApp;

  beforeAll(async () => {
    t = await startUpdatesApp(backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('keeps an uploaded artifact immutable: the same bytes again are accepted, different bytes refused', async () => {
    const bytes = fakeInstaller('0.9.0', 50_000);
    const first = await uploadArtifact(t, 'HSSK-Tram-0.9.0.AppImage', bytes);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ sha512: sha512Of(bytes), size: bytes.length });
    expect((await uploadArtifact(t, 'HSSK-Tram-0.9.0.AppImage', bytes)).statusCode).toBe(200);
    const changed = Buffer.from(bytes);
    changed[10] = (changed[10] ?? 0) ^ 0xff;
    const conflict = await uploadArtifact(t, 'HSSK-Tram-0.9.0.AppImage', changed);
    expect(conflict.statusCode).toBe(409);
    expect(codeOf(conflict)).toBe('artifact-conflict');
    const download = await t.app.inject({ method: 'GET', url: '/updates/latest/HSSK-Tram-0.9.0.AppImage' });
    expect(download.rawPayload.equals(bytes)).toBe(true);
  });

  it('refuses an artifact above the size limit and keeps nothing of it', async () => {
    const res = await uploadArtifact(t, 'too-big.AppImage', Buffer.alloc(4 * 1024 * 1024 + 1));
    expect(res.statusCode).toBe(413);
    expect(codeOf(res)).toBe('artifact-too-large');
    const download = await t.app.inject({ method: 'GET', url: '/updates/latest/too-big.AppImage' });
    expect(download.statusCode).toBe(404);
  });

  it('publishes a release signed by the city key, audited, and the feed carries the signature', async () => {
    const release = makeRelease(t.keys.trusted.secretKey, { version: '1.0.0' });
    const { id } = await publishRelease(t, release);
    const feed = await linuxFeed(t);
    expect(feed.version).toBe('1.0.0');
    expect(feed.hsskSignature).toBe(release.signature);
    expect(feed.stagingPercentage).toBeUndefined();
    const audited = await auditOf(t, 'release-published');
    expect(audited.at(-1)?.detail).toMatchObject({
      version: '1.0.0',
      platform: 'linux',
      stagingPercentage: 100,
    });
    const list = await t.app.inject({
      method: 'GET',
      url: '/admin/updates/releases',
      headers: bearer(t.cityAdmin.token),
    });
    expect(list.json<{ releases: { id: string }[] }>().releases.map((r) => r.id)).toContain(id);
  });

  it('refuses a release signed by another key or whose manifest was altered after signing', async () => {
    const foreign = makeRelease(t.keys.untrusted.secretKey, { version: '1.0.1' });
    await uploadArtifact(t, foreign.fileName, foreign.bytes);
    const post = (manifest: string, signature: string) =>
      t.app.inject({
        method: 'POST',
        url: '/admin/updates/latest/releases',
        headers: bearer(t.cityAdmin.token),
        payload: { manifest, signature, stagingPercentage: 100 },
      });
    const wrongKey = await post(foreign.manifestText, foreign.signature);
    expect(wrongKey.statusCode).toBe(400);
    expect(codeOf(wrongKey)).toBe('release-signature-invalid');
    const genuine = makeRelease(t.keys.trusted.secretKey, { version: '1.0.1' });
    const altered = genuine.manifestText.replace('"1.0.1"', '"1.0.2"');
    const tampered = await post(altered, genuine.signature);
    expect(tampered.statusCode).toBe(400);
    expect(codeOf(tampered)).toBe('release-signature-invalid');
    expect((await linuxFeed(t)).version).toBe('1.0.0');
  });

  it('refuses a release whose files are not uploaded or differ from what was signed', async () => {
    const missing = makeRelease(t.keys.trusted.secretKey, { version: '1.0.3' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/updates/latest/releases',
      headers: bearer(t.cityAdmin.token),
      payload: { manifest: missing.manifestText, signature: missing.signature, stagingPercentage: 100 },
    });
    expect(res.statusCode).toBe(409);
    expect(codeOf(res)).toBe('artifact-missing');
    const other = fakeInstaller('1.0.3-other');
    await uploadArtifact(t, missing.fileName, other);
    const mismatch = await t.app.inject({
      method: 'POST',
      url: '/admin/updates/latest/releases',
      headers: bearer(t.cityAdmin.token),
      payload: { manifest: missing.manifestText, signature: missing.signature, stagingPercentage: 100 },
    });
    expect(mismatch.statusCode).toBe(409);
    expect(codeOf(mismatch)).toBe('artifact-mismatch');
  });

  it('refuses a version that is not newer, and rolls back by republishing the old build as a higher version', async () => {
    const bad = makeRelease(t.keys.trusted.secretKey, { version: '1.1.0' });
    await publishRelease(t, bad);
    expect((await linuxFeed(t)).version).toBe('1.1.0');
    const older = makeRelease(t.keys.trusted.secretKey, { version: '1.0.4' });
    await uploadArtifact(t, older.fileName, older.bytes);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/admin/updates/latest/releases',
      headers: bearer(t.cityAdmin.token),
      payload: { manifest: older.manifestText, signature: older.signature, stagingPercentage: 100 },
    });
    expect(refused.statusCode).toBe(409);
    expect(codeOf(refused)).toBe('release-version-not-newer');
    // The rollback: the 1.0.0 build's content, published as 1.1.1.
    const rollback = makeRelease(t.keys.trusted.secretKey, {
      version: '1.1.1',
      bytes: fakeInstaller('1.0.0'),
    });
    await publishRelease(t, rollback);
    expect((await linuxFeed(t)).version).toBe('1.1.1');
  });

  it('pauses and resumes a release: paused, the feed falls back to the newest active one', async () => {
    const next = makeRelease(t.keys.trusted.secretKey, { version: '1.2.0' });
    const { id } = await publishRelease(t, next);
    const patch = (body: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/admin/updates/releases/${id}`,
        headers: bearer(t.cityAdmin.token),
        payload: body,
      });
    const paused = await patch({ state: 'paused' });
    expect(paused.statusCode, paused.body).toBe(200);
    expect((await linuxFeed(t)).version).toBe('1.1.1');
    expect((await patch({ state: 'active' })).statusCode).toBe(200);
    expect((await linuxFeed(t)).version).toBe('1.2.0');
    expect(codeOf(await patch({}))).toBe('release-change-empty');
    const audited = await auditOf(t, 'release-changed');
    expect(audited.at(-2)?.detail).toMatchObject({ before: { state: 'active' }, after: { state: 'paused' } });
  });

  it('lets only city and IT admins manage releases', async () => {
    const district = await t.account('district-admin', units.centre1);
    const it = await t.account('it-admin', units.department);
    const station = await t.account('station-staff', await t.stationUnder(units.centre1));
    for (const who of [district, station]) {
      const res = await uploadArtifact(t, 'x.AppImage', Buffer.from('x'), { token: who.token });
      expect(res.statusCode).toBe(403);
      const list = await t.app.inject({
        method: 'GET',
        url: '/admin/updates/releases',
        headers: bearer(who.token),
      });
      expect(list.statusCode).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/updates/releases' });
    expect(anonymous.statusCode).toBe(401);
    const byIt = await t.app.inject({
      method: 'PUT',
      url: '/admin/updates/latest/minimum-version',
      headers: bearer(it.token),
      payload: { version: '1.0.0' },
    });
    expect(byIt.statusCode, byIt.body).toBe(200);
    expect((await auditOf(t, 'release-minimum-version-set')).at(-1)?.detail).toEqual({ version: '1.0.0' });
  });
});
