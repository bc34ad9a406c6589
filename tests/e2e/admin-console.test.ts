import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '#sync-server/src/accounts/accounts-app.test-support.ts';
import { CONSOLE_CONTENT_SECURITY_POLICY } from '#sync-server/src/console/console-routes.ts';
import {
  signInConsole,
  startAdminConsole,
  type AdminConsoleHarness,
  type ConsolePage,
  type ConsoleStation,
} from './admin-console-harness.ts';
import { NEW_PASSWORD } from './app-steps.ts';

async function openMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name }).click();
}

/** No console error or warning, no dialog, and nothing the Content-Security-Policy had to block. */
async function expectNothingUnexpected(app: ConsolePage): Promise<void> {
  expect(app.consoleErrors).toEqual([]);
  expect(app.dialogs).toEqual([]);
  expect(await app.cspViolations()).toEqual([]);
}

/** The rows of the monitoring screen's station table, as text. */
async function stationRows(page: Page): Promise<string[]> {
  return page.locator('[data-testid="stations-table"] tbody tr.ant-table-row').allTextContents();
}

/**
 * The admin console end to end in Debian's Chromium: the built console served by the real sync server under
 * its Content-Security-Policy, a station that reported its sync health through replication, a city admin's first
 * sign-in, monitoring with its chart and drill-down, account creation, and the scope of another district's admin.
 */
const figures = {
  pendingChanges: 3,
  oldestPendingAgeSeconds: 1260,
  documentCounts: { persons: 120, encounters: 340, immunizations: 410 },
  databaseSizeBytes: 5 * 1024 * 1024,
  clockOffsetMs: 1_500,
};

