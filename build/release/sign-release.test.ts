import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import nacl from 'tweetnacl';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseKeyId, verifyReleaseManifest } from '#shared/releases/release-manifest.ts';
import { releasePublicKeyPem } from './release-key.ts';
import { fakeBuilderOutput, sha512Base64 } from './release-test-fixtures.test-support.ts';
import { signRelease } from './sign-release.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('signRelease', () => {
  it('signs a manifest the server verifies, naming each artifact with its SHA-512 and size', async () => {
    const key = nacl.sign.keyPair();
    const { dir, artifact, bytes } = await fakeBuilderOutput({ version: '1.4.0' });
    dirs.push(dir);
    const [signed, ...more] = await signRelease({ dir, channel: 'latest', secretKey: key.secretKey });
    expect(more).toEqual([]);
    expect(signed).toMatchObject({ platform: 'linux', version: '1.4.0', keyId: releaseKeyId(key.publicKey) });
    const manifestText = await readFile(join(dir, 'latest-linux.release.json'), 'utf8');
    const signature = (await readFile(join(dir, 'latest-linux.release.sig'), 'utf8')).trim();
    const verified = verifyReleaseManifest(manifestText, signature, [key.publicKey]);
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.value.manifest.files).toEqual([
      { url: artifact, sha512: sha512Base64(bytes), size: bytes.length, blockMapSize: 1234 },
    ]);
    expect(verifyReleaseManifest(manifestText, signature, [nacl.sign.keyPair().publicKey]).ok).toBe(false);
  });

  it('writes an artifact signature IT staff can check by hand with openssl', async () => {
    const key = nacl.sign.keyPair();
    const { dir, artifact } = await fakeBuilderOutput({ version: '1.4.0', platform: 'windows' });
    dirs.push(dir);
    await signRelease({ dir, channel: 'latest', secretKey: key.secretKey });
    const pem = join(dir, 'hssk-release-public.pem');
    await writeFile(pem, releasePublicKeyPem(key.publicKey));
    const verify = (file: string) =>
      run('openssl', [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        pem,
        '-rawin',
        '-in',
        file,
        '-sigfile',
        `${join(dir, artifact)}.sig`,
      ]);
    const { stdout } = await verify(join(dir, artifact));
    expect(stdout).toContain('Signature Verified Successfully');
    // A changed installer fails the same check.
    const changed = join(dir, 'changed.exe');
    const bytes = await readFile(join(dir, artifact));
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await writeFile(changed, bytes);
    await expect(verify(changed)).rejects.toThrow();
  });

  it('refuses to sign a file that differs from what electron-builder recorded', async () => {
    const { dir, artifact } = await fakeBuilderOutput({ version: '1.4.0' });
    dirs.push(dir);
    await writeFile(join(dir, artifact), Buffer.from('something else'));
    await expect(
      signRelease({ dir, channel: 'latest', secretKey: nacl.sign.keyPair().secretKey }),
    ).rejects.toThrow(/differs from latest-linux\.yml/);
  });

  it('says what is missing when the folder has no update metadata for the channel', async () => {
    const { dir } = await fakeBuilderOutput({ version: '1.4.0', channel: 'latest' });
    dirs.push(dir);
    await expect(
      signRelease({ dir, channel: 'beta', secretKey: nacl.sign.keyPair().secretKey }),
    ).rejects.toThrow(/No beta\.yml, beta-linux\.yml/);
  });
});
