import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingUnexpected, firstSignIn } from './app-steps.ts';
import { startFirstSyncStationApp } from './seeded-station-harness.ts';
import type { AppPage } from './station-app-harness.ts';

const RESIDENTS = 400;

/**
 * A station's first sync against a server that already holds its commune: the sync panel shows one
 * progress bar per collection, received against what the server said it had, until everything has arrived.
 */
describe('the first sync of a fresh station in a browser', () => {
  let harness: Awaited<ReturnType<typeof startFirstSyncStationApp>>;
  let app: AppPage;

  beforeAll(async () => {
    harness = await startFirstSyncStationApp(RESIDENTS, { holdResidentPulls: true });
  }, 240_000);
  afterAll(async () => {
    await harness.close();
  });

  it('shows per-collection progress bars that end at what the server holds', async () => {
    app = await harness.openApp();
    const { page } = app;
    await firstSignIn(page, harness.staff.userName, harness.staff.password);
    await page.getByRole('menuitem', { name: 'Đồng bộ' }).click();
    await expect.poll(() => page.getByTestId('progress-persons').isVisible(), { timeout: 30_000 }).toBe(true);
    // While the residents have not arrived, their bar shows none of what the server said it holds.
    const persons = page.getByTestId('progress-persons');
    await expect
      .poll(() => persons.textContent(), { timeout: 30_000 })
      .toBe(`Người dân0 / ${String(harness.seeded.persons)}`);
    harness.releasePulls();
    await app.screenshot('31-first-sync-progress');
    for (const collection of ['persons', 'encounters', 'immunizations'] as const) {
      const expected = harness.seeded[collection];
      await expect
        .poll(() => page.getByTestId(`progress-${collection}`).textContent(), { timeout: 120_000 })
        .toContain(`${expected.toLocaleString('vi-VN')} / ${expected.toLocaleString('vi-VN')}`);
    }
    await expect
      .poll(() => page.getByTestId('sync-state').getAttribute('data-sync-kind'), { timeout: 30_000 })
      .toBe('synced');
    await app.screenshot('32-first-sync-done');
    expectNothingUnexpected(app);
  }, 240_000);

  it('finds the synced residents by name without diacritics', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: 'Tìm người dân' }).click();
    await page.locator('#resident-search').fill('nguyen');
    await expect
      .poll(async () => page.getByTestId('open-resident').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expectNothingUnexpected(app);
  }, 60_000);
});
