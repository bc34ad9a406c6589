import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The packaged station app, end to end — RELEASE MACHINE ONLY. It needs the Electron binary, which the
 * development machines and CI cannot download, so it is skipped unless HSSK_ELECTRON_APP names the packaged
 * executable (e.g. `dist/linux-unpacked/hssk-tram` under `xvfb-run`, or `dist\win-unpacked\HSSK Trạm Y tế.exe`).
 * See build/RELEASING.md, step 6. It has never run on the development machines.
 */
const executablePath = process.env['HSSK_ELECTRON_APP'];

type StationWindow = { hsskStation?: Record<string, unknown>; require?: unknown; process?: unknown };

async function coreProcessIds(app: ElectronApplication): Promise<number[]> {
  return app.evaluate(({ app: electronApp }) =>
    electronApp
      .getAppMetrics()
      .filter((m) => m.type === 'Utility' && m.serviceName === 'HSSK station core')
      .map((m) => m.pid),
  );
}

describe.skipIf(executablePath === undefined)('the packaged station app (release machine only)', () => {
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    app = await electron.launch({ executablePath: executablePath ?? '', args: [] });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  it('loads the renderer from app://station, never file://', () => {
    expect(page.url()).toMatch(/^app:\/\/station\//);
  });

  it('gives the page no Node and exactly the station API', async () => {
    const seen = await page.evaluate(() => {
      const w = window as unknown as StationWindow;
      return {
        require: typeof w.require,
        process: typeof w.process,
        api: Object.keys(w.hsskStation ?? {}).sort(),
      };
    });
    expect(seen).toEqual({
      require: 'undefined',
      process: 'undefined',
      api: ['call', 'onConnection', 'subscribe'],
    });
  });

  it('keeps the window on the app and opens no new windows', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/station\//);
    expect(await page.evaluate(() => window.open('app://station/', '_blank') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  it('lets the CSP block any network request from the page', async () => {
    const outcome = await page.evaluate(async () =>
      fetch('https://example.com/').then(
        () => 'fetched',
        () => 'blocked',
      ),
    );
    expect(outcome).toBe('blocked');
  });

  it('runs the station core in a utility process and restarts it after a crash', async () => {
    const [first] = await coreProcessIds(app);
    expect(first).toBeDefined();
    process.kill(first ?? 0, 'SIGKILL');
    await expect.poll(async () => (await coreProcessIds(app))[0], { timeout: 20_000 }).not.toBe(first);
  }, 30_000);
});
