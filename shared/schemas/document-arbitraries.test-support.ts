// fast-check generators of valid persons, encounters and immunizations, in canonical form (what the validators
// return unchanged). Test support only: production code never imports this file.
import fc from 'fast-check';
import { serializeHlc } from '../clock/hlc.ts';
import { unwrap } from '../errors/result.ts';
import { formatHealthId } from '../identifiers/health-id.ts';
import { bhytBeneficiaryGroups } from '../reference-data/bhyt-beneficiary-groups.generated.ts';
import { ethnicGroups } from '../reference-data/ethnic-groups.generated.ts';
import { hanoiCommunes2025 } from '../reference-data/hanoi-communes.generated.ts';
import { icd10Common } from '../reference-data/icd10.generated.ts';
import { tcmrSchedule } from '../reference-data/vaccine-schedule.ts';
import { capitalizedSyllable } from '../text/vietnamese-arbitraries.test-support.ts';
import { parsePartialDate } from '../dates/partial-date.ts';
import type { Encounter } from './encounter.ts';
import {
  encounterFieldGroups,
  groupNames,
  immunizationFieldGroups,
  personFieldGroups,
} from './field-groups.ts';
import type { History831 } from './history-831.ts';
import type { Immunization } from './immunization.ts';
import type { Person } from './person.ts';
import { withDerivedPersonFields } from './person-derived-fields.ts';
import { organSystemKeys } from './organ-systems.ts';

const MIN_MS = Date.UTC(2017, 0, 1);
const MAX_MS = Date.UTC(2030, 11, 31);

export const arbDocumentId = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);
export const arbOrgUnitId = fc.constantFrom('tyt-00070', 'tyt-09556', 'ttyt-2004-001', 'bv-01032');
/** The account credited with the latest change: one of a few staff user names. */
const arbUpdatedBy = fc.constantFrom('01I29_anv', '01I29_hangttm2', '01032_lt_bnv');
export const arbInstant = fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => new Date(ms).toISOString());
export const arbIsoDate = arbInstant.map((instant) => instant.slice(0, 10));
const arbBirthDate = fc
  .integer({ min: Date.UTC(1920, 0, 1), max: Date.UTC(2025, 11, 31) })
  .chain((ms) => fc.constantFrom(10, 7, 4).map((length) => new Date(ms).toISOString().slice(0, length)))
  .map((text) => unwrap(parsePartialDate(text)));

const arbStamp = fc
  .record({
    wallMs: fc.integer({ min: MIN_MS, max: MAX_MS }),
    counter: fc.nat({ max: 2000 }),
    node: fc.constantFrom('st-00070', 'st-09556', 'server'),
  })
  .map(serializeHlc);

