import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { unwrap } from '#shared/errors/result.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { ResidentDraftInput } from '#shared/station-api/station-api.ts';
import { units } from '#sync-server/src/accounts/accounts-app.test-support.ts';
import {
  signInConsole,
  startAdminConsole,
  type AdminConsoleHarness,
  type ConsolePage,
} from './admin-console-harness.ts';
import type { OpenStation } from '#electron/station/open-station.ts';
import { openRealStation, syncNow, type RealStation } from './real-station.ts';

const unitName = (id: string) => hanoiOrgUnits().find((unit) => unit.id === id)?.name ?? id;

/** One resident, registered twice: the same CCCD, name, date of birth and sex, told apart by phone and details. */
const draft = (changes: Partial<ResidentDraftInput>): ResidentDraftInput => ({
  fullName: 'Trần Thị Minh',
  familyName: 'Trần',
  middleName: 'Thị',
  givenName: 'Minh',
  dateOfBirth: unwrap(parsePartialDate('1988-07-01')),
  sex: 'female',
  personalId: '001188012345',
  phones: [],
  bhytCards: [],
  currentAddress: { communeCode: '00070', scheme: 'dvhc-2025' },
  history: {},
  ...changes,
});
const PHONE_A = '0911000111';
const PHONE_B = '0988000222';

/** No console error or warning, no dialog, and nothing the Content-Security-Policy had to block. */
async function expectNothingUnexpected(app: ConsolePage): Promise<void> {
  expect(app.consoleErrors).toEqual([]);
  expect(app.dialogs).toEqual([]);
  expect(await app.cspViolations()).toEqual([]);
}

type Collection = 'persons' | 'immunizations';

/** A document of a station's replica as RxDB answers it (null when it is not there or deleted). */
async function held(station: OpenStation, collection: Collection, id: string): Promise<object | null> {
  const found = await station.db[collection].findOne(id).exec();
  return found === null ? null : found.toJSON();
}

/** The replica's stored row of a document, tombstones included (what is left on the station's disk). */
async function storedRow(
  station: OpenStation,
  collection: Collection,
  id: string,
): Promise<object | undefined> {
  const [row] = await station.db[collection].storageInstance.findDocumentsById([id], true);
  return row;
}

/** Syncs now, then reads: for `expect.poll`, until what the server sent has arrived. */
const afterSync =
  <T>(station: OpenStation, read: () => Promise<T>) =>
  async (): Promise<T> => {
    await syncNow(station);
    return read();
  };
const SYNCED = { timeout: 45_000, interval: 1_000 };

/**
 * The duplicate review of the admin console end to end: two real station cores of communes in two districts
 * register the same resident and sync; the city admin sees the pair in the console (Debian's Chromium, the built
 * console, the real sync server on PGlite), takes the other record's contact and merges; both replicas follow; the
 * city admin undoes the merge and the replicas follow back; finally the pair is recorded as two people.
 */
