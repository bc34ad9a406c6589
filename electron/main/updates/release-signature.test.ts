import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDownloadedUpdate } from './release-signature.ts';

const city = nacl.sign.keyPair();
const other = nacl.sign.keyPair();
const bytes = Buffer.from('HSSK-Tram 1.1.0 AppImage bytes');

function signed(overrides: Record<string, unknown> = {}, key = city.secretKey) {
  const manifest = JSON.stringify({
    format: 'hssk-release-manifest/1',
    product: 'hssk-station',
    channel: 'latest',
    platform: 'linux',
    version: '1.1.0',
    releaseDate: '2026-03-02T02:00:00.000Z',
    files: [
      { url: 'a.AppImage', sha512: createHash('sha512').update(bytes).digest('base64'), size: bytes.length },
    ],
    ...overrides,
  });
  return {
    version: '1.1.0',
    hsskManifest: manifest,
    hsskSignature: Buffer.from(nacl.sign.detached(Buffer.from(manifest), key)).toString('base64'),
  };
}

describe('verifyDownloadedUpdate', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hssk-verify-'));
    file = join(dir, 'a.AppImage');
    await writeFile(file, bytes);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const verify = (info: object, downloadedFile = file) =>
    verifyDownloadedUpdate({
      info: info as { version: string },
      downloadedFile,
      trustedKeys: [city.publicKey],
      platform: 'linux',
      channel: 'latest',
    });

  it('accepts the file the city signed', async () => {
    expect(await verify(signed())).toEqual({ ok: true, value: { version: '1.1.0' }, warnings: [] });
  });

  it('refuses unsigned feeds and signatures by any other key', async () => {
    expect(await verify({ version: '1.1.0' })).toMatchObject({
      ok: false,
      errors: [{ code: 'update-unsigned' }],
    });
    expect(await verify(signed({}, other.secretKey))).toMatchObject({
      errors: [{ code: 'update-signature-invalid' }],
    });
    const tamperedText = { ...signed(), hsskManifest: signed().hsskManifest.replace('1.1.0', '9.9.9') };
    expect(await verify(tamperedText)).toMatchObject({ errors: [{ code: 'update-signature-invalid' }] });
  });

  it('refuses a signed release for another platform, channel or version, or another file', async () => {
    expect(await verify(signed({ platform: 'windows' }))).toMatchObject({
      errors: [{ code: 'update-mismatch' }],
    });
    expect(await verify(signed({ channel: 'beta' }))).toMatchObject({
      errors: [{ code: 'update-mismatch' }],
    });
    expect(await verify({ ...signed(), version: '1.2.0' })).toMatchObject({
      errors: [{ code: 'update-mismatch' }],
    });
    const otherFile = join(dir, 'b.AppImage');
    await writeFile(otherFile, 'something else');
    expect(await verify(signed(), otherFile)).toMatchObject({ errors: [{ code: 'update-mismatch' }] });
  });
});
