import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingUnexpected, NEW_PASSWORD, search, signIn, submitRegistration } from './app-steps.ts';
import { startStationApp, type AppPage, type StationAppHarness } from './station-app-harness.ts';

/** What a required field left empty says (the station app's Vietnamese text). */
const REQUIRED = 'Trường này cần nhập.';

/**
 * The station app end to end in Debian's Chromium: real sync server, real station core on its encrypted
 * replica, the built renderer served by the real loopback server under its Content-Security-Policy.
 */
describe('the station app in a browser against a real station core and sync server', () => {
  let harness: StationAppHarness;
  let app: AppPage;
  let staffUserName = '';

  beforeAll(async () => {
    harness = await startStationApp();
  }, 180_000);
  afterAll(async () => {
    await harness.close();
  });

  it("refuses a wrong password with the server's explanation", async () => {
    const account = await harness.newStaffAccount('Đỗ Văn Khoa');
    app = await harness.openApp();
    const { page } = app;
    await expect.poll(() => page.locator('#login-user-name').isVisible(), { timeout: 15_000 }).toBe(true);
    await app.screenshot('01-login');
    await signIn(page, account.userName, 'Sai-mật-khẩu#1');
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('không đúng');
    await app.screenshot('02-wrong-password');
    expectNothingUnexpected(app);
  }, 60_000);

  it('makes a first sign-in change the issued password, ticking the policy rules live', async () => {
    const account = await harness.newStaffAccount('Lê Thị Hoa');
    staffUserName = account.userName;
    const { page } = app;
    await signIn(page, account.userName, account.initialPassword);
    await expect.poll(() => page.locator('#new-password').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.locator('#current-password').fill(account.initialPassword);
    await page.locator('#new-password').fill('abc');
    const rule = (code: string) => page.locator(`[data-rule="${code}"]`).getAttribute('data-met');
    expect(await rule('password-too-short')).toBe('false');
    expect(await rule('password-needs-lowercase')).toBe('true');
    expect(await rule('password-needs-uppercase')).toBe('false');
    await page.locator('#new-password').fill(NEW_PASSWORD);
    for (const code of [
      'password-too-short',
      'password-needs-uppercase',
      'password-needs-digit',
      'password-needs-special',
    ])
      expect(await rule(code)).toBe('true');
    await page.locator('#confirm-password').fill(NEW_PASSWORD);
    await app.screenshot('03-change-password');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();

    await expect
      .poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 })
      .toBe('Lê Thị Hoa');
    // The first sync (which also brings this device's health IDs) ends with an honest "synced".
    await expect
      .poll(() => page.getByTestId('sync-state').getAttribute('data-sync-kind'), { timeout: 30_000 })
      .toBe('synced');
    expect(await page.getByTestId('sync-state').textContent()).toContain('Đã đồng bộ');
    await expect
      .poll(() => page.getByTestId('worklist-missing-phone').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await app.screenshot('04-home');
    expectNothingUnexpected(app);
  }, 90_000);

  it('registers a resident, shows the health ID at once, and finds them with and without diacritics', async () => {
    const { page } = app;
    await submitRegistration(page, { fullName: 'Nguyễn Văn Ánh', dateOfBirth: '21/03/1990', sex: 'Nam' });
    await expect.poll(() => page.getByTestId('health-id').isVisible(), { timeout: 15_000 }).toBe(true);
    const healthId = (await page.getByTestId('health-id').textContent()) ?? '';
    expect(healthId).toMatch(/^01\d{11}$/);
    await app.screenshot('05-registered');

    for (const query of ['nguyen van a', 'Nguyễn Văn Ánh', healthId]) {
      await search(page, query);
      await expect
        .poll(() => page.getByTestId('resident-results').textContent(), { timeout: 10_000 })
        .toContain('Nguyễn Văn Ánh');
    }
    expect(await page.getByTestId('resident-results').textContent()).toContain('21/03/1990');
    await app.screenshot('06-search');
    expectNothingUnexpected(app);
  }, 60_000);

  it('warns about a possible duplicate with both people side by side, and registers once told they differ', async () => {
    const { page } = app;
    await submitRegistration(page, { fullName: 'Nguyễn Văn Ánh', dateOfBirth: '21/03/1990', sex: 'Nam' });
    await expect
      .poll(() => page.getByTestId('duplicate-comparison').isVisible(), { timeout: 15_000 })
      .toBe(true);
    const comparison = (await page.getByTestId('duplicate-comparison').textContent()) ?? '';
    expect(comparison).toContain('Người đang đăng ký');
    expect(comparison).toContain('Trùng họ tên, ngày sinh, giới tính');
    await app.screenshot('07-duplicate');
    await page.getByRole('button', { name: 'Đây là người khác — vẫn đăng ký' }).click();
    await expect.poll(() => page.getByTestId('health-id').isVisible(), { timeout: 15_000 }).toBe(true);
    expectNothingUnexpected(app);
  }, 60_000);

  it('keeps a birth date typed after today and explains it, and asks for an unchosen sex in Vietnamese', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: 'Đăng ký mới' }).click();
    await page.locator('#fullName').fill('Trần Thị Hạnh');
    await page.locator('#dateOfBirth').click();
    await page.locator('#dateOfBirth').fill('21/12/2030');
    await page.locator('#dateOfBirth').press('Enter');
    await page.getByRole('button', { name: 'Lưu và cấp mã định danh y tế' }).click();
    const form = page.locator('form');
    await expect
      .poll(() => form.textContent(), { timeout: 10_000 })
      .toMatch(/Ngày sinh 21\/12\/2030 ở sau hôm nay \(\d{2}\/\d{2}\/\d{4}\)/);
    expect(await page.locator('#dateOfBirth').inputValue()).toBe('21/12/2030');
    // The sex left unchosen is asked for in the same round, as a missing answer.
    expect(await form.textContent()).toContain(REQUIRED);
    const text = (await form.textContent()) ?? '';
    expect(text).not.toMatch(/male|female|unknown|Invalid|\d{4}-\d{2}-\d{2}/);
    await app.screenshot('06b-registration-mistakes');
    await page.locator('#dateOfBirth').click();
    await page.locator('#dateOfBirth').fill('21/12/2020');
    await page.locator('#dateOfBirth').press('Enter');
    await page.getByLabel('Nữ', { exact: true }).check();
    await page.getByRole('button', { name: 'Lưu và cấp mã định danh y tế' }).click();
    await expect.poll(() => page.getByTestId('health-id').isVisible(), { timeout: 15_000 }).toBe(true);
    expectNothingUnexpected(app);
  }, 60_000);

  it('renders names that look like markup as text, running nothing', async () => {
    const { page } = app;
    const names = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
    for (const name of names) {
      await submitRegistration(page, {
        fullName: name,
        givenName: name,
        dateOfBirth: '01/01/2000',
        sex: 'Nữ',
      });
      await expect
        .poll(() => page.getByTestId('health-id-card').textContent(), { timeout: 15_000 })
        .toContain(name);
    }
    for (const name of names) {
      await search(page, name.slice(0, 7));
      await expect
        .poll(() => page.getByTestId('resident-results').textContent(), { timeout: 10_000 })
        .toContain(name);
    }
    await app.screenshot('08-markup-names');
    await page.getByRole('menuitem', { name: 'Việc hôm nay' }).click();
    await expect
      .poll(() => page.getByTestId('worklist-missing-phone').textContent(), { timeout: 10_000 })
      .toContain(names[1]);
    await app.screenshot('09-home-with-residents');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('#root script').count()).toBe(0);
    expectNothingUnexpected(app);
  }, 60_000);

  it('tells the truth when the server goes away, signs in offline, and locks after repeated wrong passwords', async () => {
    const { page } = app;
    await harness.stopServer();
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect
      .poll(() => page.getByTestId('sync-state').getAttribute('data-sync-kind'), { timeout: 30_000 })
      .toBe('offline');
    expect(await page.getByTestId('sync-state').textContent()).not.toContain('Đã đồng bộ');
    await app.screenshot('10-offline');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signIn(page, staffUserName, NEW_PASSWORD);
    await expect.poll(() => page.getByTestId('signed-in-user').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('alert').first().textContent()).toContain('ngoại tuyến');
    await app.screenshot('11-offline-sign-in');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, staffUserName, 'Sai-mật-khẩu#1');
      await expect.poll(() => page.locator('.ant-btn-loading').count(), { timeout: 10_000 }).toBe(0);
    }
    await expect.poll(() => page.getByTestId('lockout').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('lockout').textContent()).toMatch(/15 phút/);
    await app.screenshot('12-offline-lockout');
    expectNothingUnexpected(app);
  }, 90_000);
});
