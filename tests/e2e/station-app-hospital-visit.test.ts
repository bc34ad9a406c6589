import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { loadIcd10Full } from '#shared/reference-data/icd10-list.ts';
import type { Person } from '#shared/schemas/person.ts';
import { createSeededRandom } from '#shared/synthetic/seeded-random.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import { syntheticStationFor } from '#shared/synthetic/synthetic-station.ts';
import { defaultEnvelopeLimits } from '#sync-server/src/intake/hospital-intake.ts';
import { encounterFromVisit } from '#sync-server/src/intake/hospital-visit-documents.ts';
import { readEnvelopeRecord, readQd130Envelope } from '#sync-server/src/intake/qd130-envelope.ts';
import { indexIcd10 } from '#sync-server/src/intake/qd130-fields.ts';
import { readHospitalVisit } from '#sync-server/src/intake/qd130-visit.ts';
import { qd130EnvelopeXml } from '../../build/simulators/hospital/qd130-xml.ts';
import { patientOf, simulatedHoso } from '../../build/simulators/hospital/simulated-hoso.ts';
import { expectNothingUnexpected, firstSignIn, openRecord } from './app-steps.ts';
import { startStationApp, type AppPage, type StationAppHarness } from './station-app-harness.ts';

/**
 * A hospital visit on the station: a SIMULATED hospital's hồ sơ (inpatient stay, drugs, results, clinical course,
 * follow-up appointment), read and mapped by the server's intake code and stored as the server stores it, reaches the
 * station at its sync; the resident's timeline names the hospital, the stay and the appointment, and unfolds what the
 * hospital sent — in Debian's Chromium against the real station core.
 */
describe('a hospital visit on the station’s timeline', () => {
  let harness: StationAppHarness;
  let app: AppPage;
  let resident: Person;
  let encounterId = '';

  beforeAll(async () => {
    harness = await startStationApp();
    const communeCode = hanoiOrgUnits().find((unit) => unit.id === harness.orgUnitId)?.commune?.code ?? '';
    const station = syntheticStationFor(communeCode);
    if (station === undefined) throw new Error('no synthetic station');
    const [person] = [
      ...generateSyntheticPopulation({ seed: 5, size: 10, referenceDate: '2026-12-01', stations: [station] }),
    ]
      .map((r) => r.person)
      .filter((p) => p.dateOfBirth < '1990');
    if (person === undefined) throw new Error('no adult');
    resident = person;
    const hoso = simulatedHoso(createSeededRandom(9), {
      facilityCode: '01032',
      visitKey: 'BV-2026-000123',
      patient: patientOf(resident),
      admittedAt: new Date(Date.now() - 4 * 3_600_000),
      inpatient: true,
      followUp: new Date(Date.now() + 10 * 86_400_000),
    });
    const envelope = readQd130Envelope(
      Buffer.from(qd130EnvelopeXml('01032', '20261207', [hoso])),
      defaultEnvelopeLimits,
    );
    if (!envelope.ok) throw new Error(envelope.errors[0].code);
    const [item] = envelope.value.records;
    const record = item === undefined ? undefined : readEnvelopeRecord(item, defaultEnvelopeLimits);
    if (record?.ok !== true) throw new Error('the simulated hồ sơ does not read');
    const reading = readHospitalVisit(record.value, {
      icd10: indexIcd10(await loadIcd10Full()),
      now: new Date(),
    });
    if (!reading.ok) throw new Error(reading.errors[0].code);
    const encounter = encounterFromVisit(
      reading.value,
      {
        personId: resident.id,
        hospitalUnitId: 'bv-01032',
        hospitalName: 'Bệnh viện minh họa 01032',
        synthetic: true,
        previous: undefined,
      },
      { userName: '01032_lt_ducpm', stamp: '000001765000000-00000000-server', at: new Date() },
    );
    encounterId = encounter.id;
    await harness.server.storeDocuments('persons', [resident]);
    await harness.server.storeDocuments('encounters', [encounter]);
  }, 180_000);
  afterAll(async () => {
    await harness.close();
  });

  it('names the hospital, the stay and the follow-up appointment, and unfolds what the hospital sent', async () => {
    const account = await harness.newStaffAccount('Vũ Thị Lan');
    app = await harness.openApp();
    const { page } = app;
    await firstSignIn(page, account.userName, account.initialPassword);
    await expect
      .poll(() => page.getByTestId('sync-state').getAttribute('data-sync-kind'), { timeout: 30_000 })
      .toBe('synced');
    // Stored by the server itself, without a live notice: the station has them at its next sync ("Đồng bộ ngay").
    await expect
      .poll(
        async () => {
          await harness.station.core.call('sync.now', {});
          return (await harness.station.db.encounters.findOne(encounterId).exec()) !== null;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    await openRecord(page, resident.fullName, resident.fullName);
    await page.getByRole('tab', { name: 'D. Khám bệnh và nằm viện' }).click();
    await expect
      .poll(() => page.getByTestId('hospital-name').textContent(), { timeout: 10_000 })
      .toBe('Bệnh viện minh họa 01032 (mã 01032)');
    const item = (await page.getByTestId('timeline-item').first().textContent()) ?? '';
    expect(item).toContain('Nằm viện / khám ở bệnh viện');
    expect(item).toMatch(/Vào \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · ra \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(await page.getByTestId('hospital-follow-up').textContent()).toMatch(
      /^Hẹn tái khám \d{2}\/\d{2}\/\d{4}$/,
    );
    await page.getByTestId('hospital-details').click();
    const details = (await page.getByTestId('hospital-visit-details').textContent()) ?? '';
    for (const expected of [
      'Điều trị nội trú',
      'Thuốc',
      'Kết quả cận lâm sàng',
      'Diễn biến lâm sàng',
      'Tóm tắt hồ sơ bệnh án',
    ])
      expect(details).toContain(expected);
    expect(details).not.toMatch(/\b(undefined|null)\b/);
    await app.screenshot('30-record-hospital-visit');
    expectNothingUnexpected(app);
  }, 120_000);
});