describe('the admin console in a browser against a real sync server', () => {
  let harness: AdminConsoleHarness;
  let app: ConsolePage;
  let reporting: ConsoleStation;
  let silent: ConsoleStation;

  beforeAll(async () => {
    harness = await startAdminConsole();
    reporting = await harness.enrolStation(0, figures);
    silent = await harness.enrolStation(1);
    await harness.sendRefusedReport(reporting, figures);
  }, 240_000);
  afterAll(async () => {
    await harness.close();
  });

  it('is served under /console/ with its CSP, and answers its own routes with the app', async () => {
    const index = await fetch(harness.consoleUrl);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
    expect(await index.text()).toContain('<base href="/console/"');
    const deep = await fetch(`${harness.consoleUrl}stations/some-device`);
    expect(deep.status).toBe(200);
    expect((await fetch(`${harness.consoleUrl}assets/nothing-here.js`)).status).toBe(404);
  });

  it('makes a city admin’s first sign-in change the issued password, ticking the rules live', async () => {
    const admin = await harness.newAccount({
      fullName: 'Phạm Thu Hà',
      role: 'city-admin',
      orgUnitId: units.department,
    });
    app = await harness.openConsole();
    const { page } = app;
    await app.screenshot('01-login');
    await signInConsole(page, admin.userName, admin.initialPassword);
    await expect.poll(() => page.locator('#new-password').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.locator('#current-password').fill(admin.initialPassword);
    await page.locator('#new-password').fill('abc');
    const rule = (code: string) => page.locator(`[data-rule="${code}"]`).getAttribute('data-met');
    expect(await rule('password-too-short')).toBe('false');
    expect(await rule('password-needs-lowercase')).toBe('true');
    await page.locator('#new-password').fill(NEW_PASSWORD);
    expect(await rule('password-too-short')).toBe('true');
    expect(await rule('password-needs-special')).toBe('true');
    await page.locator('#confirm-password').fill(NEW_PASSWORD);
    await app.screenshot('02-change-password');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect
      .poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 })
      .toBe('Phạm Thu Hà');
    await expectNothingUnexpected(app);
  }, 90_000);

  it('opens on sync monitoring: the reporting station with its figures, the silent one flagged, the chart drawn', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('monitoring').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await stationRows(page)).length, { timeout: 15_000 }).toBe(2);
    const rows = await stationRows(page);
    const reported = rows.find((row) => row.includes(reporting.label)) ?? '';
    expect(reported).toContain(reporting.unitName);
    expect(reported).toContain('5,0 MB');
    expect(reported).toContain('0.1.0');
    expect(reported).toContain('21 phút');
    expect(reported).toContain('870');
    const never = rows.find((row) => row.includes(silent.label)) ?? '';
    expect(never).toContain('Chưa báo cáo');
    expect(never).toContain('Không đồng bộ 24 giờ');
    expect(await page.locator('tr.hssk-row-stale').count()).toBe(1);
    // The chart of activity and lag per area, drawn on a canvas, with its tooltip (drawn on the canvas too).
    const chart = page.locator('[data-testid="activity-chart"] canvas').first();
    await expect.poll(() => chart.isVisible(), { timeout: 15_000 }).toBe(true);
    const box = await chart.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(200);
    await chart.hover({ position: { x: (box?.width ?? 400) - 60, y: 120 } });
    await app.screenshot('03-monitoring');

    // Filters: only the stations not synced for 24 hours.
    await page.getByTestId('state-filter').click();
    await page.locator('.ant-select-item-option[title^="Không đồng bộ 24 giờ"]').click();
    await expect.poll(async () => (await stationRows(page)).length, { timeout: 5_000 }).toBe(1);
    expect((await stationRows(page))[0]).toContain(silent.label);
    await page.getByTestId('state-filter').click();
    await page.locator('.ant-select-item-option[title^="Tất cả ("]').click();
    await expect.poll(async () => (await stationRows(page)).length, { timeout: 5_000 }).toBe(2);
    await expectNothingUnexpected(app);
  }, 60_000);

  it('drills down into one station’s history, with its chart and reports, at an address of its own', async () => {
    const { page } = app;
    await page.getByTestId('station-link').filter({ hasText: reporting.label }).click();
    await expect.poll(() => page.getByTestId('station-history').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(new URL(page.url()).pathname).toBe(`/console/stations/${reporting.device.deviceId}`);
    await expect
      .poll(() => page.locator('[data-testid="station-chart"] canvas').first().isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    await expect
      .poll(() => page.locator('[data-testid="station-history-table"] tbody tr.ant-table-row').count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await app.screenshot('04-station-history');
    // A reload keeps the screen (the server answers the console's own addresses with the app).
    await page.reload();
    await expect.poll(() => page.getByTestId('station-history').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.goBack();
    await expect.poll(() => page.getByTestId('monitoring').isVisible(), { timeout: 10_000 }).toBe(true);
    await expectNothingUnexpected(app);
  }, 60_000);

  it('creates a station staff account and shows its user name and one-time password once', async () => {
    const { page } = app;
    await openMenu(page, 'Tài khoản');
    await expect.poll(() => page.getByTestId('accounts-table').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.locator('#account-full-name').fill('Nguyễn Thị Lan');
    await page.locator('#account-unit').click();
    await page.locator('#account-unit').fill(reporting.unitName.replace('Trạm Y tế ', ''));
    await page.getByTitle(reporting.unitName, { exact: true }).click();
    // The derived user name shows at once; only the part after the facility code is editable, within the rule.
    await expect
      .poll(() => page.locator('#account-user-name').inputValue(), { timeout: 10_000 })
      .toMatch(/^lannt\d*$/);
    await page.locator('#account-user-name').fill('Lan NT-2026');
    expect(await page.locator('#account-user-name').inputValue()).toBe('lannt2026');
    await app.screenshot('05-create-account');
    await page.getByRole('dialog').getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect
      .poll(() => page.getByTestId('created-user-name').isVisible(), { timeout: 10_000 })
      .toBe(true);
    const userName = (await page.getByTestId('created-user-name').textContent()) ?? '';
    const password = (await page.getByTestId('created-password').textContent()) ?? '';
    expect(userName).toMatch(/^01T\w+_lannt2026$/);
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await page.getByText('Chỉ hiện MỘT LẦN', { exact: false }).isVisible()).toBe(true);
    await app.screenshot('06-account-created');
    // The one-time password works (and must be changed), exactly as shown.
    const login = await fetch(`${harness.server.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userName, password }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(true);
    await page.getByRole('dialog').getByRole('button', { name: 'Đóng' }).click();
    await expect
      .poll(async () => (await page.getByTestId('accounts-table').textContent()) ?? '', { timeout: 10_000 })
      .toContain(userName);
    // Locking it asks first, then shows it locked by an administrator.
    const row = page
      .locator('[data-testid="accounts-table"] tbody tr.ant-table-row')
      .filter({ hasText: userName });
    await row.getByRole('button', { name: 'Khóa' }).click();
    const confirm = page.locator('.ant-popconfirm').getByRole('button', { name: 'Đồng ý' });
    await confirm.waitFor({ state: 'visible' });
    await confirm.click();
    await expect
      .poll(async () => (await row.textContent()) ?? '', { timeout: 20_000 })
      .toContain('Đã khóa (quản trị viên khóa)');
    await expectNothingUnexpected(app);
  }, 60_000);

  it('issues one-time enrolment codes for a commune and a hospital, and shows the audit chain intact', async () => {
    const { page } = app;
    await openMenu(page, 'Thiết bị');
    await expect.poll(() => page.getByTestId('devices-table').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('devices-table').textContent()).toContain(reporting.label);
    await page.getByTestId('enrol-commune').click();
    await page
      .getByTestId('enrol-commune')
      .locator('input')
      .fill(reporting.unitName.replace('Trạm Y tế ', ''));
    await page.getByTitle(reporting.unitName, { exact: true }).click();
    await page.getByRole('button', { name: 'Cấp mã đăng ký' }).click();
    await expect.poll(() => page.getByTestId('enrolment-code').isVisible(), { timeout: 10_000 }).toBe(true);
    expect((await page.getByTestId('enrolment-code').textContent()) ?? '').toMatch(
      /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/,
    );
    await app.screenshot('07-devices');
    // A hospital's sending machine, from the second group of the same list.
    await page.getByTestId('enrol-commune').click();
    await page.getByTestId('enrol-commune').locator('input').fill('Bệnh viện minh họa');
    await page.getByTitle('Bệnh viện minh họa 01032', { exact: true }).click();
    await page.getByRole('button', { name: 'Cấp mã đăng ký' }).click();
    await expect
      .poll(() => page.getByTestId('enrolment-unit').textContent(), { timeout: 10_000 })
      .toBe('Bệnh viện minh họa 01032');
    expect((await page.getByTestId('enrolment-code').textContent()) ?? '').toMatch(
      /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/,
    );
    await app.screenshot('07b-devices-hospital');

    await openMenu(page, 'Nhật ký hệ thống');
    // Opening the page walks nothing: it says the chain was never verified, until the admin asks.
    await expect
      .poll(() => page.getByTestId('audit-chain').textContent(), { timeout: 15_000 })
      .toContain('chưa được kiểm tra');
    await page.getByRole('button', { name: 'Kiểm tra các mục mới' }).click();
    await expect
      .poll(() => page.getByTestId('audit-chain').getAttribute('data-chain-ok'), { timeout: 15_000 })
      .toBe('true');
    expect(await page.getByTestId('audit-chain-when').textContent()).toMatch(
      /^Lần kiểm tra gần nhất: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, kiểm tra [\d.]+ mục mới\.$/,
    );
    await expect
      .poll(() => page.locator('[data-testid="audit-table"] tbody tr.ant-table-row').count(), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    // Ant Design speaks Vietnamese too (its own texts, here the date range's placeholders).
    expect(await page.locator('.ant-picker-range input').first().getAttribute('placeholder')).toBe(
      'Ngày bắt đầu',
    );
    await app.screenshot('08-audit');

    await expectNothingUnexpected(app);
  }, 60_000);

  it('opens a refused write beside the current record and dismisses it with a note', async () => {
    const { page } = app;
    await openMenu(page, 'Xung đột và bản ghi bị từ chối');
    const rows = page.locator('[data-testid="quarantine-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain(reporting.device.deviceId);
    await rows.first().getByRole('button', { name: 'Xem' }).click();
    await expect.poll(() => page.getByTestId('quarantine-entry').isVisible(), { timeout: 10_000 }).toBe(true);
    // The write as sent beside the current record: the fields that differ are marked.
    const differing = page.locator('[data-testid="quarantine-versions"] tr.hssk-row-differs');
    await expect.poll(() => differing.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const text = (await page.getByTestId('quarantine-versions').textContent()) ?? '';
    expect(text).toContain('-1');
    expect(text).toContain('0.1.1');
    await app.screenshot('09-quarantine-entry');
    await page.getByRole('button', { name: 'Bỏ qua, kèm ghi chú' }).click();
    await page.locator('#dismiss-note').fill('Báo cáo lỗi của phiên bản thử, đã có báo cáo đúng.');
    await page.getByRole('dialog').getByRole('button', { name: 'Bỏ qua, kèm ghi chú' }).click();
    await expect
      .poll(async () => (await page.getByTestId('quarantine-entry').textContent()) ?? '', { timeout: 10_000 })
      .toContain('Đã bỏ qua');
    expect(await page.getByRole('button', { name: 'Áp dụng lại vào hồ sơ' }).count()).toBe(0);
    await expectNothingUnexpected(app);
  }, 60_000);

  it('lets an admin report misuse and lock their own account (Art. 23), ending the session', async () => {
    const own = await harness.openConsole();
    const { page } = own;
    try {
      const admin = await harness.activeAccount({
        fullName: 'Ngô Thị Lan',
        role: 'district-admin',
        orgUnitId: units.centre1,
      });
      await signInConsole(page, admin.userName, admin.password);
      await expect
        .poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 })
        .toBe('Ngô Thị Lan');
      await page.getByTestId('account-safety').click();
      await page.getByText('Báo cáo sử dụng sai…').click();
      await page
        .locator('#misuse-description')
        .fill('Mật khẩu của tôi bị người khác nhìn thấy khi đăng nhập.');
      await page.locator('#misuse-lock').check();
      await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await expect.poll(() => page.locator('#login-user-name').isVisible(), { timeout: 15_000 }).toBe(true);
      await own.screenshot('12-own-account-locked');
      await signInConsole(page, admin.userName, admin.password);
      await expect
        .poll(async () => (await page.getByRole('alert').allTextContents()).join(' '), { timeout: 15_000 })
        .toContain('khóa');
      expect(own.dialogs).toEqual([]);
      expect(await own.cspViolations()).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('shows a district admin of another district none of these stations, and a report viewer no station list', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    const other = await harness.activeAccount({
      fullName: 'Đỗ Minh Tuấn',
      role: 'district-admin',
      orgUnitId: units.centre2,
    });
    await signInConsole(page, other.userName, other.password);
    await expect
      .poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 })
      .toBe('Đỗ Minh Tuấn');
    await expect.poll(() => page.getByTestId('monitoring').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => page.getByTestId('stations-table').textContent(), { timeout: 15_000 })
      .toContain('Không có máy trạm nào');
    const text = (await page.getByTestId('monitoring').textContent()) ?? '';
    expect(text).not.toContain(reporting.label);
    expect(text).not.toContain(silent.label);
    await app.screenshot('10-other-district');
    await expectNothingUnexpected(app);
    // A report viewer sees aggregates only: the chart per area, while the server refuses the station list to it and
    // the screen says so instead of showing an empty list.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    const viewer = await harness.activeAccount({
      fullName: 'Vũ Thị Hồng',
      role: 'report-viewer',
      orgUnitId: units.aggregates,
    });
    await signInConsole(page, viewer.userName, viewer.password);
    await expect.poll(() => page.getByTestId('forbidden').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('menuitem').allTextContents()).toEqual([
      'Giám sát đồng bộ',
      'Liên thông bệnh viện',
    ]);
    await app.screenshot('11-report-viewer');
    // Chromium logs the refused request; it is the refusal the screen reports, nothing else.
    expect(app.consoleErrors.splice(0)).toEqual([
      'Failed to load resource: the server responded with a status of 403 (Forbidden)',
    ]);
    await expectNothingUnexpected(app);

    // The check above would see it: an inline style is blocked by the policy, and reported.
    await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.setAttribute('style', 'color: red');
      document.body.append(probe);
    });
    await expect
      .poll(async () => (await app.cspViolations()).join(' '), { timeout: 5_000 })
      .toContain('style-src');
  }, 60_000);
});
