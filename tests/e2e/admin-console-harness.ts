import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { expect } from 'vitest';
import nacl from 'tweetnacl';
import { createSyncHttpClient } from '#electron/station/sync/sync-http-client.ts';
import { bearer, createActiveAccount } from '#sync-server/src/accounts/accounts-app.test-support.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { orgUnits } from '#sync-server/src/db/schema/org-units.ts';
import { openPgliteFromTemplate } from '#sync-server/src/testing/pglite-template.test-support.ts';
import { launchChromium } from '../support/chromium.ts';
import { buildRendererOnce } from '../support/renderer-build.ts';
import {
  startStationTestServer,
  type EnrolledStation,
  type StationTestServer,
} from '../support/station-test-server.ts';
import { SCREENSHOTS, type AppPage } from './station-app-harness.ts';

/** A console page; besides the console messages, every Content-Security-Policy violation the page reported. */
export type ConsolePage = AppPage & { cspViolations(): Promise<string[]> };

/** A station device that an admin enrolled, with the name the console shows for it. */
export type ConsoleStation = EnrolledStation & { readonly unitName: string; readonly label: string };

/**
 * The admin console end to end: the renderer built by Vite as a release builds it, the real sync server (PGlite)
 * serving it under `/console/` beside its API, and Debian's Chromium. The server's first city admin (signed in by the
 * harness, password changed) sets the scene through the API as an administrator would.
 */
export type AdminConsoleHarness = {
  readonly server: StationTestServer;
  readonly consoleUrl: string;
  /** An account created by the city admin, with its one-time password (it must be changed at first sign-in). */
  newAccount(input: {
    fullName: string;
    role: string;
    orgUnitId: string;
  }): Promise<{ userName: string; initialPassword: string }>;
  /** An account created by the city admin whose password is already changed: `password` signs it in. */
  activeAccount(input: {
    fullName: string;
    role: string;
    orgUnitId: string;
  }): Promise<{ userName: string; password: string }>;
  /** Enrols a station device of `ttyt-kv01`'s `stationIndex`-th commune; with `report`, it sends a sync report. */
  enrolStation(stationIndex: number, report?: StationReportFigures): Promise<ConsoleStation>;
  /** The commune stations under a health centre (`ttyt-kv02`…), by id: for real stations of other districts. */
  communeStations(centreId: string): Promise<readonly string[]>;
  /** The station sends a report the server refuses (a negative count): it lands in the server's quarantine. */
  sendRefusedReport(station: ConsoleStation, figures: StationReportFigures): Promise<void>;
  openConsole(): Promise<ConsolePage>;
  close(): Promise<void>;
};

export type StationReportFigures = {
  readonly pendingChanges: number;
  readonly oldestPendingAgeSeconds?: number;
  readonly documentCounts: Readonly<Record<string, number>>;
  readonly databaseSizeBytes: number;
  readonly clockOffsetMs: number;
};

async function orgUnitName(server: StationTestServer, orgUnitId: string): Promise<string> {
  const answer = await server.app.inject({
    url: `/admin/stations?orgUnitId=${encodeURIComponent(orgUnitId)}`,
    headers: bearer(server.adminToken),
  });
  const stations = answer.json<{ stations: { orgUnitId: string; orgUnitName: string }[] }>().stations;
  return stations.find((station) => station.orgUnitId === orgUnitId)?.orgUnitName ?? orgUnitId;
}

/**
 * Sends a `station-status` report as the station does after a sync: a signed push of the device's own document
 * through replication, under the device's own session.
 */
