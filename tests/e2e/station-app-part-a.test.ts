import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNothingUnexpected, firstSignIn, openRecord, register } from './app-steps.ts';
import { startStationApp, type AppPage, type StationAppHarness } from './station-app-harness.ts';

const HANG = 'Đỗ Thị Hằng';
const TAM = 'Lương Văn Tâm';

/** Types a dd/mm/yyyy date into a date field and leaves it with Tab (Enter would also submit the dialog's form). */
async function typeDate(page: Page, id: string, date: string): Promise<void> {
  const field = page.locator(`[id="${id}"]`);
  await field.click();
  await field.fill(date);
  await field.press('Tab');
}

/** Opens a worklist from today's work and waits for its residents. */
async function openWorklist(page: Page, kind: string): Promise<void> {
  await page.getByRole('menuitem', { name: 'Việc hôm nay' }).click();
  await page.getByTestId(`open-worklist-${kind}`).click();
  await expect
    .poll(() => page.getByTestId(`worklist-page-${kind}`).isVisible(), { timeout: 10_000 })
    .toBe(true);
}

const saved = (page: Page) => page.getByText('Đã lưu thay đổi.').last();

/**
 * QĐ 831 part A corrected from the record, in Debian's Chromium against the real station core and sync server: the
 * identity cross-check shown while registering, a phone and a CCCD (from the chip's QR) added from the worklists
 * that then drop the resident, a birth date corrected with its reason, and a BHYT card renewed with its history kept.
 */
