import { parsePartialDate } from '../dates/partial-date.ts';
import { unwrap } from '../errors/result.ts';
import { formatHealthId } from '../identifiers/health-id.ts';
import { stationIdForCommune } from '../org-units/hanoi-org-units.ts';
import type { Encounter } from '../schemas/encounter.ts';
import { encounterFieldGroups, immunizationFieldGroups, personFieldGroups } from '../schemas/field-groups.ts';
import type { Immunization } from '../schemas/immunization.ts';
import { withDerivedPersonFields } from '../schemas/person-derived-fields.ts';
import type { Person } from '../schemas/person.ts';
import type { GroupValue } from './merge-decision.ts';
import { EPOCH_MS, NODES, stampAt } from './merge-arbitraries.test-support.ts';
import type { FieldGroups, MergeableDocument } from './three-way-merge.ts';

/**
 * Fixed, valid documents for the merge policies' table tests, and `writtenBy` to derive the versions a station or
 * the server writes from them. Every example was last written by the server at `EPOCH_MS`.
 */

const isoDateTimeAt = (wallMs: number): string => new Date(wallMs).toISOString();

/** The wall time `minutes` after `EPOCH_MS`, as an ISO datetime. */
export function minutesAfterEpoch(minutes: number): string {
  return isoDateTimeAt(EPOCH_MS + minutes * 60_000);
}

/**
 * `doc` after a write by `node` at `minutes` after the epoch: `changes` applied (a change to `undefined` removes the
 * field), every group that `changes` touches stamped with the write's HLC, `updatedAt` moved to the write's time.
 */
export function writtenBy<D extends MergeableDocument & GroupValue>(
  doc: D,
  fieldGroups: FieldGroups,
  node: string,
  minutes: number,
  changes: Readonly<Record<string, unknown>>,
): D {
  const wallMs = EPOCH_MS + minutes * 60_000;
  const stamps: Record<string, string> = { ...doc.stamps };
  for (const [group, fields] of Object.entries(fieldGroups)) {
    if (fields.some((field) => field in changes)) stamps[group] = stampAt(wallMs, node);
  }
  const changed = Object.entries({ ...doc, ...changes }).filter(([, value]) => value !== undefined);
  return { ...Object.fromEntries(changed), stamps, updatedAt: isoDateTimeAt(wallMs) } as D;
}

const exampleStamps = <G extends string>(groups: Readonly<Record<G, readonly string[]>>): Record<G, string> =>
  Object.fromEntries(Object.keys(groups).map((group) => [group, stampAt(EPOCH_MS, NODES.server)])) as Record<
    G,
    string
  >;

/** A resident of Phường Hoàn Kiếm with a CCCD and one BHYT card, last written by the server at the epoch. */
export const examplePerson: Person = withDerivedPersonFields({
  id: 'p-00000001',
  orgUnitId: stationIdForCommune('00070'),
  createdAt: minutesAfterEpoch(-60),
  updatedAt: minutesAfterEpoch(0),
  synthetic: true,
  stamps: exampleStamps(personFieldGroups),
  healthId: formatHealthId(1234),
  personalId: '001085012345',
  idIssueDate: '2021-04-12',
  idIssuePlace: 'Cục Cảnh sát QLHC về TTXH',
  bhxhNumber: '0112345678',
  bhytCards: [{ code: 'GD4010112345678', validFrom: '2024-01-01', validTo: '2024-12-31', areaCode: 'K1' }],
  fullName: 'Nguyễn Thị Hoà',
  familyName: 'Nguyễn',
  middleName: 'Thị',
  givenName: 'Hoà',
  dateOfBirth: unwrap(parsePartialDate('1985-03-21')),
  sex: 'female',
  ethnicityCode: '01',
  currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Số 12 ngõ 4 Hàng Bạc' },
  phones: ['0912345678'],
  history: { allergies: { drug: 'Penicillin' } },
  status: 'active',
});

/** A draft periodic exam of `examplePerson`, last written by the server at the epoch. */
export const exampleEncounter: Encounter = {
  id: 'e-00000001',
  orgUnitId: stationIdForCommune('00070'),
  createdAt: minutesAfterEpoch(-60),
  updatedAt: minutesAfterEpoch(0),
  synthetic: true,
  stamps: exampleStamps(encounterFieldGroups),
  personId: examplePerson.id,
  kind: 'periodic-exam',
  date: '2024-12-30',
  vitals: { pulse: 78, systolic: 130, diastolic: 85 },
  diagnoses: [{ icd10: 'I10', name: 'Tăng huyết áp vô căn (nguyên phát)', primary: true }],
  advice: 'Giảm muối, tái khám sau 1 tháng',
  status: 'draft',
  source: { kind: 'station', facilityCode: '01T01' },
};

/** A recorded BCG dose of `examplePerson`, last written by the server at the epoch. */
export const exampleImmunization: Immunization = {
  id: 'i-00000001',
  orgUnitId: stationIdForCommune('00070'),
  createdAt: minutesAfterEpoch(-60),
  updatedAt: minutesAfterEpoch(0),
  synthetic: true,
  stamps: exampleStamps(immunizationFieldGroups),
  personId: examplePerson.id,
  vaccineCode: 'BCG',
  dose: 1,
  date: '2024-11-02',
  lot: 'LOT123456',
  source: { kind: 'station', facilityCode: '01T01' },
  status: 'recorded',
};
