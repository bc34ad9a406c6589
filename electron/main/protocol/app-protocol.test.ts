import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy.ts';
import { appScheme, createAppProtocolHandler } from './app-protocol.ts';

describe('the app:// protocol handler', () => {
  let dir: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hssk-app-protocol-'));
    const root = join(dir, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>HSSK</title>');
    await writeFile(join(root, 'assets', 'main.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'khóa bí mật');
    await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link.js'));
    handle = createAppProtocolHandler({ rootDir: root });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

  it('serves the renderer’s files with their type, the CSP and nosniff', async () => {
    const res = await get('app://station/assets/main.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers the app’s routes with index.html', async () => {
    for (const url of ['app://station/', 'app://station/residents/123']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('<title>HSSK</title>');
    }
  });

  it('never serves anything outside the renderer folder', async () => {
    for (const url of [
      'app://station/../secret.txt',
      'app://station/assets/../../secret.txt',
      'app://station/%2e%2e/secret.txt',
      'app://station/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
      'app://station/..%5Csecret.txt',
      'app://station/assets/link.js',
      'app://station/assets/main.js%00.png',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain('khóa');
    }
  });

  it('serves nothing for methods other than GET and HEAD', async () => {
    expect((await get('app://station/index.html', 'POST')).status).toBe(404);
    expect((await get('app://station/index.html', 'HEAD')).status).toBe(200);
  });

  it('registers app:// as a secure standard scheme that does not bypass the CSP', () => {
    expect(appScheme.privileges).toMatchObject({ standard: true, secure: true, bypassCSP: false });
  });
});
