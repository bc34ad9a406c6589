import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startUpdatesApp, type UpdatesTestApp } from '#sync-server/src/updates/updates-app.test-support.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { PublishRefused, publishRelease } from './publish-release.ts';
import { fakeBuilderOutput } from './release-test-fixtures.test-support.ts';
import { signRelease } from './sign-release.ts';

const repoRoot = join(import.meta.dirname, '..', '..');

/** Runs one of the release commands as `npm run` would, without the tsx wrapper process. */
function runCommand(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'build', 'release', script), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env },
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? -1, out });
    });
  });
}

const [backend] = testBackends;
if (backend === undefined) throw new Error('no test backend');

describe('release:sign and release:publish against a real sync server', () => {
  let t: UpdatesTestApp;
  let server: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    t = await startUpdatesApp(backend);
    server = await t.app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('publishes a signed release that the feed then serves, at the rollout asked for', async () => {
    const { dir, artifact } = await fakeBuilderOutput({ version: '1.4.0' });
    dirs.push(dir);
    await signRelease({ dir, channel: 'latest', secretKey: t.keys.trusted.secretKey });
    const lines: string[] = [];
    const [published] = await publishRelease({
      dir,
      server,
      token: t.cityAdmin.token,
      channel: 'latest',
      stagingPercentage: 0,
      log: (line) => lines.push(line),
    });
    expect(published).toMatchObject({ platform: 'linux', version: '1.4.0' });
    expect(lines[0]).toBe(`đã tải lên: ${artifact}`);
    const feed = await fetch(new URL('/updates/latest/latest-linux.yml', server));
    expect(await feed.json()).toMatchObject({ version: '1.4.0', stagingPercentage: 0 });
  });

  it('is refused by the server when signed with a key the city does not trust', async () => {
    const { dir } = await fakeBuilderOutput({ version: '1.5.0' });
    dirs.push(dir);
    await signRelease({ dir, channel: 'latest', secretKey: t.keys.untrusted.secretKey });
    const publishing = publishRelease({
      dir,
      server,
      token: t.cityAdmin.token,
      channel: 'latest',
      stagingPercentage: 100,
    });
    await expect(publishing).rejects.toBeInstanceOf(PublishRefused);
    await expect(publishing).rejects.toMatchObject({ code: 'release-signature-invalid', status: 400 });
  });

  it('runs as npm run release:sign and release:publish, printing the server’s reason when refused', async () => {
    const { dir } = await fakeBuilderOutput({ version: '1.6.0', platform: 'windows' });
    dirs.push(dir);
    const keyFile = join(dir, 'key');
    await writeFile(keyFile, Buffer.from(t.keys.trusted.secretKey).toString('base64'));
    const signed = await runCommand(
      'sign-release-command.ts',
      ['--dir', dir, '--channel', 'latest', '--key', keyFile],
      {},
    );
    expect(signed.code, signed.out).toBe(0);
    expect(signed.out).toContain('Đã ký windows 1.6.0');
    const env = { HSSK_RELEASE_TOKEN: t.cityAdmin.token };
    const args = ['--server', server, '--channel', 'latest', '--staging', '25', '--dir', dir];
    const published = await runCommand('publish-release-command.ts', args, env);
    expect(published.code, published.out).toBe(0);
    expect(published.out).toContain('đã công bố windows 1.6.0');
    const again = await runCommand('publish-release-command.ts', args, env);
    expect(again.code).toBe(1);
    expect(again.out).toContain('release-version-not-newer');
    const noKey = await runCommand('sign-release-command.ts', ['--dir', dir], {
      HSSK_RELEASE_SECRET_KEY_FILE: '',
    });
    expect(noKey.code).toBe(1);
  }, 60_000);

  it('refuses a tampered signature file before anything is published', async () => {
    const { dir } = await fakeBuilderOutput({ version: '1.7.0' });
    dirs.push(dir);
    await signRelease({ dir, channel: 'latest', secretKey: t.keys.trusted.secretKey });
    await writeFile(
      join(dir, 'latest-linux.release.sig'),
      Buffer.from(nacl.sign.detached(Buffer.from('other'), t.keys.trusted.secretKey)).toString('base64'),
    );
    await expect(
      publishRelease({ dir, server, token: t.cityAdmin.token, channel: 'latest', stagingPercentage: 100 }),
    ).rejects.toMatchObject({ code: 'release-signature-invalid' });
  });
});
