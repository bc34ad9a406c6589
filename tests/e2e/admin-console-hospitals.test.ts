import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '#shared/errors/result.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Person } from '#shared/schemas/person.ts';
import { intakeAnswer } from '#shared/server-api/interop.ts';
import type { ResidentDraftInput } from '#shared/station-api/station-api.ts';
import { createSeededRandom } from '#shared/synthetic/seeded-random.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import { syntheticStationFor } from '#shared/synthetic/synthetic-station.ts';
import { bearer, login, units } from '#sync-server/src/accounts/accounts-app.test-support.ts';
import type { OpenStation } from '#electron/station/open-station.ts';
import { qd130EnvelopeXml } from '../../build/simulators/hospital/qd130-xml.ts';
import { brokenHoso } from '../../build/simulators/hospital/simulated-day.ts';
import { patientOf, simulatedHoso } from '../../build/simulators/hospital/simulated-hoso.ts';
import {
  signInConsole,
  startAdminConsole,
  type AdminConsoleHarness,
  type ConsolePage,
} from './admin-console-harness.ts';
import { openRealStation, syncNow, type RealStation } from './real-station.ts';

const HOSPITAL = '01032';
const SYNCED = { timeout: 45_000, interval: 1_000 };

/** The hospital visits a station's replica holds for a resident. */
async function hospitalVisitsOf(station: OpenStation, personId: string): Promise<Encounter[]> {
  await syncNow(station);
  const found = await station.db.encounters.find({ selector: { personId } }).exec();
  return found.map((doc) => doc.toJSON() as Encounter).filter((e) => e.kind === 'hospital-visit');
}

/**
 * A hospital's visits end to end: a SIMULATED hospital sends its QĐ 130 XML; the visit of a resident registered at a
 * real station reaches that station's replica with its diagnoses and results; the visit whose CCCD two residents share
 * is decided by the city admin in the console (Debian's Chromium), then reaches the station too; the console's
 * same-day figures show the day, the refusals and a facility that sent nothing.
 */