describe('the duplicates screen of the admin console, with two real stations', () => {
  let harness: AdminConsoleHarness;
  let app: ConsolePage;
  let stationA: RealStation;
  let stationB: RealStation;
  let older: Person;
  let newer: Person;
  let doseId = '';
  let newerSide: 'a' | 'b' = 'b';

  beforeAll(async () => {
    harness = await startAdminConsole();
    opened.push(() => harness.close());
    const [communeA] = await harness.communeStations(units.centre1);
    const [communeB] = await harness.communeStations(units.centre2);
    if (communeA === undefined || communeB === undefined) throw new Error('no commune stations to enrol');
    stationA = await openRealStation(harness, communeA, 'Nguyễn Thị Hoa');
    opened.push(() => stationA.remove());
    stationB = await openRealStation(harness, communeB, 'Phạm Văn Đức');
    opened.push(() => stationB.remove());
  }, 300_000);
  /** What `beforeAll` opened, to close in reverse order (it may have failed half way). */
  const opened: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of opened.reverse()) await close();
  }, 60_000);

  it('registers one resident at two stations of different districts, and the server queues the pair', async () => {
    older = await stationA.use(async (station) => {
      const registered = await station.core.call('residents.register', {
        draft: draft({
          phones: [PHONE_A],
          currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Số 7 ngõ 2' },
        }),
      });
      if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
      await syncNow(station);
      return registered.value.person;
    });
    newer = await stationB.use(async (station) => {
      const registered = await station.core.call('residents.register', {
        draft: draft({
          phones: [PHONE_B],
          mother: 'Lê Thị Hằng',
          currentAddress: { communeCode: '00082', scheme: 'dvhc-2025', detail: 'Số 12 phố Quán Sứ' },
        }),
      });
      if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
      // A dose recorded on the newer record: a merge moves it to the record kept.
      const dose = await station.core.call('immunizations.record', {
        entry: {
          personId: registered.value.person.id,
          vaccineCode: 'TT',
          dose: 1,
          date: '2026-03-02',
          lot: 'UV-2603',
        },
      });
      if (!dose.ok) throw new Error(JSON.stringify(dose.errors));
      doseId = dose.value.immunization.id;
      await syncNow(station);
      // Each station holds its own record only: the communes are in different districts.
      await expect
        .poll(
          afterSync(station, () => held(station, 'persons', older.id)),
          SYNCED,
        )
        .toBeNull();
      return registered.value.person;
    });
    expect(older.personalId).toBe(newer.personalId);
    expect(older.createdAt < newer.createdAt).toBe(true);
  }, 120_000);

  it('lists the pair for the city admin with both residents, their communes and why', async () => {
    const admin = await harness.activeAccount({
      fullName: 'Phạm Thu Hà',
      role: 'city-admin',
      orgUnitId: units.department,
    });
    app = await harness.openConsole();
    const { page } = app;
    await signInConsole(page, admin.userName, admin.password);
    await expect
      .poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 })
      .toBe('Phạm Thu Hà');
    await page.getByRole('menuitem', { name: 'Hồ sơ trùng lặp' }).click();
    await expect.poll(() => page.getByTestId('duplicates').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/console/duplicates');
    const rows = page.locator('[data-testid="duplicates-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    for (const expected of [
      'Trần Thị Minh',
      '01/07/1988',
      'Nữ',
      older.healthId,
      newer.healthId,
      unitName(stationA.orgUnitId),
      unitName(stationB.orgUnitId),
      'Trùng CCCD',
      'Trùng họ tên + ngày sinh + giới tính',
    ])
      expect(row).toContain(expected);
    await app.screenshot('duplicates-01-list');
    await expectNothingUnexpected(app);
  }, 90_000);

  it('shows a district admin only their own resident of the pair, and that the city decides', async () => {
    const admin = await harness.activeAccount({
      fullName: 'Đỗ Văn Khải',
      role: 'district-admin',
      orgUnitId: units.centre2,
    });
    const district = await harness.openConsole();
    const { page } = district;
    try {
      await signInConsole(page, admin.userName, admin.password);
      await expect
        .poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 })
        .toBe('Đỗ Văn Khải');
      await page.getByRole('menuitem', { name: 'Hồ sơ trùng lặp' }).click();
      const rows = page.locator('[data-testid="duplicates-table"] tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
      const row = (await rows.first().textContent()) ?? '';
      expect(row).toContain(newer.healthId);
      expect(row).toContain('Hồ sơ do đơn vị khác quản lý');
      for (const hidden of [older.healthId, unitName(stationA.orgUnitId)]) expect(row).not.toContain(hidden);
      await rows.first().getByRole('button', { name: 'Xem' }).click();
      await expect
        .poll(() => page.getByTestId('duplicate-pair-own-side').isVisible(), { timeout: 10_000 })
        .toBe(true);
      const view = (await page.getByTestId('duplicate-pair-own-side').textContent()) ?? '';
      expect(view).toContain('Cặp hồ sơ này do Sở Y tế Hà Nội xem xét');
      expect(view).toContain(newer.healthId);
      for (const hidden of [older.healthId, unitName(stationA.orgUnitId), PHONE_A])
        expect(view).not.toContain(hidden);
      // Nothing to decide here: no merge, no "not a duplicate".
      expect(await page.getByRole('button', { name: 'Gộp hồ sơ' }).count()).toBe(0);
      await district.screenshot('duplicates-00-district-own-side');
      await expectNothingUnexpected(district);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('opens the pair side by side, proposes the older record, and merges taking the other’s contact', async () => {
    const { page } = app;
    await page
      .locator('[data-testid="duplicates-table"] tbody tr.ant-table-row')
      .first()
      .getByRole('button', { name: 'Xem' })
      .click();
    await expect.poll(() => page.getByTestId('duplicate-pair').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(new URL(page.url()).pathname).toMatch(/^\/console\/duplicates\/\d+$/);
    newerSide = ((await page.getByTestId('record-a').textContent()) ?? '').includes(newer.healthId)
      ? 'a'
      : 'b';
    const olderSide = newerSide === 'a' ? 'b' : 'a';
    // The older record is proposed and kept by default; the newer one would become the redirect.
    const olderCard = (await page.getByTestId(`record-${olderSide}`).textContent()) ?? '';
    expect(olderCard).toContain('Đề xuất');
    expect(olderCard).toContain('Được giữ lại');
    expect(olderCard).toContain(unitName(stationA.orgUnitId));
    expect(await page.getByTestId(`record-${newerSide}`).textContent()).toContain('Thành hồ sơ chuyển hướng');
    expect(await page.getByTestId(`keep-${olderSide}`).isChecked()).toBe(true);

    // Group by group: contact differs and stays the kept record's until the admin picks the other's.
    const phones = page.locator('[data-testid="pair-comparison"] tr[data-row-key="contact.phones"]');
    expect(await phones.getAttribute('class')).toContain('hssk-row-differs');
    const newerCell = phones.locator('td').nth(newerSide === 'a' ? 1 : 2);
    expect(await newerCell.textContent()).toBe(PHONE_B);
    expect(await newerCell.getAttribute('class')).toContain('hssk-cell-dropped');
    expect(await page.getByTestId(`pick-contact-${olderSide}`).isChecked()).toBe(true);
    // The kept record has no mother's name: that group is taken from the other record unless the admin says no.
    expect(await page.getByTestId(`pick-household-${newerSide}`).isChecked()).toBe(true);
    await page.getByTestId(`pick-contact-${newerSide}`).click();
    expect(await page.getByTestId(`pick-contact-${newerSide}`).isChecked()).toBe(true);
    expect(await newerCell.getAttribute('class')).toContain('hssk-cell-kept');
    await app.screenshot('duplicates-02-pair');

    await page.getByRole('button', { name: 'Gộp hồ sơ' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(true);
    const said = (await dialog.getByTestId('merge-confirmation').textContent()) ?? '';
    expect(said).toContain(`mã định danh y tế ${older.healthId}`);
    expect(said).toContain('Lấy từ hồ sơ kia: Liên lạc; Hộ gia đình, người thân.');
    expect(said).toContain(`mã ${newer.healthId}`);
    expect(said).toContain('trở thành hồ sơ chuyển hướng');
    expect(said).toContain('mũi tiêm của hồ sơ này chuyển sang hồ sơ được giữ lại');
    await app.screenshot('duplicates-03-merge-confirm');
    await dialog.getByRole('button', { name: 'Gộp hồ sơ' }).click();
    await expect
      .poll(async () => (await page.getByTestId('pair-done').textContent()) ?? '', { timeout: 15_000 })
      .toContain('Đã gộp hồ sơ. Số lần khám và mũi tiêm đã chuyển sang hồ sơ được giữ lại: 1.');
    await expect
      .poll(async () => (await page.getByTestId('pair-state').textContent()) ?? '', { timeout: 10_000 })
      .toContain('Đã gộp vào hồ sơ Trần Thị Minh');
    // The dialog has closed, and a merged pair offers no merge, only the city admin's undo.
    await expect
      .poll(() => page.getByRole('button', { name: 'Gộp hồ sơ' }).count(), { timeout: 5_000 })
      .toBe(0);
    expect(await page.getByRole('button', { name: 'Hoàn tác gộp' }).isVisible()).toBe(true);
    await app.screenshot('duplicates-04-merged');
    await expectNothingUnexpected(app);
  }, 90_000);

  it('reaches both replicas: the kept record’s station holds the redirect, the other’s drops it', async () => {
    // The survivor's station: the kept record with the phone and mother taken, its own health ID; the redirect,
    // now managed there; the dose, now the kept record's.
    await stationA.use(async (station) => {
      await expect
        .poll(
          afterSync(station, () => held(station, 'persons', older.id)),
          SYNCED,
        )
        .toMatchObject({
          healthId: older.healthId,
          phones: [PHONE_B],
          mother: 'Lê Thị Hằng',
          status: 'active',
        });
      await expect
        .poll(
          afterSync(station, () => held(station, 'persons', newer.id)),
          SYNCED,
        )
        .toMatchObject({ status: 'merged', mergedInto: older.id, orgUnitId: stationA.orgUnitId });
      await expect
        .poll(
          afterSync(station, () => held(station, 'immunizations', doseId)),
          SYNCED,
        )
        .toMatchObject({ personId: older.id });
    });

    // The other commune's station: the redirect is evicted. RxDB answers it no more; what stays on disk is the
    // server's eviction tombstone, deleted and holding nothing of the resident but the id.
    await stationB.use(async (station) => {
      await expect
        .poll(
          afterSync(station, () => held(station, 'persons', newer.id)),
          SYNCED,
        )
        .toBeNull();
      const tombstone = await storedRow(station, 'persons', newer.id);
      expect(tombstone).toMatchObject({
        id: newer.id,
        _deleted: true,
        orgUnitId: 'evicted',
        fullName: '-',
        phones: [],
      });
      expect(JSON.stringify(tombstone)).not.toContain(newer.personalId ?? 'no CCCD');
      expect(JSON.stringify(tombstone)).not.toContain(PHONE_B);
      await expect
        .poll(
          afterSync(station, () => held(station, 'immunizations', doseId)),
          SYNCED,
        )
        .toBeNull();
      expect(await storedRow(station, 'immunizations', doseId)).toMatchObject({
        _deleted: true,
        personId: 'evicted',
      });
      // A health worker at that station no longer finds the resident, and never received the kept record.
      expect(await station.core.call('residents.search', { query: newer.personalId ?? '' })).toMatchObject({
        ok: true,
        value: { residents: [] },
      });
      expect(await held(station, 'persons', older.id)).toBeNull();
    });
  }, 180_000);

  it('undoes the merge as the city admin, and the redirect comes back to its own station', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Hoàn tác gộp' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await dialog.textContent()).toContain('Cặp hồ sơ trở lại danh sách chờ xử lý');
    await dialog.getByRole('button', { name: 'Hoàn tác gộp' }).click();
    await expect
      .poll(async () => (await page.getByTestId('pair-done').textContent()) ?? '', { timeout: 15_000 })
      .toContain('Đã hoàn tác gộp. Số lần khám và mũi tiêm đã trở về hồ sơ cũ: 1.');
    await expect
      .poll(async () => (await page.getByTestId('pair-state').textContent()) ?? '', { timeout: 10_000 })
      .toContain('Chờ xử lý');
    await expect
      .poll(() => page.getByRole('button', { name: 'Gộp hồ sơ' }).isVisible(), { timeout: 5_000 })
      .toBe(true);
    await app.screenshot('duplicates-05-undone');

    await stationB.use(async (station) => {
      await expect
        .poll(
          afterSync(station, () => held(station, 'persons', newer.id)),
          SYNCED,
        )
        .toMatchObject({ status: 'active', orgUnitId: stationB.orgUnitId, phones: [PHONE_B] });
      expect(await held(station, 'persons', newer.id)).not.toHaveProperty('mergedInto');
      await expect
        .poll(
          afterSync(station, () => held(station, 'immunizations', doseId)),
          SYNCED,
        )
        .toMatchObject({ personId: newer.id });
    });
    await stationA.use(async (station) => {
      await expect
        .poll(
          afterSync(station, () => held(station, 'persons', newer.id)),
          SYNCED,
        )
        .toBeNull();
      const kept = await held(station, 'persons', older.id);
      expect(kept).toMatchObject({ phones: [PHONE_A] });
      expect(kept).not.toHaveProperty('mother');
      expect(await held(station, 'immunizations', doseId)).toBeNull();
    });
    await expectNothingUnexpected(app);
  }, 180_000);

  it('records the reopened pair as two people, only with a note, and lists it as resolved', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Không phải trùng' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(true);
    const confirm = dialog.getByRole('button', { name: 'Không phải trùng' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.locator('#not-duplicate-note').fill('ab');
    expect(await dialog.textContent()).toContain('Ghi chú cần ít nhất 3 ký tự.');
    expect(await confirm.isDisabled()).toBe(true);
    const note = 'Đã xác minh tại trạm: hai người khác nhau, một người khai nhầm số CCCD.';
    await page.locator('#not-duplicate-note').fill(note);
    await confirm.click();
    await expect
      .poll(async () => (await page.getByTestId('pair-state').textContent()) ?? '', { timeout: 15_000 })
      .toContain('Đã xác định không phải trùng');
    expect(await page.getByTestId('pair-state').textContent()).toContain(note);
    await expect
      .poll(() => page.getByRole('button', { name: 'Hoàn tác gộp' }).count(), { timeout: 5_000 })
      .toBe(0);

    await page.getByRole('button', { name: 'Quay lại' }).click();
    await expect
      .poll(() => new URL(page.url()).pathname, { timeout: 10_000 })
      .toBe('/console/duplicates/resolved');
    const rows = page.locator('[data-testid="duplicates-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain('Không phải trùng');
    expect(await rows.first().textContent()).toContain(note);
    await app.screenshot('duplicates-06-resolved');
    await page.getByText('Đang chờ xử lý').click();
    await expect
      .poll(() => page.getByTestId('duplicates-table').textContent(), { timeout: 10_000 })
      .toContain('Không có cặp hồ sơ nghi trùng nào đang chờ xử lý.');
    await expectNothingUnexpected(app);
  }, 90_000);

  it('corrects a death recorded by mistake at a station, and the station has the person alive again', async () => {
    await stationB.use(async (station) => {
      const marked = await station.core.call('residents.markDeceased', {
        id: newer.id,
        deathDate: '2026-11',
        confirmed: true,
      });
      if (!marked.ok) throw new Error(JSON.stringify(marked.errors));
      await syncNow(station);
    });
    const { page } = app;
    await page.getByRole('menuitem', { name: 'Người dân' }).click();
    await page.locator('#resident-health-id').fill(newer.healthId);
    await page.locator('#resident-health-id').press('Enter');
    const card = page.getByTestId('resident-card');
    await expect
      .poll(async () => (await card.textContent()) ?? '', { timeout: 15_000 })
      .toContain('Đã mất 11/2026');
    await page.getByRole('button', { name: 'Sửa thông tin tử vong' }).click();
    const save = page.getByRole('button', { name: 'Lưu thay đổi' });
    expect(await save.isDisabled()).toBe(true);
    await page
      .locator('#death-correction-reason')
      .fill('Đã gọi gia đình: bà Minh vẫn sống, trạm ghi nhầm người cùng tên.');
    await app.screenshot('resident-death-correction');
    await save.click();
    await expect
      .poll(async () => (await page.getByTestId('resident-status').textContent()) ?? '', { timeout: 15_000 })
      .toBe('Đang quản lý');
    await expect
      .poll(
        () =>
          stationB.use(async (station) => {
            await syncNow(station);
            return (await station.db.persons.findOne(newer.id).exec())?.toJSON().status;
          }),
        SYNCED,
      )
      .toBe('active');
    await expectNothingUnexpected(app);
  }, 120_000);

  it('codes a diagnosis a station wrote without a code, and the station gets the code', async () => {
    const words = 'Đau lưng lâu ngày khi mang vác nặng';
    const examId = await stationA.use(async (station) => {
      const saved = await station.core.call('exams.saveDraft', {
        draft: {
          personId: older.id,
          kind: 'sick-visit',
          date: '2026-11-30',
          diagnoses: [{ name: words, uncoded: true, primary: true }],
        },
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
      await syncNow(station);
      return saved.value.encounter.id;
    });
    const { page } = app;
    await page.getByRole('menuitem', { name: 'Mã hóa chẩn đoán' }).click();
    const table = page.getByTestId('coding-table');
    await expect.poll(async () => (await table.textContent()) ?? '', { timeout: 15_000 }).toContain(words);
    await page.getByTestId(`code-${examId}`).click();
    await page.keyboard.type('M54.5');
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: 'M54.5 — Đau thắt lưng' })
      .first()
      .click();
    await app.screenshot('coding-queue');
    await page.getByRole('button', { name: 'Lưu mã' }).click();
    await expect
      .poll(async () => (await table.textContent()) ?? '', { timeout: 15_000 })
      .not.toContain(words);
    await expect
      .poll(
        () =>
          stationA.use(async (station) => {
            await syncNow(station);
            return (await station.db.encounters.findOne(examId).exec())?.toJSON().diagnoses[0]?.icd10;
          }),
        SYNCED,
      )
      .toBe('M54.5');
    await expectNothingUnexpected(app);
  }, 120_000);

  it('answers who read a resident: the station’s read, found by health ID and by the reader’s user name', async () => {
    const reader = await stationA.use(async (station) => {
      const read = await station.core.call('residents.get', { id: older.id });
      if (!read.ok) throw new Error(JSON.stringify(read.errors));
      await syncNow(station);
      const events = await station.db['access-events']
        .find({ selector: { action: 'person-read', personId: older.id } })
        .exec();
      return events[0]?.userName ?? '';
    });
    expect(reader).not.toBe('');
    const { page } = app;
    await page.getByRole('menuitem', { name: 'Nhật ký hệ thống' }).click();
    await page.locator('#audit-health-id').fill(older.healthId);
    await page
      .locator('.ant-select')
      .filter({ has: page.locator('#audit-action-group') })
      .click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Xem hồ sơ' }).first().click();
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const table = page.getByTestId('audit-table');
    const rows = table.locator('tbody tr.ant-table-row');
    await expect
      .poll(async () => (await table.textContent()) ?? '', { timeout: 15_000 })
      .toContain(`người dùng ${reader}`);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Xem hồ sơ');
    expect(await rows.first().textContent()).toContain('Nguồn: máy trạm');
    await app.screenshot('audit-who-read');
    // By the reader's user name, typed in another case: the same read, and only that person's acts.
    await page.locator('#audit-health-id').fill('');
    await page.locator('#audit-user-name').fill(reader.toUpperCase());
    await page.locator('#audit-user-name').press('Enter');
    await expect
      .poll(async () => (await rows.allTextContents()).every((row) => row.includes(`người dùng ${reader}`)), {
        timeout: 15_000,
      })
      .toBe(true);
    expect(await table.textContent()).toContain(older.id);
    await expectNothingUnexpected(app);
  }, 90_000);
});
