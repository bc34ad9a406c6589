import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { repoRoot } from '../support/repo-root.ts';
import { serveFiles } from '../support/static-server.ts';
import { probeKernel } from './kernel-probe.ts';

describe('the shared kernel in a real browser (Debian Chromium through playwright-core)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveFiles>>;

  beforeAll(async () => {
    const bundle = await build({
      stdin: {
        contents: "import { probeKernel } from './kernel-probe.ts'; window.probeKernel = probeKernel;",
        resolveDir: join(repoRoot, 'tests', 'browser'),
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      write: false,
    });
    const script = bundle.outputFiles[0]?.text ?? '';
    server = await serveFiles({
      '/': {
        type: 'text/html; charset=utf-8',
        body: '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Kiểm tra</title><h1>Hồ sơ sức khỏe</h1><script src="/kernel.js"></script>',
      },
      '/kernel.js': { type: 'text/javascript; charset=utf-8', body: script },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('renders a Vietnamese page', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    expect(await page.textContent('h1')).toBe('Hồ sơ sức khỏe');
    expect(await page.title()).toBe('Kiểm tra');
  });

  it('gives the same answers as in Node', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const inBrowser = await page.evaluate(() =>
      (window as unknown as { probeKernel: () => unknown }).probeKernel(),
    );
    const inNode = probeKernel();
    expect(inBrowser).toEqual(inNode);
    expect(inNode).toMatchObject({ stations: 126, collation: ['An', 'Ánh', 'Ân', 'Bình', 'Dũng', 'Đào'] });
  });
});