describe('the hospitals screen of the admin console, with a real station', () => {
  let harness: AdminConsoleHarness;
  let app: ConsolePage;
  let station: RealStation;
  let resident: Person;
  let twin: Person;
  let hospitalToken = '';
  const opened: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    harness = await startAdminConsole();
    opened.push(() => harness.close());
    const [stationId] = await harness.communeStations(units.centre1);
    if (stationId === undefined) throw new Error('no commune station to enrol');
    station = await openRealStation(harness, stationId, 'Nguyễn Thị Hoa');
    opened.push(() => station.remove());
    const communeCode = hanoiOrgUnits().find((unit) => unit.id === stationId)?.commune?.code ?? '';
    const synthetic = syntheticStationFor(communeCode);
    if (synthetic === undefined) throw new Error('no synthetic station');
    // Two records of one CCCD, not merged yet: the hospital's hồ sơ with that CCCD needs a person to decide.
    const [a, b] = [
      ...generateSyntheticPopulation({
        seed: 77,
        size: 30,
        referenceDate: '2026-12-01',
        stations: [synthetic],
      }),
    ]
      .map((r) => r.person)
      .filter((p) => p.sex === 'male' && p.personalId !== undefined && p.dateOfBirth < '2000');
    if (a === undefined || b === undefined) throw new Error('too few synthetic residents');
    twin = a;
    await harness.server.storeDocuments('persons', [a, { ...b, personalId: a.personalId }]);
    const hospital = await harness.activeAccount({
      fullName: 'Phạm Minh Đức',
      role: 'interop',
      orgUnitId: units.hospital,
    });
    hospitalToken = await login(harness.server.app, hospital.userName, hospital.password);
  }, 300_000);
  afterAll(async () => {
    for (const close of opened.reverse()) await close();
  }, 60_000);

  it('brings a hospital visit of a station’s resident to that station, with its diagnoses and results', async () => {
    const draft: ResidentDraftInput = {
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
    };
    resident = await station.use(async (open) => {
      const registered = await open.core.call('residents.register', { draft });
      if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
      await syncNow(open);
      return registered.value.person;
    });
    const random = createSeededRandom(20);
    const at = new Date(Date.now() - 5 * 3_600_000);
    const hoso = (key: string, patient: Parameters<typeof simulatedHoso>[1]['patient']) =>
      simulatedHoso(random.fork(key), { facilityCode: HOSPITAL, visitKey: key, patient, admittedAt: at });
    const sent = await harness.server.app.inject({
      method: 'POST',
      url: '/interop/qd130',
      headers: { ...bearer(hospitalToken), 'content-type': 'application/xml' },
      payload: qd130EnvelopeXml(HOSPITAL, '20261207', [
        hoso('BV-0001', patientOf(resident)),
        hoso('BV-0002', patientOf(twin)),
        brokenHoso(hoso('BV-0003', patientOf(resident)), 'discharge-before-admission'),
      ]),
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(intakeAnswer.parse(sent.json()).records.map((r) => r.outcome)).toEqual([
      'accepted',
      'review',
      'refused',
    ]);

    const visits = await station.use(async (open) => {
      await expect.poll(async () => (await hospitalVisitsOf(open, resident.id)).length, SYNCED).toBe(1);
      return hospitalVisitsOf(open, resident.id);
    });
    expect(visits[0]).toMatchObject({
      source: { kind: 'interop', facilityCode: HOSPITAL },
      status: 'signed',
    });
    expect(visits[0]?.diagnoses.some((d) => d.primary)).toBe(true);
    expect(visits[0]?.labs?.length).toBeGreaterThanOrEqual(3);
  }, 180_000);

  it('shows the day’s figures, the refusals and a silent facility to the city admin', async () => {
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
    await page.getByRole('menuitem', { name: 'Liên thông bệnh viện' }).click();
    await expect
      .poll(() => page.getByTestId('intake-facilities').isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(new URL(page.url()).pathname).toBe('/console/hospitals');
    const hospitalRow = page.locator('[data-testid="intake-facilities"] tbody tr', {
      hasText: 'Mã cơ sở 01032',
    });
    await expect.poll(() => hospitalRow.textContent(), { timeout: 15_000 }).toContain('Đang gửi');
    const totals = (await page.getByTestId('intake-totals').textContent()) ?? '';
    expect(totals).toContain('Đã nhận3');
    expect(totals).toContain('Bị từ chối1');
    expect(await page.getByTestId('silent-01K77').textContent()).toBe('Chưa từng gửi');
    expect(await page.getByTestId('intake-chart').isVisible()).toBe(true);
    await app.screenshot('hospitals-01-figures');

    await page.getByTestId('refusals-01032').click();
    const refusal = page.getByTestId('intake-refusal').first();
    await expect.poll(() => refusal.textContent(), { timeout: 15_000 }).toContain('BV-0003');
    expect(await refusal.textContent()).toContain('NGAY_RA');
    expect(await refusal.textContent()).toContain('đứng trước NGAY_VAO');
    await app.screenshot('hospitals-02-refusals');
    await page.keyboard.press('Escape');
    expect(app.consoleErrors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  }, 90_000);

  it('lets the city admin attach the visit two residents match, and the station receives it', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Hồ sơ chờ xác định người bệnh' }).click();
    const item = page.getByTestId('intake-review-item');
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    const text = (await item.textContent()) ?? '';
    for (const expected of ['BV-0002', 'Nhiều người cùng khớp', twin.fullName, twin.healthId])
      expect(text).toContain(expected);
    await app.screenshot('hospitals-03-review');
    await page.getByTestId(`attach-${twin.id}`).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect
      .poll(() => page.getByTestId('intake-review-empty').isVisible(), { timeout: 15_000 })
      .toBe(true);
    await app.screenshot('hospitals-04-review-done');
    expect(app.consoleErrors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);

    await station.use(async (open) => {
      await expect.poll(async () => (await hospitalVisitsOf(open, twin.id)).length, SYNCED).toBe(1);
    });
  }, 120_000);
});
