import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import nacl from 'tweetnacl';
import { openStation, type OpenStation } from '#electron/station/open-station.ts';
import { startLoopbackServer, type LoopbackServer } from '#electron/station/transport/loopback-server.ts';
import { bearer } from '#sync-server/src/accounts/accounts-app.test-support.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { openPgliteFromTemplate } from '#sync-server/src/testing/pglite-template.test-support.ts';
import { launchChromium } from '../support/chromium.ts';
import { buildRendererOnce } from '../support/renderer-build.ts';
import { repoRoot } from '../support/repo-root.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

export const SCREENSHOTS = join(repoRoot, 'tests', 'e2e', 'screenshots');

/** A page of the station app with everything it said that a person should never see (console errors, dialogs). */
export type AppPage = {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly dialogs: string[];
  screenshot(name: string): Promise<void>;
};

/**
 * The whole station app for end-to-end tests, all real: the sync server (PGlite) with a station enrolled by an
 * admin's one-time code, the station core on its encrypted replica, the loopback server serving the renderer built
 * by Vite, and Debian's Chromium.
 */
export type StationAppHarness = {
  readonly server: StationTestServer;
  readonly station: OpenStation;
  readonly loopback: LoopbackServer;
  readonly orgUnitId: string;
  /** A station staff account as an admin creates it: the issued password must be changed at first sign-in. */
  newStaffAccount(fullName: string): Promise<{ userName: string; initialPassword: string }>;
  openApp(): Promise<AppPage>;
  /** A one-time enrolment code for this station's commune, as a district admin issues it. */
  issueEnrolmentCode(): Promise<string>;
  /** Stops the sync server (the station is offline from then on). */
  stopServer(): Promise<void>;
  close(): Promise<void>;
};

/**
 * A new page of the station app (1366×900, Vietnamese) that records console errors, page errors and dialogs, with
 * screenshots into `SCREENSHOTS`.
 */
export async function openAppPage(browser: Browser, loopback: LoopbackServer): Promise<AppPage> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${loopback.url}/#secret=${loopback.secret}`);
  return {
    page,
    consoleErrors,
    dialogs,
    async screenshot(name) {
      await page.screenshot({
        path: join(SCREENSHOTS, `${name}.png`),
        fullPage: true,
        animations: 'disabled',
      });
    },
  };
}

/**
 * Starts it all. `enrolment: 'in-app'` starts the station without an enrolment code, as on a new computer: the app
 * shows the enrolment screen and the test enters a code from `issueEnrolmentCode` (and, with another
 * `configuredServerUrl`, the test server's address).
 */
export async function startStationApp(
  options: {
    enrolment?: 'at-start' | 'in-app';
    /** The server address the station is installed with (default the test server's). */
    configuredServerUrl?: string;
  } = {},
): Promise<StationAppHarness> {
  await buildRendererOnce();
  await mkdir(SCREENSHOTS, { recursive: true });
  const database: DatabaseHandle = await openPgliteFromTemplate();
  const server = await startStationTestServer(database);
  const { orgUnitId } = await server.createStaff(0);
  const dataDir = await mkdtemp(join(tmpdir(), 'hssk-e2e-station-'));
  const station = await openStation({
    dataDir,
    serverUrl: options.configuredServerUrl ?? server.baseUrl,
    passphrase: 'e2e-machine-passphrase',
    recoveryPublicKey: nacl.box.keyPair().publicKey,
    enrolmentCode: options.enrolment === 'in-app' ? undefined : await server.issueEnrolmentCode(orgUnitId),
    appVersion: '0.1.0',
  });
  const loopback = await startLoopbackServer({
    api: station.core,
    staticDir: join(repoRoot, 'renderer', 'dist'),
  });
  const browser: Browser = await launchChromium();
  let serverRunning = true;
  const stopServer = async () => {
    if (!serverRunning) return;
    serverRunning = false;
    await server.close();
  };

  return {
    server,
    station,
    loopback,
    orgUnitId,
    async newStaffAccount(fullName) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/admin/accounts',
        headers: bearer(server.adminToken),
        payload: { fullName, role: 'station-staff', orgUnitId },
      });
      if (response.statusCode !== 201) throw new Error(response.body);
      const body = response.json<{ account: { userName: string }; initialPassword: string }>();
      return { userName: body.account.userName, initialPassword: body.initialPassword };
    },
    openApp: () => openAppPage(browser, loopback),
    issueEnrolmentCode: () => server.issueEnrolmentCode(orgUnitId),
    stopServer,
    async close() {
      await browser.close();
      await loopback.close();
      await station.close();
      await stopServer();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
