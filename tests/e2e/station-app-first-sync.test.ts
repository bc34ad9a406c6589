import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingUnexpected, firstSignIn } from './app-steps.ts';
import { startFirstSyncStationApp, type SeededStationApp } from './seeded-station-harness.ts';
import type { AppPage } from './station-app-harness.ts';

const RESIDENTS = 400;
/** Each pull answers this much later (a slow commune link), so the first sync lasts long enough to be watched. */
const PULL_DELAY_MS = 2500;

/**
 * A station's first sync against a server that already holds its commune (issue 5): the sync panel shows one
 * progress bar per collection, received against what the server said it had, until everything has arrived.
 */
describe('the first sync of a fresh station in a browser', () => {
  let harness: SeededStationApp;
  let app: AppPage;

  beforeAll(async () => {
    harness = await startFirstSyncStationApp(RESIDENTS, { pullDelayMs: PULL_DELAY_MS });
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
    // While the first sync runs, the residents' bar shows part of what the server said it holds.
    const persons = page.getByTestId('progress-persons');
    await expect
      .poll(() => persons.textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^Người dân\\d+ / ${String(harness.seeded.persons)}$`));
    const partial = (await persons.textContent()) ?? '';
    process.stdout.write(`first sync progress when the panel opened: ${partial}\n`);
    expect(partial).not.toBe(
      `Người dân${String(harness.seeded.persons)} / ${String(harness.seeded.persons)}`,
    );
    await app.screenshot('31-first-sync-progress');
    for (const collection of ['persons', 'encounters', 'immunizations'] as const) {
      const expected = harness.seeded[collection];
      await expect
        .poll(() => page.getByTestId(`progress-${collection}`).textContent(), { timeout: 120_000 })
        .toContain(`${String(expected)} / ${String(expected)}`);
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
