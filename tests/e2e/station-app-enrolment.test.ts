import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingUnexpected, firstSignIn } from './app-steps.ts';
import { startStationApp, type AppPage, type StationAppHarness } from './station-app-harness.ts';

/**
 * A new station computer (Settings "device enrolment with the admin's one-time code"): the station starts
 * without a code, the app asks for the one the district admin issued, refuses a wrong one in the server's words, and
 * after the right one the computer syncs its commune and staff sign in.
 */
describe('enrolling a new station computer in a browser', () => {
  let harness: StationAppHarness;
  let app: AppPage;

  beforeAll(async () => {
    // Installed with an address where no server answers: IT types the right one at enrolment.
    harness = await startStationApp({ enrolment: 'in-app', configuredServerUrl: 'http://127.0.0.1:9' });
  }, 180_000);
  afterAll(async () => {
    await harness.close();
  });

  it('asks for the enrolment code, refuses a wrong one, enrols with the right one, then signs staff in', async () => {
    app = await harness.openApp();
    const { page } = app;
    await expect.poll(() => page.getByTestId('enrolment').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('#enrol-server').inputValue()).toBe('http://127.0.0.1:9');
    await app.screenshot('01-enrolment');

    // The installed address answers nothing: said plainly. A plain-http address elsewhere is refused by the form.
    await page.locator('#enrol-code').fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByRole('button', { name: 'Đăng ký máy trạm' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('Không kết nối được máy chủ');
    await page.locator('#enrol-server').fill('http://hssk.example.vn');
    await page.getByRole('button', { name: 'Đăng ký máy trạm' }).click();
    await expect
      .poll(() => page.getByTestId('enrolment').textContent(), { timeout: 5_000 })
      .toContain('Địa chỉ máy chủ dạng https://');

    await page.locator('#enrol-server').fill(harness.server.baseUrl);
    await page.getByRole('button', { name: 'Đăng ký máy trạm' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('Mã đăng ký thiết bị không đúng');

    // The code as read over the phone: lower case, spaces instead of dashes.
    const code = (await harness.issueEnrolmentCode()).toLowerCase().replaceAll('-', ' ');
    await page.locator('#enrol-code').fill(code);
    await page.locator('#enrol-label').fill('Máy tiếp đón');
    await page.getByRole('button', { name: 'Đăng ký máy trạm' }).click();
    await expect.poll(() => page.locator('#login-user-name').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(harness.station.device.orgUnitId).toBe(harness.orgUnitId);

    const account = await harness.newStaffAccount('Đỗ Thị Hoa');
    await firstSignIn(page, account.userName, account.initialPassword);
    await expect
      .poll(() => page.getByTestId('sync-state').getAttribute('data-sync-kind'), { timeout: 30_000 })
      .toBe('synced');
    await page.getByRole('menuitem', { name: 'Cài đặt' }).click();
    await expect
      .poll(() => page.getByTestId('settings').textContent(), { timeout: 10_000 })
      .toContain(harness.station.device.deviceId);
    // The device belongs to the server it enrolled with, which it keeps syncing with.
    expect(await page.getByTestId('settings').textContent()).toContain(harness.server.baseUrl);
    // The enrolled device is the server's: listed for the commune under the name given.
    const listed = await harness.server.app.inject({
      url: `/admin/devices?orgUnitId=${harness.orgUnitId}`,
      headers: { authorization: `Bearer ${harness.server.adminToken}` },
    });
    expect(listed.body).toContain('Máy tiếp đón');
    // The wrong code's refusal is an expected answer, not a console error of the page.
    expectNothingUnexpected(app);
  }, 90_000);
});
