import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../http/error-handling.ts';
import { CONSOLE_CONTENT_SECURITY_POLICY, consolePathOf, consoleRoutes } from './console-routes.ts';

async function appServing(dir: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  await app.register(consoleRoutes({ dir }));
  await app.ready();
  return app;
}

describe('the admin console under /console/', () => {
  let work: string;
  let dist: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'hssk-console-'));
    dist = join(work, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'console.html'), '<!doctype html><title>Quản trị</title>');
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>Trạm</title>');
    await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(dist, 'assets', 'console-abc.js'), 'export {};');
    await writeFile(join(work, 'secret.txt'), 'do not serve');
    await symlink(join(work, 'secret.txt'), join(dist, 'assets', 'link.js'));
    app = await appServing(dist);
  });
  afterAll(async () => {
    await app.close();
    await rm(work, { recursive: true, force: true });
  });

  it('answers the console page at /console/ and at any of its own routes, with the CSP and no caching', async () => {
    for (const url of ['/console/', '/console/accounts', '/console/stations/dev-1?hours=24']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('Quản trị');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('redirects /console to /console/', async () => {
    const res = await app.inject({ url: '/console' });
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe('/console/');
  });

  it('serves hashed assets for a year and the icon, and 404s a missing file instead of the page', async () => {
    const asset = await app.inject({ url: '/console/assets/console-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('export {};');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ url: '/console/favicon.svg' })).headers['content-type']).toBe('image/svg+xml');
    expect((await app.inject({ url: '/console/assets/missing.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'HEAD', url: '/console/assets/console-abc.js' })).statusCode).toBe(
      200,
    );
  });

  it('never serves anything outside the build folder, nor files of the folder other than its assets', async () => {
    for (const url of [
      '/console/../secret.txt',
      '/console/assets/../../secret.txt',
      '/console/assets/..%2f..%2fsecret.txt',
      '/console/assets/%2e%2e/%2e%2e/secret.txt',
      '/console/assets/..%5c..%5csecret.txt',
      '/console/assets/link.js',
      '/console/assets/console-abc.js%00.png',
      '/console/assets/%E0%A4%A.js',
      '/console/index.html',
      '/console/console.html',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).not.toBe(200);
      expect(res.body, url).not.toContain('do not serve');
      expect(res.body, url).not.toContain('Trạm');
    }
    expect((await app.inject({ method: 'POST', url: '/console/' })).statusCode).toBe(404);
  });

  it('reads only safe paths below /console/', () => {
    expect(consolePathOf({ url: '/console/assets/a.js?v=1' })).toBe('assets/a.js');
    expect(consolePathOf({ url: '/console/t%C3%A0i-kho%E1%BA%A3n' })).toBe('tài-khoản');
    expect(consolePathOf({ url: '/console/a/./b' })).toBeUndefined();
    expect(consolePathOf({ url: '/consoles/x' })).toBeUndefined();
  });

  it('answers 503 with what to run when the console has not been built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'hssk-console-empty-'));
    const unbuilt = await appServing(join(empty, 'dist'));
    try {
      const res = await unbuilt.inject({ url: '/console/' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('npm run build:renderer');
      expect((await unbuilt.inject({ url: '/console/accounts' })).statusCode).toBe(503);
    } finally {
      await unbuilt.close();
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('sends the same policy as the <meta> of renderer/console.html', async () => {
    const html = await readFile(
      join(import.meta.dirname, '..', '..', '..', 'renderer', 'console.html'),
      'utf8',
    );
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
  });
});
