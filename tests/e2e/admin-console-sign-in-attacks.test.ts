import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '#sync-server/src/accounts/accounts-app.test-support.ts';
import { startAdminConsole, type AdminConsoleHarness } from './admin-console-harness.ts';

/** The accounts screen's tab of unusual failed sign-ins, in Chromium against the real server. */
describe('the admin console’s view of attacks on sign-in', () => {
  let harness: AdminConsoleHarness;
  beforeAll(async () => {
    harness = await startAdminConsole();
  }, 240_000);
  afterAll(async () => {
    await harness.close();
  });

  it('lists the source of repeated failed sign-ins and the account it targeted, with dd/mm/yyyy HH:mm times', async () => {
    const admin = await harness.activeAccount({
      fullName: 'Đặng Minh Canh',
      role: 'city-admin',
      orgUnitId: units.department,
    });
    const [station] = await harness.communeStations(units.centre1);
    if (station === undefined) throw new Error('no commune station');
    const target = await harness.activeAccount({
      fullName: 'Lý Thị Đích',
      role: 'station-staff',
      orgUnitId: station,
    });
    for (let i = 0; i < 3; i++) {
      const answer = await fetch(`${harness.server.baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userName: target.userName, password: `Đoán#sai-${String(i)}1` }),
      });
      expect(answer.status).toBe(401);
    }

    const app = await harness.openConsole();
    const { page } = app;
    await expect.poll(() => page.locator('#login-user-name').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.locator('#login-user-name').fill(admin.userName);
    await page.locator('#login-password').fill(admin.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('menuitem', { name: 'Tài khoản' }).click();
    await page.getByRole('tab', { name: 'Đăng nhập sai bất thường' }).click();
    const sources = page.getByTestId('sign-in-attack-sources');
    await expect
      .poll(async () => (await sources.textContent()) ?? '', { timeout: 15_000 })
      .toContain('Địa chỉ');
    const sourceRow = (await sources.locator('tbody tr.ant-table-row').allTextContents()).join('\n');
    expect(sourceRow).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const accounts = (await page.getByTestId('sign-in-attack-accounts').textContent()) ?? '';
    expect(accounts).toContain(target.userName);
    await app.screenshot('sign-in-attacks');
    expect(app.consoleErrors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  }, 180_000);
});
