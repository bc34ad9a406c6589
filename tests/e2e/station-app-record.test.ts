import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNothingUnexpected, firstSignIn, focusedId, openRecord, register } from './app-steps.ts';
import { SCREENSHOTS, startStationApp, type AppPage, type StationAppHarness } from './station-app-harness.ts';

const ADULT = 'Phạm Văn Đức';
const CHILD = 'Trần Thị Bích Ngọc';

/** dd/mm/yyyy of the day `days` before today, as staff type it. */
function daysAgo(days: number): string {
  const at = new Date(Date.now() - days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(at.getDate())}/${pad(at.getMonth() + 1)}/${String(at.getFullYear())}`;
}

/** Types `text` into the focused field, then Enter, and says where the keyboard went. */
async function typeAndEnter(page: Page, text: string): Promise<string> {
  if (text !== '') await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  return focusedId(page);
}

/**
 * Chooses a vaccine in the dose form's search select: types `typed`, then clicks the option labelled `label` once the
 * list shows it (pressing Enter at once picked nothing when the list was slow to filter).
 */
async function chooseVaccine(page: Page, typed: string, label: string): Promise<void> {
  await page.locator('#vaccine').click();
  await page.locator('#vaccine').fill(typed);
  await pickVaccineOption(page, label);
}

/** Picks the vaccine option showing `label` in the open list of the dose dialog. */
async function pickVaccineOption(page: Page, label: string): Promise<void> {
  const option = page.locator('.ant-select-item-option').filter({ hasText: label }).first();
  const chosen = page.locator('.ant-modal .ant-select-selection-item').filter({ hasText: label });
  // A click that lands while the filtered list re-renders (a busy machine) selects nothing: click until it shows.
  await expect
    .poll(
      async () => {
        if ((await chosen.count()) > 0) return true;
        if (await option.isVisible()) await option.click({ timeout: 2_000 }).catch(() => undefined);
        return (await chosen.count()) > 0;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** Presses Tab until the element with `id` has the focus (at most `max` times). */
async function tabTo(page: Page, id: string, max = 40): Promise<void> {
  for (let i = 0; i < max && (await focusedId(page)) !== id; i++) await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe(id);
}

/**
 * The resident record, the keyboard-first exam form, immunizations, worklists, the sync panel, settings and print,
 * in Debian's Chromium against the real station core and sync server.
 */
describe('the resident record and the exam form in a browser', () => {
  let harness: StationAppHarness;
  let app: AppPage;
  let backupDir = '';

  beforeAll(async () => {
    harness = await startStationApp();
    backupDir = await mkdtemp(join(tmpdir(), 'hssk-e2e-backup-'));
  }, 180_000);
  // A step that failed may leave a dialog or a dropdown open: close it, so one failure does not take the rest along.
  afterEach(async (context) => {
    // A failed step leaves a picture of the screen it failed on.
    if (context.task.result?.state === 'fail')
      await (app as AppPage | undefined)?.screenshot(
        `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`,
      );
    // `app` is unset until the first test opened the page.
    // Twice: the first Escape closes an open dropdown, the second the dialog under it.
    await (app as AppPage | undefined)?.page.keyboard.press('Escape');
    await (app as AppPage | undefined)?.page.keyboard.press('Escape');
  });
  afterAll(async () => {
    await harness.close();
    await rm(backupDir, { recursive: true, force: true });
  });

  it('signs in a new staff member and registers an adult and a baby', async () => {
    const account = await harness.newStaffAccount('Vũ Thị Lan');
    app = await harness.openApp();
    await firstSignIn(app.page, account.userName, account.initialPassword);
    await expect
      .poll(() => app.page.getByTestId('sync-state').getAttribute('data-sync-kind'), { timeout: 30_000 })
      .toBe('synced');
    await register(app.page, { fullName: ADULT, dateOfBirth: '12/05/1965', sex: 'Nam' });
    await register(app.page, { fullName: CHILD, dateOfBirth: daysAgo(70), sex: 'Nữ' });
    expectNothingUnexpected(app);
  }, 90_000);

  it('opens a record found without diacritics, with parts A–D as tabs', async () => {
    const { page } = app;
    await openRecord(page, 'pham van duc', ADULT);
    expect(await page.getByTestId('part-a').textContent()).toContain('12/05/1965');
    await app.screenshot('20-record-part-a');
    await page.getByRole('tab', { name: 'B. Tiền sử, yếu tố nguy cơ' }).click();
    const hypertension = page.getByLabel('Tăng huyết áp', { exact: true });
    await expect.poll(() => hypertension.isVisible(), { timeout: 10_000 }).toBe(true);
    const drugAllergy = page.locator('[id="allergies.drug"]');
    // The form is (re)filled from the record when the record arrives: enter the values until they stay.
    await expect
      .poll(
        async () => {
          if (!(await hypertension.isChecked())) await hypertension.click();
          if ((await drugAllergy.inputValue()) !== 'Penicillin') await drugAllergy.fill('Penicillin');
          await page.waitForTimeout(300);
          return (await hypertension.isChecked()) && (await drugAllergy.inputValue()) === 'Penicillin';
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(await hypertension.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Lưu tiền sử' }).click();
    await expect.poll(() => page.getByText('Đã lưu tiền sử.').isVisible(), { timeout: 10_000 }).toBe(true);
    await app.screenshot('21-record-part-b');
    expectNothingUnexpected(app);
  }, 60_000);

  it('records an exam with the keyboard alone: live BMI and blood-pressure class, ICD-10 without diacritics, sign', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Khám mới' }).click();
    await expect.poll(() => focusedId(page), { timeout: 10_000 }).toBe('exam-kind');
    // From here on, only the keyboard.
    expect(await typeAndEnter(page, '')).toBe('exam-date');
    expect(await typeAndEnter(page, '')).toBe('exam-history');
    await page.keyboard.type('Đau đầu hai ngày');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('vital-pulse');
    expect(await typeAndEnter(page, '78')).toBe('vital-temperatureC');
    expect(await typeAndEnter(page, '36,8')).toBe('vital-systolic');
    expect(await typeAndEnter(page, '150')).toBe('vital-diastolic');
    expect(await typeAndEnter(page, '95')).toBe('vital-respiratoryRate');
    expect(await typeAndEnter(page, '18')).toBe('vital-weightKg');
    expect(await typeAndEnter(page, '70')).toBe('vital-heightCm');
    expect(await typeAndEnter(page, '165')).toBe('vital-waistCm');
    expect(await page.getByTestId('live-bmi').textContent()).toContain('25,7');
    expect(await page.getByTestId('live-bmi').textContent()).toContain('Béo phì');
    expect(await page.getByTestId('live-bp-class').textContent()).toContain('Tăng huyết áp độ 1');
    expect(await typeAndEnter(page, '88')).toBe('acuity-rightUncorrected');
    for (const next of [
      'acuity-leftUncorrected',
      'acuity-rightCorrected',
      'acuity-leftCorrected',
      'general-skinMucosa',
    ])
      expect(await typeAndEnter(page, '10/10')).toBe(next);
    expect(await typeAndEnter(page, 'Hồng')).toBe('general-other');
    expect(await typeAndEnter(page, '')).toBe('organ-cardiovascular');
    expect(await typeAndEnter(page, 'Tim đều, T1 T2 rõ')).toBe('organ-respiratory');
    // A man of 61: no obstetrics and no child development; the other 14 organ systems, then the labs.
    for (let i = 0; i < 15; i++) await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('add-lab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('lab-0-name');
    expect(await typeAndEnter(page, 'Glucose máu')).toBe('lab-0-value');
    expect(await typeAndEnter(page, '6,1')).toBe('lab-0-unit');
    expect(await typeAndEnter(page, 'mmol/L')).toBe('lab-0-conclusion');
    // Enter passes over the row's remove button: it never lands on a destructive action.
    expect(await typeAndEnter(page, 'Bình thường')).toBe('add-lab');
    await tabTo(page, 'diagnosis-search');
    // The full list: the general check-up is not among the primary-care codes.
    await page.keyboard.type('Z00');
    await expect.poll(() => page.getByTestId('icd10-option-Z00').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.locator('#diagnosis-search').fill('');
    // Staff's abbreviation for hypertension puts I10 first.
    await page.keyboard.type('THA');
    await expect
      .poll(
        () =>
          page
            .locator('.ant-select-item-option')
            .first()
            .locator('[data-testid^="icd10-option-"]')
            .getAttribute('data-testid'),
        { timeout: 5_000 },
      )
      .toBe('icd10-option-I10');
    await expect.poll(() => page.getByTestId('icd10-option-I10').isVisible(), { timeout: 5_000 }).toBe(true);
    await app.screenshot('21b-diagnosis-abbreviation');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('chosen-diagnoses').textContent(), { timeout: 5_000 })
      .toContain('I10');
    // No code fits: the words are written down, marked for the district to code.
    await page.keyboard.type('Đau mỏi vai gáy kéo dài');
    await page.getByTestId('icd10-option-uncoded').click();
    await expect
      .poll(() => page.getByTestId('chosen-diagnoses').textContent(), { timeout: 5_000 })
      .toContain('Đau mỏi vai gáy kéo dài chưa mã hóa');
    await tabTo(page, 'exam-advice');
    await page.keyboard.type('Ăn nhạt, tái khám sau 1 tháng');
    await app.screenshot('22-exam-form');
    await tabTo(page, 'exam-sign');
    await page.keyboard.press('Enter');
    // Signing asks first, saying it cannot be undone; Enter confirms (the keyboard stays enough).
    await expect
      .poll(() => page.getByTestId('sign-confirmation').isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await page.getByTestId('sign-confirmation').textContent()).toContain('không sửa hay xóa được');
    await app.screenshot('22b-sign-confirmation');
    // Enter confirms once the dialog has moved the focus onto its OK button (after its opening animation).
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.ant-modal-confirm-btns') != null), {
        timeout: 10_000,
      })
      .toBe(true);
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByTestId('signed-exam').isVisible(), { timeout: 15_000 }).toBe(true);
    const details = (await page.getByTestId('signed-exam').getByTestId('exam-details').textContent()) ?? '';
    for (const text of [
      'I10',
      '25,7 (Béo phì)',
      'Tăng huyết áp độ 1',
      'Tim đều, T1 T2 rõ',
      'Đau mỏi vai gáy kéo dài (chưa mã hóa)',
      'Glucose máu',
      'Vũ Thị Lan',
    ])
      expect(details).toContain(text);
    await app.screenshot('23-exam-signed');
    expectNothingUnexpected(app);
  }, 90_000);

  it('keeps a signed exam read-only and amends it as a new exam that points back', async () => {
    const { page } = app;
    expect(await page.locator('[data-testid="signed-exam"] input').count()).toBe(0);
    await page.locator('#exam-amend').click();
    await expect.poll(() => page.getByTestId('exam-form').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.locator('#vital-systolic').inputValue(), { timeout: 10_000 }).toBe('150');
    await page.locator('#vital-systolic').fill('145');
    await page.locator('#exam-sign').click();
    await page.getByRole('button', { name: 'Ký phiếu', exact: true }).click();
    await expect.poll(() => page.getByTestId('signed-exam').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect
      .poll(() => page.getByTestId('signed-exam').getByTestId('exam-details').textContent(), {
        timeout: 10_000,
      })
      .toContain('145');

    await page.getByRole('button', { name: ADULT }).click();
    await expect.poll(() => page.getByTestId('timeline').isVisible(), { timeout: 10_000 }).toBe(true);
    const items = page.getByTestId('timeline-item');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(2);
    await expect
      .poll(() => page.getByTestId('timeline').textContent(), { timeout: 10_000 })
      .toContain('Phiếu bổ sung');
    await app.screenshot('24-record-timeline');
    expectNothingUnexpected(app);
  }, 60_000);

  it('prints the exam summary of a signed exam', async () => {
    const { page } = app;
    await page.getByTestId('timeline-item').first().getByRole('button', { name: 'Xem phiếu' }).click();
    await expect.poll(() => page.getByTestId('signed-exam').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('#root').isVisible()).toBe(false);
      const printed = (await page.getByTestId('print-exam').textContent()) ?? '';
      for (const text of ['PHIẾU KHÁM SỨC KHỎE', ADULT, 'I10', '145']) expect(printed).toContain(text);
      await app.screenshot('24b-print-exam');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    expectNothingUnexpected(app);
  }, 60_000);

  it('refuses an implausible measurement in Vietnamese, then saves a draft the timeline offers to continue', async () => {
    const { page } = app;
    await page.getByRole('button', { name: ADULT }).click();
    await page.getByRole('button', { name: 'Khám mới' }).click();
    await page.locator('#vital-temperatureC').fill('365');
    await page.locator('#exam-save').click();
    await expect
      .poll(() => page.getByTestId('exam-form').textContent(), { timeout: 5_000 })
      .toContain('Giá trị phải không quá 45');
    await page.locator('#vital-temperatureC').fill('37,2');
    await page.locator('#exam-save').click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Phiếu khám nháp' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await page.getByRole('button', { name: ADULT }).click();
    const draft = page.locator('[data-testid="timeline-item"][data-status="draft"]');
    await expect.poll(() => draft.count(), { timeout: 10_000 }).toBe(1);
    await draft.getByRole('button', { name: 'Tiếp tục phiếu nháp' }).click();
    await expect
      .poll(() => page.locator('#vital-temperatureC').inputValue(), { timeout: 10_000 })
      .toBe('37.2');
    await page.getByRole('button', { name: ADULT }).click();
    expectNothingUnexpected(app);
  }, 60_000);

  it('autosaves an exam while it is typed, asks before leaving unsaved work, and fills organ systems as normal', async () => {
    const { page } = app;
    await openRecord(page, 'tran thi bich ngoc', CHILD);
    await page.getByRole('button', { name: 'Khám mới' }).click();
    await expect
      .poll(() => page.locator('#organ-cardiovascular').isVisible(), { timeout: 10_000 })
      .toBe(true);
    // A baby: development is assessed, obstetrics is not asked.
    expect(await page.locator('#development').count()).toBe(1);
    expect(await page.locator('#organ-obstetricGynecological').count()).toBe(0);
    await page.locator('#organ-respiratory').fill('Ran ẩm rải rác hai phế trường');
    await page.getByTestId('organs-all-normal').click();
    expect(await page.locator('#organ-cardiovascular').inputValue()).toBe('Bình thường');
    expect(await page.locator('#organ-respiratory').inputValue()).toBe('Ran ẩm rải rác hai phế trường');
    await page.locator('#exam-history').fill('Ho khan ba ngày');
    await expect.poll(() => page.getByTestId('exam-autosaved').isVisible(), { timeout: 15_000 }).toBe(true);
    await app.screenshot('25b-exam-autosaved');

    // Saved: leaving asks nothing, and the draft is on the timeline with what was typed.
    await page.getByRole('button', { name: CHILD }).click();
    const draft = page.locator('[data-testid="timeline-item"][data-status="draft"]');
    await expect.poll(() => draft.count(), { timeout: 10_000 }).toBe(1);
    await draft.getByRole('button', { name: 'Tiếp tục phiếu nháp' }).click();
    await expect
      .poll(() => page.locator('#exam-history').inputValue(), { timeout: 10_000 })
      .toBe('Ho khan ba ngày');
    expect(await page.locator('#organ-cardiovascular').inputValue()).toBe('Bình thường');

    // Not saved (a temperature that cannot be): leaving asks first; "stay" keeps what was typed.
    await page.locator('#vital-temperatureC').fill('365');
    await page.getByRole('button', { name: CHILD }).click();
    await expect
      .poll(() => page.getByTestId('leave-confirmation').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await app.screenshot('25c-leave-confirmation');
    await page.getByRole('button', { name: 'Ở lại' }).click();
    expect(await page.locator('#vital-temperatureC').inputValue()).toBe('365');
    await page.getByRole('button', { name: CHILD }).click();
    await expect
      .poll(() => page.getByTestId('leave-confirmation').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await page.getByRole('button', { name: 'Rời đi, bỏ phần chưa lưu' }).click();
    await expect.poll(() => page.getByTestId('record-name').textContent(), { timeout: 10_000 }).toBe(CHILD);
    // The next steps work on the adult's record.
    await openRecord(page, 'pham van duc', ADULT);
    expectNothingUnexpected(app);
  }, 90_000);

  it('prints the personal health record on A4 as the QĐ 831 form, without the app around it, and logs the print', async () => {
    const { page } = app;
    // The browser's print dialog is counted, not opened.
    await page.evaluate(() => {
      const counted = window as unknown as { printed: number };
      counted.printed = 0;
      window.print = () => {
        counted.printed += 1;
      };
    });
    await page.getByRole('button', { name: 'In hồ sơ sức khỏe' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed), {
        timeout: 10_000,
      })
      .toBe(1);
    const printedEvents = await harness.station.db['access-events']
      .find({ selector: { action: 'person-printed' } })
      .exec();
    expect(printedEvents).toHaveLength(1);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('#root').isVisible()).toBe(false);
      const printed = (await page.getByTestId('print-record').textContent()) ?? '';
      for (const text of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'HỒ SƠ QUẢN LÝ SỨC KHỎE CÁ NHÂN',
        ADULT.toLocaleUpperCase('vi'),
        '1. Họ và tên',
        '17. Người chăm sóc chính',
        '4. Khuyết tật',
        '6. Tiền sử gia đình',
        'Penicillin',
        'Tăng huyết áp',
        'Trạm trưởng',
        '(Ký, ghi rõ họ tên, đóng dấu)',
        'I10',
      ])
        expect(printed).toContain(text);
      // A man: no reproductive-health section; each signed exam on a page of its own.
      expect(printed).not.toContain('7. Sức khỏe sinh sản');
      expect(await page.getByTestId('print-exam-page').count()).toBe(2);
      await app.screenshot('25-print-record');
      await page.pdf({ path: join(SCREENSHOTS, '25-print-record.pdf'), format: 'A4' });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    expect(await page.locator('#root').isVisible()).toBe(true);
    expectNothingUnexpected(app);
  }, 60_000);

  it('records a dose from the due list, which then leaves the list', async () => {
    const { page } = app;
    await openRecord(page, 'tran thi bich ngoc', CHILD);
    await page.getByRole('tab', { name: 'C. Tiêm chủng' }).click();
    const recordBcg = page.getByTestId('record-dose-BCG-1');
    await expect.poll(() => recordBcg.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('immunizations-due').textContent()).toContain('Quá hạn');
    await app.screenshot('26-immunizations-due');
    await recordBcg.click();
    await page.locator('#lot').fill('BCG-2611');
    await page.getByRole('button', { name: 'Lưu mũi tiêm' }).click();
    await expect
      .poll(() => page.getByTestId('immunizations-given').textContent(), { timeout: 10_000 })
      .toContain('BCG-2611');
    await expect.poll(() => recordBcg.count(), { timeout: 10_000 }).toBe(0);

    await page.getByRole('button', { name: 'Ghi mũi tiêm khác' }).click();
    await chooseVaccine(page, 'Bại liệt uống', 'Bại liệt uống (OPV)');
    await expect.poll(() => page.locator('#dose').inputValue(), { timeout: 10_000 }).toBe('1');
    // A programme vaccine needs its lot number.
    await page.getByRole('button', { name: 'Lưu mũi tiêm' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('số lô');
    await page.locator('#lot').fill('OPV-2611');
    await page.getByRole('button', { name: 'Lưu mũi tiêm' }).click();
    await expect
      .poll(() => page.getByTestId('immunizations-given').textContent(), { timeout: 10_000 })
      .toContain('Bại liệt uống');
    await expect.poll(() => page.getByTestId('record-dose-OPV-1').count(), { timeout: 10_000 }).toBe(0);
    await app.screenshot('26b-immunizations-recorded');
    expectNothingUnexpected(app);
  }, 60_000);

  it('marks a dose entered in error after a confirmation, and warns about a dose past the series', async () => {
    const { page } = app;
    const markOpv = page.getByTestId('mark-error-OPV-1');
    await expect.poll(() => markOpv.isVisible(), { timeout: 10_000 }).toBe(true);
    await markOpv.click({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Đánh dấu ghi nhầm' }).last().click({ timeout: 10_000 });
    // Kept, tagged, and no longer counted: OPV dose 1 is due again.
    await expect
      .poll(() => page.getByTestId('immunizations-given').textContent(), { timeout: 10_000 })
      .toContain('Ghi nhầm');
    await expect.poll(() => page.getByTestId('record-dose-OPV-1').count(), { timeout: 10_000 }).toBe(1);
    const marked = await harness.station.db.immunizations
      .find({ selector: { vaccineCode: 'OPV', status: 'entered-in-error' } })
      .exec();
    expect(marked).toHaveLength(1);

    // DPT-VGB-Hib dated when the baby was ten days old: questioned, and not recorded without a reason.
    await page.getByRole('button', { name: 'Ghi mũi tiêm khác' }).click({ timeout: 10_000 });
    await chooseVaccine(page, 'DPT', 'DPT-VGB-Hib');
    await page.locator('#dose-date').click();
    await page.locator('#dose-date').fill(daysAgo(60));
    await page.locator('#dose-date').press('Enter');
    await page.locator('#lot').fill('DPT-2611');
    await page.getByRole('button', { name: 'Lưu mũi tiêm' }).click();
    const questioned = page.getByTestId('dose-questioned');
    await expect
      .poll(() => questioned.textContent(), { timeout: 10_000 })
      .toContain('sớm hơn tuổi tối thiểu');
    await page.getByRole('button', { name: 'Ghi mũi tiêm với lý do này' }).click();
    await expect.poll(() => page.getByText('Ghi lý do (ví dụ').isVisible(), { timeout: 10_000 }).toBe(true);
    await app.screenshot('26c2-dose-too-early');
    await page.getByRole('button', { name: 'Hủy' }).last().click();
    expect(await page.getByTestId('immunizations-given').textContent()).not.toContain('DPT-VGB-Hib');

    // A dose past the series is recorded only with its reason, then warned about.
    await page.getByRole('button', { name: 'Ghi mũi tiêm khác' }).click({ timeout: 10_000 });
    await chooseVaccine(page, 'BCG', 'BCG (lao)');
    await expect.poll(() => page.locator('#dose').inputValue(), { timeout: 10_000 }).toBe('2');
    // (Not today: BCG dose 1 was given today, and one vaccine is never given twice a day.)
    await page.locator('#dose-date').click();
    await page.locator('#dose-date').fill(daysAgo(1));
    await page.locator('#dose-date').press('Enter');
    await page.locator('#lot').fill('BCG-2612');
    await page.getByRole('button', { name: 'Lưu mũi tiêm' }).click({ timeout: 10_000 });
    await expect.poll(() => questioned.textContent(), { timeout: 10_000 }).toContain('chỉ có 1 mũi');
    await page.locator('#dose-reason').fill('Tiêm nhắc BCG theo chỉ định của bác sĩ');
    await page.getByRole('button', { name: 'Ghi mũi tiêm với lý do này' }).click();
    await expect
      .poll(() => page.locator('.ant-notification').textContent({ timeout: 1000 }), { timeout: 10_000 })
      .toContain('chỉ có 1 mũi');
    await app.screenshot('26c-immunization-warning');
    await page.locator('.ant-notification-notice-close').click({ timeout: 10_000 });
    expectNothingUnexpected(app);
  }, 60_000);

  it('finds a service vaccine by its common name and records it without a lot; notes "Chưa chủng ngừa"', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Ghi mũi tiêm khác' }).click({ timeout: 10_000 });
    await page.locator('#vaccine').click();
    // The catalogue is grouped: the programme first, the service vaccines after.
    await expect
      .poll(() => page.locator('.ant-select-item-group').first().textContent(), { timeout: 10_000 })
      .toBe('Tiêm chủng mở rộng: trẻ em');
    await page.locator('#vaccine').fill('phe cau');
    await expect
      .poll(() => page.locator('.ant-select-item-group').allTextContents(), { timeout: 10_000 })
      .toEqual(['Tiêm chủng dịch vụ']);
    await app.screenshot('26d-vaccine-search');
    await pickVaccineOption(page, 'Phế cầu khuẩn');
    expect(await page.getByText('Số lô (nên ghi)').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Lưu mũi tiêm' }).click();
    await expect
      .poll(() => page.getByTestId('immunizations-given').textContent(), { timeout: 10_000 })
      .toContain('Phế cầu khuẩn');

    await page.getByRole('button', { name: 'Ghi mũi tiêm khác' }).click({ timeout: 10_000 });
    await page.locator('#given-or-not').getByText('Chưa chủng ngừa').click();
    await chooseVaccine(page, 'bai liet tiem', 'Bại liệt tiêm (IPV)');
    expect(await page.locator('#lot').count()).toBe(0);
    await app.screenshot('26e-not-vaccinated');
    await page.getByRole('button', { name: 'Lưu "chưa chủng ngừa"' }).click();
    await expect
      .poll(() => page.getByTestId('not-vaccinated-IPV-1').isVisible(), { timeout: 10_000 })
      .toBe(true);
    const noted = await harness.station.db.immunizations
      .find({ selector: { vaccineCode: 'IPV', status: 'not-vaccinated' } })
      .exec();
    expect(noted).toHaveLength(1);
    expectNothingUnexpected(app);
  }, 60_000);

  it("records the baby's condition at birth with the mother's tetanus doses, refusing a count that is not whole", async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'B. Tiền sử, yếu tố nguy cơ' }).click();
    const doses = page.locator('[id="birthCondition.maternalTetanusDoses"]');
    const weight = page.locator('[id="birthCondition.birthWeightGrams"]');
    await expect.poll(() => doses.isVisible(), { timeout: 10_000 }).toBe(true);
    await doses.fill('1,5');
    await page.getByRole('button', { name: 'Lưu tiền sử' }).click();
    await expect
      .poll(() => page.getByTestId('part-b').textContent(), { timeout: 10_000 })
      .toContain('Phải là một số nguyên');
    await doses.fill('2');
    await weight.fill('3100');
    await page.getByRole('button', { name: 'Lưu tiền sử' }).click();
    await expect.poll(() => page.getByText('Đã lưu tiền sử.').isVisible(), { timeout: 10_000 }).toBe(true);
    const [baby] = await harness.station.db.persons.find({ selector: { fullName: CHILD } }).exec();
    expect(baby?.toJSON().history.birthCondition).toMatchObject({
      maternalTetanusDoses: 2,
      birthWeightGrams: 3100,
    });
    // The record names who changed it last: the signed-in staff member.
    const author = baby?.toJSON().updatedBy ?? '';
    expect(author).toMatch(/^\d{2}[0-9A-Z]{3}_[a-z0-9]+$/);
    await expect
      .poll(() => page.getByTestId('record-updated').textContent(), { timeout: 10_000 })
      .toContain(`bởi ${author}`);
    await app.screenshot('26d-birth-condition');
    expectNothingUnexpected(app);
  }, 60_000);

  it('opens a worklist with its residents, and a record from it', async () => {
    const { page } = app;
    // Children due for vaccinations: each dose due, how overdue it is.
    await page.getByRole('menuitem', { name: 'Việc hôm nay' }).click();
    await page.getByTestId('open-worklist-vaccinations-due').click();
    const due = page.getByTestId('worklist-page-vaccinations-due');
    await expect.poll(() => due.textContent(), { timeout: 10_000 }).toContain(CHILD);
    expect(await due.textContent()).toMatch(/Viêm gan B sơ sinh \(VGB sơ sinh\) mũi 1 — quá hạn \d+ ngày/);
    await app.screenshot('27b-worklist-vaccinations-due');
    await page.getByRole('menuitem', { name: 'Việc hôm nay' }).click();
    // A name on today's work opens the record.
    await page.getByTestId('worklist-missing-phone').getByRole('button', { name: CHILD }).click();
    await expect.poll(() => page.getByTestId('record-name').textContent(), { timeout: 10_000 }).toBe(CHILD);
    await page.getByRole('menuitem', { name: 'Việc hôm nay' }).click();
    await page.getByTestId('open-worklist-missing-phone').click();
    await expect
      .poll(() => page.getByTestId('worklist-page-missing-phone').textContent(), { timeout: 10_000 })
      .toContain(CHILD);
    expect(await page.getByTestId('worklist-count').textContent()).toBe('2 người');
    await app.screenshot('27-worklist');
    await page.getByTestId('open-resident').filter({ hasText: ADULT }).click();
    await expect.poll(() => page.getByTestId('record-name').textContent(), { timeout: 10_000 }).toBe(ADULT);
    // The record opens at the missing field: the phone editor.
    const editor = page.getByTestId('edit-contact');
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(true);
    await editor.getByRole('button', { name: 'Hủy' }).click();
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(false);
    expectNothingUnexpected(app);
  }, 60_000);

  it('filters a worklist, exports it to Excel and prints it, both in the access log', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: 'Việc hôm nay' }).click();
    await page.getByTestId('open-worklist-missing-phone').click();
    const list = page.getByTestId('worklist-page-missing-phone');
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain(CHILD);
    // Phạm Văn Đức, typed in another order and without diacritics.
    await page.locator('#worklist-text').fill('duc pham');
    await expect
      .poll(() => page.getByTestId('worklist-count').textContent(), { timeout: 10_000 })
      .toBe('1 người khớp bộ lọc (trong tổng số 2 người).');
    expect(await list.textContent()).not.toContain(CHILD);
    await app.screenshot('27c-worklist-filtered');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      page.getByTestId('worklist-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Thiếu-số-điện-thoại_\d{2}-\d{2}-\d{4}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Danh sách');
    expect(sheet?.getCell('A4').value).toContain('Lọc:');
    expect(sheet?.getCell('B7').value).toBe(ADULT);
    expect(sheet?.getCell('B8').value ?? null).toBeNull();

    await page.evaluate(() => {
      const counted = window as unknown as { printed: number };
      counted.printed = 0;
      window.print = () => {
        counted.printed += 1;
      };
    });
    await page.getByTestId('worklist-print-button').click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed), {
        timeout: 10_000,
      })
      .toBe(1);
    const printed = (await page.getByTestId('worklist-print').textContent()) ?? '';
    expect(printed).toContain(ADULT);
    expect(printed).not.toContain(CHILD);
    const logged = await harness.station.db['access-events']
      .find({ selector: { action: { $in: ['worklist-exported', 'worklist-printed'] } } })
      .exec();
    expect(logged.map((e) => [e.action, e.worklist, e.rows]).sort()).toEqual([
      ['worklist-exported', 'missing-phone', 1],
      ['worklist-printed', 'missing-phone', 1],
    ]);
    // Back on his record, where the next tests work (the row opens the phone editor: closed again).
    await page.getByTestId('open-resident').filter({ hasText: ADULT }).click();
    await expect.poll(() => page.getByTestId('record-name').textContent(), { timeout: 10_000 }).toBe(ADULT);
    const editor = page.getByTestId('edit-contact');
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(true);
    await editor.getByRole('button', { name: 'Hủy' }).click();
    await expect.poll(() => editor.isVisible(), { timeout: 10_000 }).toBe(false);
    expectNothingUnexpected(app);
  }, 60_000);

  it('marks a resident moved away only after the confirmation', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Ghi chuyển đi' }).click();
    await expect
      .poll(() => page.getByTestId('status-confirmation').isVisible(), { timeout: 5_000 })
      .toBe(true);
    await app.screenshot('28-confirm-moved');
    await page.getByRole('button', { name: 'Hủy' }).click();
    expect(await page.getByTestId('record-status').textContent()).toBe('Đang quản lý');
    await page.getByRole('button', { name: 'Ghi chuyển đi' }).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await expect
      .poll(() => page.getByTestId('record-status').textContent(), { timeout: 10_000 })
      .toBe('Đã chuyển đi');
    expect(await page.getByRole('button', { name: 'Khám mới' }).count()).toBe(0);
    expectNothingUnexpected(app);
  }, 60_000);

  it('marks a resident deceased only with a date of death, after the confirmation', async () => {
    const { page } = app;
    await openRecord(page, 'tran thi bich ngoc', CHILD);
    await page.getByRole('button', { name: 'Ghi tử vong' }).click();
    const confirm = page.getByRole('button', { name: 'Xác nhận' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.locator('#death-date').click();
    await page.locator('#death-date').fill(daysAgo(1));
    await page.locator('#death-date').press('Enter');
    await expect.poll(() => confirm.isDisabled(), { timeout: 5_000 }).toBe(false);
    await confirm.click();
    await expect
      .poll(() => page.getByTestId('record-status').textContent(), { timeout: 10_000 })
      .toBe('Đã tử vong');
    expect(await page.getByTestId('part-a').textContent()).toContain(daysAgo(1));
    expectNothingUnexpected(app);
  }, 60_000);

  it('shows the sync panel with per-collection progress and nothing pending once synced', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: 'Đồng bộ' }).click();
    await page.getByTestId('sync-panel').getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect
      .poll(() => page.getByTestId('pending-changes').textContent(), { timeout: 30_000 })
      .toBe('Không có thay đổi nào chờ gửi.');
    expect(await page.getByTestId('sync-progress').textContent()).toContain('Người dân');
    // The list of what waits for the server empties with the count (it reloads when the count moves).
    await expect
      .poll(() => page.getByTestId('pending-list').textContent(), { timeout: 30_000 })
      .toContain('Không có thay đổi nào chờ gửi.');
    await app.screenshot('29-sync-panel');
    expectNothingUnexpected(app);
  }, 60_000);

  it('lists a write the server refused on the sync panel, with the resident and what happened', async () => {
    const { page } = app;
    // A signed exam changed behind the app's back (an old app version, a hand-edited replica): the server refuses it.
    const signed = await harness.station.db.encounters.findOne({ selector: { status: 'signed' } }).exec();
    if (signed === null) throw new Error('the earlier tests signed no exam');
    const owner = await harness.station.db.persons.findOne(signed.personId).exec();
    await signed.incrementalPatch({ advice: 'Sửa sau khi ký' });
    await page.getByTestId('sync-panel').getByRole('button', { name: 'Đồng bộ ngay' }).click();
    const outcomes = page.getByTestId('outcome-list');
    await expect
      .poll(() => outcomes.textContent(), { timeout: 30_000 })
      .toContain('Trạm sửa một phiếu khám đã ký');
    const text = (await outcomes.textContent()) ?? '';
    for (const expected of [owner?.fullName ?? '?', 'Lượt khám', 'Máy chủ từ chối', 'Đang chờ quản trị viên'])
      expect(text).toContain(expected);
    await app.screenshot('29b-sync-panel-refused');
    await outcomes.getByRole('button', { name: owner?.fullName ?? '?' }).click();
    await expect.poll(() => page.getByTestId('part-a').isVisible(), { timeout: 10_000 }).toBe(true);
    expectNothingUnexpected(app);
  }, 60_000);

  it('backs up now into the chosen folder and shows the backup with its size', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: 'Cài đặt' }).click();
    await expect
      .poll(() => page.getByTestId('last-backup').textContent(), { timeout: 10_000 })
      .toContain('Chưa có');
    await page.locator('#backup-folder').fill(backupDir);
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await expect
      .poll(() => page.getByTestId('last-backup').textContent(), { timeout: 30_000 })
      .toContain('Sao lưu gần nhất');
    expect(await page.getByTestId('last-backup').textContent()).toMatch(/\d+(,\d)? (KB|MB)/);
    expect((await readdir(backupDir)).length).toBeGreaterThan(0);
    expect(await page.locator('#backup-folder').inputValue()).toBe(backupDir);
    // The first folder that held a backup is kept, with the daily backup on at 12:00.
    await expect
      .poll(() => page.getByTestId('daily-backup').textContent(), { timeout: 10_000 })
      .toBe('Sao lưu tự động mỗi ngày lúc 12:00 vào thư mục này.');
    await page.getByRole('menuitem', { name: 'Việc hôm nay' }).click();
    await page.getByRole('menuitem', { name: 'Cài đặt' }).click();
    await expect.poll(() => page.locator('#backup-folder').inputValue(), { timeout: 10_000 }).toBe(backupDir);
    expect(await page.locator('#backup-daily').getAttribute('aria-checked')).toBe('true');
    // Nobody at a station is told to run a command.
    const settings = (await page.getByTestId('settings').textContent()) ?? '';
    expect(settings).not.toMatch(/npm|lệnh/);
    expect(settings).toContain('gọi bộ phận CNTT');
    await app.screenshot('30-settings');
    expectNothingUnexpected(app);
  }, 60_000);

  it('asks for a restore from the last backup, checked at once and applied at the next start', async () => {
    const { page } = app;
    const [written] = await readdir(backupDir);
    await expect
      .poll(() => page.locator('#restore-folder').inputValue(), { timeout: 10_000 })
      .toBe(join(backupDir, written ?? '?'));
    // A folder that is no backup is refused in words, and nothing is pending.
    await page.locator('#restore-folder').fill(join(backupDir, 'khong-co'));
    await confirmRestore(page);
    await expect
      .poll(() => page.getByTestId('restore').textContent(), { timeout: 10_000 })
      .toContain('Không tìm thấy bản sao lưu');
    await page.locator('#restore-folder').fill(join(backupDir, written ?? '?'));
    await confirmRestore(page);
    await expect
      .poll(() => page.getByTestId('restore-pending').textContent(), { timeout: 10_000 })
      .toContain('khi chương trình máy trạm khởi động lại');
    await app.screenshot('30b-settings-restore-pending');
    expectNothingUnexpected(app);
  }, 60_000);

  it('shows the record in English when the language is switched', async () => {
    const { page } = app;
    await page.locator('.hssk-header .ant-select').click();
    await page.locator('.ant-select-item-option[title="EN"]').click();
    await openRecordInEnglish(page, ADULT);
    for (const tab of [
      'A. Administrative data',
      'B. History, risk factors',
      'C. Immunizations',
      'D. Exams and hospital visits',
    ])
      expect(await page.getByRole('tab', { name: tab }).count()).toBe(1);
    await app.screenshot('35-record-english');
    expectNothingUnexpected(app);
  }, 60_000);

  // Last: it locks the staff member's account.
  it('reports misuse and locks the own account from the header (Art. 23), back at sign-in', async () => {
    const { page } = app;
    await page.locator('.hssk-header .ant-select').click();
    await page.locator('.ant-select-item-option[title="VI"]').click();
    await page.getByTestId('account-safety').click();
    await page.getByText('Báo cáo sử dụng sai…').click();
    const send = page.getByRole('button', { name: 'Gửi báo cáo' });
    expect(await send.isDisabled()).toBe(true);
    await page.locator('#misuse-description').fill('Có lần đăng nhập lúc nửa đêm không phải của tôi.');
    await app.screenshot('36-report-misuse');
    await send.click();
    await expect
      .poll(() => page.getByText('Đã gửi báo cáo cho quản trị viên.').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await page.getByTestId('account-safety').click();
    await page.getByText('Khóa tài khoản của tôi…').click();
    expect(await page.getByTestId('lock-explain').textContent()).toContain('Chỉ quản trị viên');
    await page.getByRole('button', { name: 'Khóa tài khoản', exact: true }).click();
    await expect.poll(() => page.locator('#login-user-name').isVisible(), { timeout: 15_000 }).toBe(true);
    await app.screenshot('37-locked-own-account');
    expectNothingUnexpected(app);
  }, 60_000);
});

/**
 * Opens the restore confirmation and confirms it, each step with its own deadline: the previous confirmation must
 * have finished closing before the request button is clicked again (a click on it while the confirmation is still
 * closing only toggles it).
 */
async function confirmRestore(page: Page): Promise<void> {
  const confirm = page.getByRole('button', { name: 'Khôi phục', exact: true });
  await confirm.waitFor({ state: 'hidden', timeout: 10_000 });
  await page.getByTestId('restore-request').click({ timeout: 10_000 });
  await confirm.waitFor({ state: 'visible', timeout: 10_000 });
  await confirm.click({ timeout: 10_000 });
}

async function openRecordInEnglish(page: Page, fullName: string): Promise<void> {
  await page.getByRole('menuitem', { name: 'Find residents' }).click();
  await page.locator('#resident-search').fill('pham van duc');
  await page.getByTestId('open-resident').filter({ hasText: fullName }).first().click();
  await expect.poll(() => page.getByTestId('record-name').textContent(), { timeout: 10_000 }).toBe(fullName);
}
