import { serializeHlc } from '#shared/clock/hlc.ts';
import { unwrap } from '#shared/errors/result.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import { formatHealthId } from '#shared/identifiers/health-id.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import {
  encounterFieldGroups,
  immunizationFieldGroups,
  personFieldGroups,
} from '#shared/schemas/field-groups.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import { withDerivedPersonFields } from '#shared/schemas/person-derived-fields.ts';
import type { Person } from '#shared/schemas/person.ts';

/**
 * Placeholders sent (with `_deleted: true`) to a replica that must drop a document: the resident left its scope, or
 * it pushed to a record it may not see. They satisfy the collection's RxDB and zod schemas, because RxDB validates
 * every pulled document, tombstones included, and retries a rejected one forever; and they carry nothing of the
 * record but its id, so an eviction never tells a replica where the resident went or what changed.
 */
const TOMBSTONE_TIME = '2000-01-01T00:00:00.000Z';
const TOMBSTONE_DATE = '2000-01-01';
const TOMBSTONE_UNIT = 'evicted';
const TOMBSTONE_STAMP = serializeHlc({ wallMs: Date.parse(TOMBSTONE_TIME), counter: 0, node: 'server' });

function stampsOf<G extends string>(groups: Readonly<Record<G, readonly string[]>>): Record<G, string> {
  return Object.fromEntries(Object.keys(groups).map((group) => [group, TOMBSTONE_STAMP])) as Record<
    G,
    string
  >;
}

const base = {
  orgUnitId: TOMBSTONE_UNIT,
  createdAt: TOMBSTONE_TIME,
  updatedAt: TOMBSTONE_TIME,
  synthetic: false,
};

export function personTombstone(id: string): Person {
  return withDerivedPersonFields({
    id,
    ...base,
    stamps: stampsOf(personFieldGroups),
    healthId: formatHealthId(0),
    bhytCards: [],
    fullName: '-',
    familyName: '',
    middleName: '',
    givenName: '-',
    dateOfBirth: unwrap(parsePartialDate('1900')),
    sex: 'unknown',
    currentAddress: { communeCode: '00000', scheme: 'dvhc-2025' },
    phones: [],
    history: {},
    status: 'moved_out',
  });
}

export function encounterTombstone(id: string): Encounter {
  return {
    id,
    ...base,
    stamps: stampsOf(encounterFieldGroups),
    personId: TOMBSTONE_UNIT,
    kind: 'periodic-exam',
    date: TOMBSTONE_DATE,
    diagnoses: [],
    status: 'draft',
    source: { kind: 'station', facilityCode: '01000' },
  };
}

export function immunizationTombstone(id: string): Immunization {
  return {
    id,
    ...base,
    stamps: stampsOf(immunizationFieldGroups),
    personId: TOMBSTONE_UNIT,
    vaccineCode: 'BCG',
    dose: 1,
    date: TOMBSTONE_DATE,
    source: { kind: 'station' },
    status: 'entered-in-error',
  };
}