async function sendReport(
  server: StationTestServer,
  station: EnrolledStation,
  figures: StationReportFigures,
  /** Fields that replace the report's own: `{ pendingChanges: -1 }` makes a write the server refuses. */
  override: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const client = createSyncHttpClient({
    baseUrl: server.baseUrl,
    device: station.device,
    appVersion: '0.1.0',
    clock: { now: () => new Date() },
  });
  const now = Date.now();
  const document = {
    id: station.device.deviceId,
    orgUnitId: station.orgUnitId,
    reportedAt: new Date(now).toISOString(),
    appVersion: '0.1.0',
    lastPullAt: new Date(now - 60_000).toISOString(),
    lastPushAt: new Date(now - 30_000).toISOString(),
    pendingChanges: figures.pendingChanges,
    ...(figures.oldestPendingAgeSeconds === undefined
      ? {}
      : { oldestPendingAgeSeconds: figures.oldestPendingAgeSeconds }),
    recordErrors: [],
    documentCounts: figures.documentCounts,
    databaseSizeBytes: figures.databaseSizeBytes,
    clockOffsetMs: figures.clockOffsetMs,
    healthIdsRemaining: 500,
    ...override,
    _deleted: false,
  };
  await client.postJson('/sync/station-status/push', [{ newDocumentState: document }]);
}

/** Signs in on the console's sign-in screen once it shows. */
export async function signInConsole(page: Page, userName: string, password: string): Promise<void> {
  await expect.poll(() => page.locator('#login-user-name').isVisible(), { timeout: 15_000 }).toBe(true);
  await page.locator('#login-user-name').fill(userName);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

export async function startAdminConsole(): Promise<AdminConsoleHarness> {
  await buildRendererOnce();
  await mkdir(SCREENSHOTS, { recursive: true });
  const database: DatabaseHandle = await openPgliteFromTemplate();
  // With a blind-index key, as in production: the server queues potential duplicates and serves their review.
  const server = await startStationTestServer(database, { blindIndexKey: nacl.randomBytes(32) });
  const browser: Browser = await launchChromium();

  async function newAccount(input: { fullName: string; role: string; orgUnitId: string }) {
    const response = await server.app.inject({
      method: 'POST',
      url: '/admin/accounts',
      headers: bearer(server.adminToken),
      payload: input,
    });
    if (response.statusCode !== 201) throw new Error(response.body);
    const body = response.json<{ account: { userName: string }; initialPassword: string }>();
    return { userName: body.account.userName, initialPassword: body.initialPassword };
  }

  return {
    server,
    consoleUrl: `${server.baseUrl}/console/`,
    newAccount,
    async activeAccount(input) {
      const created = await createActiveAccount(server.app, server.adminToken, input);
      return { userName: created.userName, password: created.password };
    },
    async enrolStation(stationIndex, report) {
      const station = await server.enrolStation(stationIndex);
      if (report !== undefined) await sendReport(server, station, report);
      const devices = await server.app.inject({ url: '/admin/devices', headers: bearer(server.adminToken) });
      const label =
        devices
          .json<{ devices: { id: string; label: string }[] }>()
          .devices.find((device) => device.id === station.device.deviceId)?.label ?? '';
      return { ...station, unitName: await orgUnitName(server, station.orgUnitId), label };
    },
    async communeStations(centreId) {
      const rows = await database.db
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(and(eq(orgUnits.parentId, centreId), eq(orgUnits.kind, 'commune-station')))
        .orderBy(asc(orgUnits.id));
      return rows.map((row) => row.id);
    },
    async sendRefusedReport(station, figures) {
      await sendReport(server, station, figures, { pendingChanges: -1, appVersion: '0.1.1' });
    },
    async openConsole() {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
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
      // Installed by the browser before the page's own scripts, outside its CSP: records what the policy blocked.
      await page.addInitScript(() => {
        const seen: string[] = [];
        Object.defineProperty(window, 'hsskCspViolations', { value: seen });
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.push(
            `${event.violatedDirective}: ${event.blockedURI} ${event.sourceFile}:${String(event.lineNumber)}`,
          );
        });
      });
      await page.goto(`${server.baseUrl}/console/`);
      return {
        page,
        consoleErrors,
        dialogs,
        cspViolations: () =>
          page.evaluate(() => [
            ...((window as unknown as { hsskCspViolations?: string[] }).hsskCspViolations ?? []),
          ]),
        async screenshot(name) {
          await page.screenshot({
            path: join(SCREENSHOTS, `console-${name}.png`),
            fullPage: true,
            animations: 'disabled',
          });
        },
      };
    },
    async close() {
      await browser.close();
      await server.close();
      await database.close();
    },
  };
}