describe('part A edited from the record in a browser', () => {
  let harness: StationAppHarness;
  let app: AppPage;

  beforeAll(async () => {
    harness = await startStationApp();
  }, 180_000);
  afterEach(async () => {
    await (app as AppPage | undefined)?.page.keyboard.press('Escape');
    await (app as AppPage | undefined)?.page.keyboard.press('Escape');
  });
  afterAll(async () => {
    await harness.close();
  });

  it('shows the CCCD–birth-year mismatch while registering, before anything is saved', async () => {
    const account = await harness.newStaffAccount('Hoàng Thị Mai');
    app = await harness.openApp();
    const { page } = app;
    await firstSignIn(page, account.userName, account.initialPassword);
    await page.getByRole('menuitem', { name: 'Đăng ký mới' }).click();
    await page.locator('#fullName').fill(HANG);
    await typeDate(page, 'dateOfBirth', '02/04/1985');
    await page.getByLabel('Nữ', { exact: true }).check();
    await page.locator('#personalId').fill('001190054321');
    const warning = page.getByTestId('identity-warnings');
    await expect.poll(() => warning.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await warning.textContent()).toContain('1990');
    await app.screenshot('40-register-identity-warning');
    await page.getByRole('button', { name: 'Lưu và cấp mã định danh y tế' }).click();
    await expect.poll(() => page.getByTestId('health-id').isVisible(), { timeout: 15_000 }).toBe(true);
    await register(page, { fullName: TAM, dateOfBirth: '21/03/1999', sex: 'Nam' });
    expectNothingUnexpected(app);
  }, 120_000);

  it('adds a phone from the "missing phone" worklist, refusing a 9-digit mobile, and the worklist drops her', async () => {
    const { page } = app;
    await openWorklist(page, 'missing-phone');
    const list = page.getByTestId('worklist-page-missing-phone');
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain(HANG);
    const before = await page.getByTestId('worklist-count').textContent();
    await page.getByTestId('open-resident').filter({ hasText: HANG }).click();
    const editor = page.getByTestId('edit-contact');
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(true);
    await page.locator('[id="phones.0"]').fill('091234567');
    await editor.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => editor.textContent(), { timeout: 10_000 }).toContain('gồm 10 chữ số');
    await app.screenshot('41-phone-refused');
    await page.locator('[id="phones.0"]').fill('+84 912 345 678');
    await page.locator('#landline').fill('024 3825 1234');
    await editor.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => saved(page).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(false);
    const contact = page.getByTestId('part-a-contact');
    await expect.poll(() => contact.textContent(), { timeout: 10_000 }).toContain('0912 345 678');
    expect(await contact.textContent()).toContain('024 3825 1234');
    await app.screenshot('42-record-part-a-sections');

    await openWorklist(page, 'missing-phone');
    await expect
      .poll(() => page.getByTestId('worklist-count').textContent(), { timeout: 10_000 })
      .not.toBe(before);
    expect(await list.textContent()).not.toContain(HANG);
    expectNothingUnexpected(app);
  }, 90_000);

  it('corrects a birth date only with a reason, and shows what it was', async () => {
    const { page } = app;
    await openRecord(page, 'do thi hang', HANG);
    await page.getByTestId('edit-birth-open').click();
    const editor = page.getByTestId('edit-birth');
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(true);
    await typeDate(page, 'dateOfBirth', '02/04/1990');
    await expect.poll(() => page.locator('#correctionReason').isVisible(), { timeout: 10_000 }).toBe(true);
    await editor.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect
      .poll(() => editor.textContent(), { timeout: 10_000 })
      .toContain('Ghi lý do sửa ngày sinh hoặc giới tính.');
    await page.locator('#correctionReason').fill('Nhập nhầm năm sinh, đã đối chiếu CCCD');
    await app.screenshot('43-birth-correction');
    await editor.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(false);
    const birth = page.getByTestId('part-a-birth');
    await expect.poll(() => birth.textContent(), { timeout: 10_000 }).toContain('02/04/1990');
    expect(await birth.textContent()).toContain('Ngày sinh trước đây là 02/04/1985 — Nhập nhầm năm sinh');
    expectNothingUnexpected(app);
  }, 60_000);

  it('renews a BHYT card as a new period, keeping the old one', async () => {
    const { page } = app;
    await page.getByTestId('edit-bhyt-open').click();
    const editor = page.getByTestId('edit-bhyt');
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(true);
    await page.locator('#card-code').fill('GD4010198765432');
    await typeDate(page, 'card-validFrom', '01/01/2026');
    await typeDate(page, 'card-validTo', '31/12/2026');
    await editor.getByRole('button', { name: 'Lưu thẻ' }).click();
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(false);

    await page.getByTestId('edit-bhyt-open').click();
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(true);
    // The renewal starts from the card held, the day after it ends.
    expect(await page.locator('#card-code').inputValue()).toBe('GD4010198765432');
    expect(await page.locator('#card-validFrom').inputValue()).toBe('01/01/2027');
    await typeDate(page, 'card-validTo', '31/12/2027');
    await editor.getByRole('button', { name: 'Lưu thẻ' }).click();
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(false);

    await page.getByTestId('edit-bhyt-open').click();
    const history = page.getByTestId('bhyt-history');
    await expect.poll(() => history.locator('tbody tr').count(), { timeout: 10_000 }).toBe(2);
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('01/01/2027 – 31/12/2027');
    expect(text).toContain('01/01/2026 – 31/12/2026');
    await app.screenshot('44-bhyt-renewal');
    await editor.getByRole('button', { name: 'Hủy' }).click();
    expectNothingUnexpected(app);
  }, 60_000);

  it('adds a CCCD from the chip QR from the "missing CCCD" worklist, and the worklist drops him', async () => {
    const { page } = app;
    await openWorklist(page, 'missing-personal-id');
    const list = page.getByTestId('worklist-page-missing-personal-id');
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain(TAM);
    await page.getByTestId('open-resident').filter({ hasText: TAM }).click();
    const editor = page.getByTestId('edit-identity');
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(true);
    await page
      .locator('#cccd-qr')
      .fill(
        ['001099012345', '', TAM, '21031999', 'Nam', 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội', '15082021'].join(
          '|',
        ),
      );
    await page.locator('#cccd-qr').press('Enter');
    await expect
      .poll(() => page.locator('#personalId').inputValue(), { timeout: 10_000 })
      .toBe('001099012345');
    expect(await page.getByTestId('qr-differs').count()).toBe(0);
    await page.locator('#idIssuePlace').fill('Cục Cảnh sát QLHC về TTXH');
    await app.screenshot('45-identity-from-qr');
    await editor.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(false);
    const identity = page.getByTestId('part-a-identity');
    await expect.poll(() => identity.textContent(), { timeout: 10_000 }).toContain('001099012345');
    expect(await identity.textContent()).toContain('15/08/2021, Cục Cảnh sát QLHC về TTXH');

    await openWorklist(page, 'missing-personal-id');
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).not.toContain(TAM);
    expectNothingUnexpected(app);
  }, 60_000);

  it('records education and occupation from code lists', async () => {
    const { page } = app;
    await openRecord(page, 'luong van tam', TAM);
    await page.getByTestId('edit-demographics-open').click();
    const editor = page.getByTestId('edit-demographics');
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(true);
    await page.locator('#educationLevel').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Đại học' }).first().click();
    await page.locator('#occupationCode').fill('bac sy da khoa');
    await page.locator('.ant-select-item-option').filter({ hasText: '22110' }).first().click();
    await editor.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(false);
    const demographics = page.getByTestId('part-a-demographics');
    await expect.poll(() => demographics.textContent(), { timeout: 10_000 }).toContain('Đại học');
    expect(await demographics.textContent()).toContain('(22110)');
    await app.screenshot('46-demographics');
    expectNothingUnexpected(app);
  }, 60_000);

  it('asks part B §4–7 with reproductive health for her, not for him, and no obstetrics or development in his exam', async () => {
    const { page } = app;
    await openRecord(page, 'do thi hang', HANG);
    await page.getByRole('tab', { name: 'B. Tiền sử, yếu tố nguy cơ' }).click();
    await expect
      .poll(() => page.getByTestId('reproductive-health').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await page.getByTestId('add-surgery').click();
    await page.locator('[id="surgeries.0.bodyPart"]').fill('Ruột thừa');
    await page.locator('[id="surgeries.0.year"]').fill('2010');
    await page.locator('[id="disabilities.vision"]').fill('Cận thị nặng');
    await page.locator('[id="reproductiveHealth.pregnancies"]').fill('2');
    await page.locator('[id="familyHistory.hypertension.affected"]').fill('Bố');
    await page.getByRole('button', { name: 'Lưu tiền sử' }).click();
    await expect.poll(() => page.getByText('Đã lưu tiền sử.').isVisible(), { timeout: 10_000 }).toBe(true);
    await app.screenshot('47-part-b-4-7');
    // Saved to the record: the form shows it again after the record reloads.
    await expect
      .poll(() => page.locator('[id="surgeries.0.bodyPart"]').inputValue(), { timeout: 10_000 })
      .toBe('Ruột thừa');

    await openRecord(page, 'luong van tam', TAM);
    await page.getByRole('tab', { name: 'B. Tiền sử, yếu tố nguy cơ' }).click();
    await expect.poll(() => page.getByTestId('add-surgery').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('reproductive-health').count()).toBe(0);
    await page.getByRole('button', { name: 'Khám mới' }).click();
    await expect
      .poll(() => page.locator('#organ-cardiovascular').isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await page.locator('#organ-obstetricGynecological').count()).toBe(0);
    expect(await page.locator('#development').count()).toBe(0);
    expectNothingUnexpected(app);
  }, 60_000);

  it('finds residents by words in any order, initials, birth year, +84 phone or the last 6 CCCD digits; arrows and back keep the search', async () => {
    const { page } = app;
    const answered = async (query: string) => {
      await page.locator('#resident-search').fill(query);
      await expect
        .poll(() => page.getByTestId('search-answered').getAttribute('data-answered-query'), {
          timeout: 10_000,
        })
        .toBe(query.trim());
      return (await page.getByTestId('resident-results').textContent()) ?? '';
    };
    await page.getByRole('menuitem', { name: 'Tìm người dân' }).click();
    expect(await answered('hang do thi')).toContain(HANG);
    expect(await answered('l v tam')).toContain(TAM);
    expect(await answered('luong van tam 1999')).toContain(TAM);
    expect(await answered('luong van tam 1998')).not.toContain(TAM);
    expect(await answered('+84 912 345 678')).toContain(HANG);
    expect(await answered('912345678')).toContain(HANG);
    const byTail = await answered('012345');
    expect(byTail).toContain(TAM);
    // The age column: born 21/03/1999.
    expect(byTail).toContain('27 tuổi');
    await app.screenshot('48-search-any-order');

    // Arrow down from the search box to the name, Enter opens it; back returns to the same results.
    await answered('tam luong');
    await page.locator('#resident-search').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(TAM);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('record-name').textContent(), { timeout: 10_000 }).toBe(TAM);
    await page.getByTestId('back-to-results').click();
    await expect
      .poll(() => page.locator('#resident-search').inputValue(), { timeout: 10_000 })
      .toBe('tam luong');
    await expect
      .poll(() => page.getByTestId('resident-results').textContent(), { timeout: 10_000 })
      .toContain(TAM);
    expectNothingUnexpected(app);
  }, 60_000);
});