function arbStamps<const G extends string>(groups: readonly G[]): fc.Arbitrary<Record<G, string>> {
  const model = Object.fromEntries(groups.map((group) => [group, arbStamp]));
  return fc.record(model);
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${String(n)}}$`));
const arbFacilityCode = fc.stringMatching(/^01[0-9A-Z]{3}$/);
const arbLine = fc.constantFrom('Số 12 ngõ 34 phố Hàng Bạc', 'Thôn Đông, xóm 3', 'Tổ 5', 'Bình thường');
const arbNote = fc.constantFrom('Không có gì đặc biệt.', 'Ho khan 3 ngày,\nsốt nhẹ về chiều.', '');

const arbName = fc
  .tuple(capitalizedSyllable, fc.array(capitalizedSyllable, { maxLength: 2 }), capitalizedSyllable)
  .map(([familyName, middle, givenName]) => {
    const middleName = middle.join(' ');
    const fullName = [familyName, middleName, givenName].filter((part) => part !== '').join(' ');
    return { fullName, familyName, middleName, givenName };
  });

const arbAddress = fc.record(
  {
    communeCode: fc.constantFrom(...hanoiCommunes2025.map((c) => c.code)),
    scheme: fc.constant('dvhc-2025' as const),
    detail: arbLine,
  },
  { requiredKeys: ['communeCode', 'scheme'] },
);

const arbBhytCard = fc.record(
  {
    code: fc
      .tuple(
        fc.constantFrom(...bhytBeneficiaryGroups.map((g) => g.code)),
        fc.integer({ min: 1, max: 5 }),
        digits(10),
      )
      .map(([group, level, bhxh]) => `${group}${String(level)}01${bhxh}`),
    validFrom: fc.constant('2026-01-01'),
    validTo: fc.constant('2026-12-31'),
    registeredFacility: arbFacilityCode,
    areaCode: fc.constantFrom('K1' as const, 'K2' as const, 'K3' as const),
  },
  { requiredKeys: ['code'] },
);

const arbHistory: fc.Arbitrary<History831> = fc.record(
  {
    birthCondition: fc.record(
      { birthWeightGrams: fc.integer({ min: 500, max: 5000 }), maternalTetanusDoses: fc.nat({ max: 5 }) },
      { requiredKeys: [] },
    ),
    riskFactors: fc.record(
      { smoking: fc.constantFrom('no' as const, 'quit' as const), alcoholDrinksPerDay: fc.nat({ max: 10 }) },
      { requiredKeys: [] },
    ),
    allergies: fc.record({ drug: fc.constant('Penicillin') }, { requiredKeys: [] }),
    chronicConditions: fc.record(
      {
        hypertension: fc.boolean(),
        icd10Codes: fc.array(fc.constantFrom('I10', 'E11.9', 'Z99.89'), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    surgeries: fc.array(
      fc.record({ bodyPart: fc.constant('Ruột thừa'), year: fc.integer({ min: 1950, max: 2025 }) }),
      {
        maxLength: 2,
      },
    ),
    familyHistory: fc.record(
      {
        hypertension: fc.record({ present: fc.boolean(), affected: fc.constant('Bố') }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    otherIssues: arbNote,
  },
  { requiredKeys: [] },
);

const personWithoutDerived = fc.record(
  {
    id: arbDocumentId,
    orgUnitId: arbOrgUnitId,
    createdAt: arbInstant,
    updatedAt: arbInstant,
    updatedBy: arbUpdatedBy,
    synthetic: fc.boolean(),
    stamps: arbStamps(groupNames(personFieldGroups)),
    healthId: fc.integer({ min: 0, max: 9_999_999_999 }).map((serial) => formatHealthId(serial) as string),
    personalId: fc.tuple(fc.constantFrom('001', '038', '079'), digits(9)).map(([p, rest]) => p + rest),
    bhxhNumber: digits(10),
    bhytCards: fc.array(arbBhytCard, { maxLength: 2 }),
    name: arbName,
    dateOfBirth: arbBirthDate,
    sex: fc.constantFrom('male' as const, 'female' as const, 'unknown' as const),
    ethnicityCode: fc.constantFrom(...ethnicGroups.map((g) => g.code)),
    occupationCode: digits(5),
    birthRegistrationProvince: fc.constantFrom('01', '38', '79'),
    bloodGroup: fc.record({
      abo: fc.constantFrom('A' as const, 'O' as const),
      rh: fc.constant('+' as const),
    }),
    permanentAddress: arbAddress,
    currentAddress: arbAddress,
    phones: fc.array(fc.constantFrom('0912345678', '+84912345678', '02438251234'), { maxLength: 2 }),
    email: fc.constant('nguoidan@example.vn'),
    mother: fc.constant('Trần Thị Hoa'),
    history: arbHistory,
    status: fc.constantFrom('active' as const, 'moved_out' as const, 'deceased' as const),
  },
  {
    requiredKeys: [
      'id',
      'orgUnitId',
      'createdAt',
      'updatedAt',
      'synthetic',
      'stamps',
      'healthId',
      'bhytCards',
      'name',
      'dateOfBirth',
      'sex',
      'currentAddress',
      'phones',
      'history',
      'status',
    ],
  },
);

/** Valid persons with their derived search fields computed. */
export const arbPerson: fc.Arbitrary<Person> = personWithoutDerived.map(({ name, ...rest }) =>
  withDerivedPersonFields({ ...rest, ...name }),
);

const arbDiagnosis = fc
  .constantFrom(...icd10Common.slice(0, 50))
  .map((entry) => ({ icd10: entry.code, name: entry.name, primary: false }));

/** Valid encounters, drafts and signed ones (a signed one has its signer and time). */
export const arbEncounter: fc.Arbitrary<Encounter> = fc
  .record(
    {
      id: arbDocumentId,
      orgUnitId: arbOrgUnitId,
      createdAt: arbInstant,
      updatedAt: arbInstant,
      updatedBy: arbUpdatedBy,
      synthetic: fc.boolean(),
      stamps: arbStamps(groupNames(encounterFieldGroups)),
      personId: arbDocumentId,
      kind: fc.constantFrom('periodic-exam' as const, 'sick-visit' as const, 'screening' as const),
      date: arbIsoDate,
      history: arbNote,
      vitals: fc.record(
        {
          pulse: fc.integer({ min: 50, max: 120 }),
          temperatureC: fc.constantFrom(36.5, 37.2, 38.9),
          systolic: fc.integer({ min: 90, max: 180 }),
          diastolic: fc.integer({ min: 50, max: 110 }),
          weightKg: fc.constantFrom(3.2, 55, 72.5),
          heightCm: fc.constantFrom(50, 158, 171.5),
        },
        { requiredKeys: [] },
      ),
      visualAcuity: fc.record({
        rightUncorrected: fc.constant('10/10'),
        leftUncorrected: fc.constant('8/10'),
      }),
      organSystems: fc
        .subarray([...organSystemKeys], { maxLength: 4 })
        .map((keys) => Object.fromEntries(keys.map((key) => [key, 'Bình thường']))),
      labs: fc.array(
        fc.record({
          indicatorCode: fc.constant('GLU'),
          name: fc.constant('Glucose'),
          value: fc.constant('5.6'),
          unit: fc.constant('mmol/L'),
        }),
        { maxLength: 2 },
      ),
      diagnoses: fc.array(arbDiagnosis, { maxLength: 3 }),
      advice: arbNote,
      signed: fc.boolean(),
      signedAt: arbInstant,
      amends: arbDocumentId,
      source: fc.record({
        kind: fc.constantFrom('station' as const, 'interop' as const),
        facilityCode: arbFacilityCode,
      }),
    },
    {
      requiredKeys: [
        'id',
        'orgUnitId',
        'createdAt',
        'updatedAt',
        'synthetic',
        'stamps',
        'personId',
        'kind',
        'date',
        'diagnoses',
        'signed',
        'signedAt',
        'source',
      ],
    },
  )
  .map(({ signed, signedAt, diagnoses, ...rest }) => {
    const marked = diagnoses.map((d, i) => ({ ...d, primary: i === 0 }));
    if (!signed) return { ...rest, diagnoses: marked, status: 'draft' as const };
    const signer = { practitionerId: '001234/HNO-CCHN', name: 'Lê Văn Minh' };
    return { ...rest, diagnoses: marked, status: 'signed' as const, signedAt, signer };
  });

/** Valid immunizations of TCMR vaccines. */
export const arbImmunization: fc.Arbitrary<Immunization> = fc.record(
  {
    id: arbDocumentId,
    orgUnitId: arbOrgUnitId,
    createdAt: arbInstant,
    updatedAt: arbInstant,
    updatedBy: arbUpdatedBy,
    synthetic: fc.boolean(),
    stamps: arbStamps(groupNames(immunizationFieldGroups)),
    personId: arbDocumentId,
    vaccineCode: fc.constantFrom(...tcmrSchedule.map((entry) => entry.code)),
    dose: fc.constant(1),
    date: arbIsoDate,
    facility: fc.constant('Trạm Y tế phường Hoàn Kiếm'),
    lot: fc.constant('LOT-2026-01'),
    reaction: arbNote,
    pregnancyMonth: fc.integer({ min: 1, max: 10 }),
    source: fc.record(
      {
        kind: fc.constantFrom('station' as const, 'interop' as const, 'import' as const),
        facilityCode: arbFacilityCode,
      },
      { requiredKeys: ['kind'] },
    ),
    amends: arbDocumentId,
    status: fc.constantFrom('recorded' as const, 'entered-in-error' as const, 'not-vaccinated' as const),
  },
  {
    requiredKeys: [
      'id',
      'orgUnitId',
      'createdAt',
      'updatedAt',
      'synthetic',
      'stamps',
      'personId',
      'vaccineCode',
      'dose',
      'date',
      'source',
      'status',
    ],
  },
);

/** The document without one of its fields (for tests of missing fields). */
export function without<T extends object, K extends keyof T>(doc: T, key: K): Omit<T, K> {
  return Object.fromEntries(Object.entries(doc).filter(([field]) => field !== key)) as Omit<T, K>;
}

/** One fixed valid document of each collection, for example-based tests. */
export const samplePerson: Person = withDerivedPersonFields({
  id: '01JH0000000000000000000001',
  orgUnitId: 'tyt-00070',
  createdAt: '2026-03-01T02:00:00.000Z',
  updatedAt: '2026-03-01T02:00:00.000Z',
  synthetic: true,
  stamps: {
    identifiers: '001772330400000-00000000-st-00070',
    name: '001772330400000-00000000-st-00070',
    demographics: '001772330400000-00000000-st-00070',
    addresses: '001772330400000-00000000-st-00070',
    contact: '001772330400000-00000000-st-00070',
    household: '001772330400000-00000000-st-00070',
    history: '001772330400000-00000000-st-00070',
    status: '001772330400000-00000000-st-00070',
    management: '001772330400000-00000000-st-00070',
  },
  healthId: formatHealthId(42),
  personalId: '001185012345',
  bhytCards: [
    { code: 'GD4010123456789', validFrom: '2026-01-01', validTo: '2026-12-31', registeredFacility: '01032' },
  ],
  fullName: 'Nguyễn Thị Hoà',
  familyName: 'Nguyễn',
  middleName: 'Thị',
  givenName: 'Hoà',
  dateOfBirth: unwrap(parsePartialDate('1985-04-12')),
  sex: 'female',
  ethnicityCode: '01',
  currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Số 12 phố Hàng Bạc' },
  phones: ['0912345678'],
  history: { chronicConditions: { hypertension: true, icd10Codes: ['I10'] } },
  status: 'active',
});

export const sampleEncounter: Encounter = {
  id: '01JH0000000000000000000002',
  orgUnitId: 'tyt-00070',
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:30:00.000Z',
  synthetic: true,
  stamps: { clinical: '001772416800000-00000000-st-00070', signature: '001772418600000-00000000-st-00070' },
  personId: samplePerson.id,
  kind: 'periodic-exam',
  date: '2026-03-02',
  vitals: { pulse: 78, systolic: 135, diastolic: 85, weightKg: 55, heightCm: 158, bmi: 22 },
  diagnoses: [{ icd10: 'I10', name: 'Tăng huyết áp vô căn (nguyên phát)', primary: true }],
  status: 'signed',
  signedAt: '2026-03-02T02:30:00.000Z',
  signer: { practitionerId: '001234/HNO-CCHN', name: 'Lê Văn Minh' },
  source: { kind: 'station', facilityCode: '01032' },
};

export const sampleImmunization: Immunization = {
  id: '01JH0000000000000000000003',
  orgUnitId: 'tyt-00070',
  createdAt: '2026-03-03T02:00:00.000Z',
  updatedAt: '2026-03-03T02:00:00.000Z',
  synthetic: true,
  stamps: { record: '001772503200000-00000000-st-00070' },
  personId: samplePerson.id,
  vaccineCode: 'TT',
  dose: 2,
  date: '2026-03-03',
  nextAppointment: '2026-09-03',
  pregnancyMonth: 5,
  source: { kind: 'station', facilityCode: '01032' },
  status: 'recorded',
};
