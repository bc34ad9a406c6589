import fc from 'fast-check';
import { serializeHlc } from '../clock/hlc.ts';
import { formatHealthId } from '../identifiers/health-id.ts';
import { stationIdForCommune } from '../org-units/hanoi-org-units.ts';
import { ethnicGroups } from '../reference-data/ethnic-groups.generated.ts';
import { hanoiCommunes2025 } from '../reference-data/hanoi-communes.generated.ts';
import { icd10Common } from '../reference-data/icd10.generated.ts';
import { tcmrSchedule } from '../reference-data/vaccine-schedule.ts';
import {
  encounterFieldGroups,
  immunizationFieldGroups,
  personFieldGroups,
  type EncounterFieldGroup,
  type PersonFieldGroup,
} from '../schemas/field-groups.ts';
import { withBmi } from '../schemas/vitals.ts';
import type { Encounter } from '../schemas/encounter.ts';
import type { Immunization } from '../schemas/immunization.ts';
import { withDerivedPersonFields } from '../schemas/person-derived-fields.ts';
import type { Person } from '../schemas/person.ts';
import { deepEqual } from './deep-equal.ts';
import type { GroupValue } from './merge-decision.ts';
import { pickGroup } from './three-way-merge.ts';
import type { FieldGroups, MergeableDocument } from './three-way-merge.ts';

/**
 * fast-check arbitraries of VALID persons, encounters and immunizations (the kernel's document shapes), and of
 * the edits a station or the server makes to them, for the merge policies' property tests. An edit changes whole
 * field groups and stamps each changed group with a newer HLC of the editing node, as a real writer does.
 */
type AnyDocument = MergeableDocument & GroupValue;

/** The HLC node ids of the writers in the tests: the server (master) and two stations. */
export const NODES = { server: 'server', stationA: 'tyt-a', stationB: 'tyt-b' } as const;

/** 2025-01-01T00:00:00.000Z: the wall time around which generated stamps fall. */
export const EPOCH_MS = Date.UTC(2025, 0, 1);

/** A serialized HLC stamp at `wallMs` from `node`. */
export function stampAt(wallMs: number, node: string, counter = 0): string {
  return serializeHlc({ wallMs, counter, node });
}

const isoDateTimeAt = (wallMs: number): string => new Date(wallMs).toISOString();
const wallMsOf = (stamp: string): number => Number(stamp.slice(0, 15));

const digits = (length: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(''));
const isoDate = (minYear: number, maxYear: number): fc.Arbitrary<string> =>
  fc
    .date({
      min: new Date(Date.UTC(minYear, 0, 1)),
      max: new Date(Date.UTC(maxYear, 11, 31)),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
const partialDate = (minYear: number, maxYear: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: minYear, max: maxYear }).map(String),
    isoDate(minYear, maxYear).map((d) => d.slice(0, 7)),
    isoDate(minYear, maxYear),
  );
const words = [
  'Thôn Đông',
  'Số 12 ngõ 4',
  'Tổ 7',
  'đau đầu',
  'ho khan',
  'bình thường',
  'Hoà Bình',
  'dị ứng nhẹ',
];
const phrase = fc.constantFrom(...words).map((w) => w.normalize('NFC'));
/** An optional value: the key is absent (never undefined) when the arbitrary chooses none. */
const maybe = <K extends string, V>(key: K, arb: fc.Arbitrary<V>): fc.Arbitrary<Partial<Record<K, V>>> =>
  fc.option(arb, { nil: undefined }).map((v) => {
    const entry: Partial<Record<K, V>> = {};
    if (v !== undefined) entry[key] = v;
    return entry;
  });
const object = (...parts: fc.Arbitrary<object>[]): fc.Arbitrary<GroupValue> =>
  fc.tuple(...parts).map((values): GroupValue => Object.assign({}, ...values) as GroupValue);

const communeCode = fc.constantFrom(...hanoiCommunes2025.map((c) => c.code));
const address = object(
  communeCode.map((communeCode) => ({ communeCode, scheme: 'dvhc-2025' })),
  maybe('detail', phrase),
);
const documentId = (prefix: string): fc.Arbitrary<string> => digits(8).map((d) => `${prefix}-${d}`);
const facilityCode = fc.constantFrom('01032', '01I29', '01T0A', '01T1F');

// Persons ---------------------------------------------------------------------------------------------------------

const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const middleNames = ['Văn', 'Thị', 'Đức', 'Ngọc', 'Minh', 'Thu', ''];
const givenNames = ['An', 'Bình', 'Hoà', 'Hùng', 'Lan', 'Thuỷ', 'Đạt', 'Yến'];
const nameParts = fc.record({
  familyName: fc.constantFrom(...familyNames),
  middleName: fc.constantFrom(...middleNames),
  givenName: fc.constantFrom(...givenNames),
});

const cccd = fc
  .tuple(fc.constantFrom('001', '030', '034'), fc.integer({ min: 0, max: 3 }), digits(2), digits(6))
  .map(([place, centurySex, year, serial]) => `${place}${String(centurySex)}${year}${serial}`);
const bhytCard = object(
  fc
    .tuple(fc.constantFrom('DN', 'HT', 'TE', 'GD'), fc.integer({ min: 1, max: 5 }), digits(10))
    .map(([group, level, bhxh]) => ({ code: `${group}${String(level)}01${bhxh}` })),
  maybe('validFrom', isoDate(2018, 2024)),
  maybe('registeredFacility', facilityCode),
  maybe('areaCode', fc.constantFrom('K1', 'K2', 'K3')),
);

/** One arbitrary per person field group: the group's fields, valid and NFC. */
export const personGroups: { readonly [G in PersonFieldGroup]: fc.Arbitrary<GroupValue> } = {
  identifiers: object(
    fc.integer({ min: 0, max: 9_999_999_999 }).map((serial) => ({ healthId: formatHealthId(serial) })),
    fc
      .option(fc.tuple(cccd, isoDate(2016, 2024), phrase), { nil: undefined })
      .map((id) => (id === undefined ? {} : { personalId: id[0], idIssueDate: id[1], idIssuePlace: id[2] })),
    maybe('legacyId', digits(9)),
    maybe('bhxhNumber', digits(10)),
    fc
      .uniqueArray(bhytCard, { maxLength: 2, selector: (card) => card.code })
      .map((bhytCards) => ({ bhytCards })),
  ),
  name: nameParts.map((parts) => ({
    fullName: [parts.familyName, parts.middleName, parts.givenName].filter((p) => p !== '').join(' '),
    ...parts,
  })),
  demographics: object(
    partialDate(1930, 2024).map((dateOfBirth) => ({ dateOfBirth })),
    fc.constantFrom('male', 'female', 'unknown').map((sex) => ({ sex })),
    maybe('ethnicityCode', fc.constantFrom(...ethnicGroups.slice(0, 10).map((g) => g.code))),
    maybe('nationalityCode', fc.constant('VN')),
    maybe('occupationCode', digits(5)),
    maybe('birthRegistrationProvince', fc.constantFrom('01', '30', '34')),
    maybe(
      'bloodGroup',
      object(maybe('abo', fc.constantFrom('A', 'B', 'AB', 'O')), maybe('rh', fc.constantFrom('+', '-'))),
    ),
  ),
  addresses: object(
    address.map((currentAddress) => ({ currentAddress })),
    maybe('permanentAddress', address),
  ),
  contact: object(
    fc
      .uniqueArray(
        digits(8).map((d) => `09${d}`),
        { maxLength: 2 },
      )
      .map((phones) => ({ phones })),
    maybe('email', fc.constantFrom('lan@example.vn', 'hung.nguyen@example.vn')),
  ),
  household: object(
    maybe(
      'household',
      object(
        documentId('ho').map((id) => ({ id })),
        maybe('relationToHead', phrase),
      ),
    ),
    maybe('mother', fc.constantFrom('Lê Thị Hoà', 'Trần Thị Yến')),
    maybe('father', fc.constantFrom('Nguyễn Văn An', 'Phạm Đức Hùng')),
    maybe('caregiver', object(fc.constant({ name: 'Bùi Thu Lan' }), maybe('relation', phrase))),
  ),
  history: object(
    maybe('riskFactors', object(maybe('smoking', fc.constantFrom('no', 'yes', 'regular', 'quit')))),
    maybe('allergies', object(maybe('drug', phrase), maybe('food', phrase))),
    maybe('chronicConditions', object(maybe('hypertension', fc.boolean()), maybe('diabetes', fc.boolean()))),
    maybe(
      'surgeries',
      fc.array(
        object(
          phrase.map((bodyPart) => ({ bodyPart })),
          maybe('year', fc.integer({ min: 1970, max: 2024 })),
        ),
        {
          maxLength: 2,
        },
      ),
    ),
    maybe('otherIssues', phrase),
  ).map((history) => ({ history })),
  status: fc.oneof(
    fc.constant({ status: 'active' }),
    communeCode.map((movedOutTo) => ({ status: 'moved_out', movedOutTo })),
    partialDate(2020, 2024).map((deathDate) => ({ status: 'deceased', deathDate })),
    documentId('q').map((mergedInto) => ({ status: 'merged', mergedInto })),
  ),
  management: communeCode.map((code) => ({ orgUnitId: stationIdForCommune(code) })),
};

// Encounters ------------------------------------------------------------------------------------------------------

/** At most one diagnosis is the primary one, and it comes first. */
const diagnoses = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...icd10Common.slice(0, 20)), { maxLength: 2 }), fc.boolean())
  .map(([entries, firstIsPrimary]) =>
    entries.map((entry, i) => ({ icd10: entry.code, name: entry.name, primary: firstIsPrimary && i === 0 })),
  );
const vitals = object(
  maybe('pulse', fc.integer({ min: 50, max: 120 })),
  maybe('systolic', fc.integer({ min: 90, max: 180 })),
  maybe('weightKg', fc.integer({ min: 30, max: 90 })),
  maybe('heightCm', fc.integer({ min: 140, max: 190 })),
).map((measured) => withBmi(measured));
const labRow = object(
  fc.constantFrom({ name: 'Glucose máu', value: '5.4', unit: 'mmol/L' }, { name: 'HBsAg', value: 'âm tính' }),
  maybe('resultDate', isoDate(2024, 2024)),
);

/** The narrative part of an encounter's clinical group: what an edit of a draft rewrites. */
const clinicalNarrative = object(
  maybe('history', phrase),
  maybe('vitals', vitals),
  maybe(
    'visualAcuity',
    object(
      maybe('rightUncorrected', fc.constantFrom('10/10', '8/10')),
      maybe('leftUncorrected', fc.constantFrom('10/10', '7/10')),
    ),
  ),
  maybe('generalExam', object(maybe('skinMucosa', phrase))),
  maybe('organSystems', object(maybe('cardiovascular', phrase), maybe('respiratory', phrase))),
  maybe('labs', fc.array(labRow, { maxLength: 2 })),
  diagnoses.map((diagnoses) => ({ diagnoses })),
  maybe('advice', phrase),
);
const signer = fc.constantFrom(
  { practitionerId: '000123/HNO-CCHN', name: 'Nguyễn Thị Lan' },
  { practitionerId: '004567/HNO-CCHN', name: 'Trần Đức Hùng' },
);

/** Per encounter group; `signature` of a new document is a draft or a signature at `signedAtMs`. */
export const encounterGroups = {
  clinical: object(
    documentId('p').map((personId) => ({ personId })),
    communeCode.map((code) => ({ orgUnitId: stationIdForCommune(code) })),
    fc.constantFrom('periodic-exam', 'sick-visit', 'screening').map((kind) => ({ kind })),
    isoDate(2024, 2024).map((date) => ({ date })),
    facilityCode.map((code) => ({ source: { kind: 'station', facilityCode: code } })),
    clinicalNarrative,
  ),
  signature: (signedAtMs: number): fc.Arbitrary<GroupValue> =>
    fc.oneof(
      fc.constant({ status: 'draft' }),
      signer.map((s) => ({ status: 'signed', signedAt: isoDateTimeAt(signedAtMs), signer: s })),
    ),
} as const;

// Immunizations ---------------------------------------------------------------------------------------------------

/** The immunization `record` group, in any status. */
export const immunizationRecord = object(
  documentId('p').map((personId) => ({ personId })),
  communeCode.map((code) => ({ orgUnitId: stationIdForCommune(code) })),
  fc.constantFrom(...tcmrSchedule.map((v) => v.code)).map((vaccineCode) => ({ vaccineCode })),
  fc.integer({ min: 1, max: 4 }).map((dose) => ({ dose })),
  isoDate(2020, 2024).map((date) => ({ date })),
  maybe('facility', facilityCode),
  maybe(
    'lot',
    digits(6).map((d) => `LOT${d}`),
  ),
  maybe('reaction', phrase),
  maybe('nextAppointment', isoDate(2025, 2025)),
  maybe('pregnancyMonth', fc.integer({ min: 1, max: 10 })),
  fc.constant({ source: { kind: 'station', facilityCode: '01T0A' } }),
  fc.constantFrom('recorded', 'entered-in-error', 'not-vaccinated').map((status) => ({ status })),
);

// Documents and edits ---------------------------------------------------------------------------------------------

type GroupArbitraries = Readonly<Record<string, fc.Arbitrary<GroupValue>>>;

/** A document from one value per group, with per-group stamps from a few writers and consistent datetimes. */
function document<D extends AnyDocument>(prefix: string, groups: GroupArbitraries): fc.Arbitrary<D> {
  const names = Object.keys(groups);
  const stamp = fc
    .tuple(fc.integer({ min: 0, max: 86_400_000 }), fc.constantFrom(...Object.values(NODES)))
    .map(([offset, node]) => stampAt(EPOCH_MS + offset, node));
  return fc
    .tuple(
      documentId(prefix),
      fc.tuple(...names.map((name) => groups[name] ?? fc.constant({}))),
      fc.array(stamp, { minLength: names.length, maxLength: names.length }),
      fc.boolean(),
    )
    .map(([id, values, stamps, synthetic]) => {
      const lastWrite = Math.max(...stamps.map(wallMsOf));
      return Object.assign(
        {
          id,
          createdAt: isoDateTimeAt(EPOCH_MS - 86_400_000),
          updatedAt: isoDateTimeAt(lastWrite),
          synthetic,
          stamps: Object.fromEntries(names.map((name, i) => [name, stamps[i] ?? ''])),
        },
        ...values,
      ) as D;
    });
}

/**
 * An edit of `doc` by `node`: at least one of the `allowed` groups gets a new, different value and a stamp newer
 * than every stamp of `doc`; `updatedAt` moves to the edit's wall time.
 */
function edit<D extends AnyDocument>(
  doc: D,
  fieldGroups: FieldGroups,
  groups: GroupArbitraries,
  node: string,
  allowed: readonly string[],
): fc.Arbitrary<D> {
  const latest = Math.max(...Object.values(doc.stamps).map(wallMsOf), Date.parse(doc.updatedAt));
  return fc
    .tuple(fc.subarray([...allowed], { minLength: 1 }), fc.integer({ min: 1, max: 3_600_000 }))
    .chain(([chosen, delta]) =>
      fc.tuple(
        fc.constant(delta),
        fc.tuple(
          ...chosen.map((group) =>
            (groups[group] ?? fc.constant({}))
              .filter((value) => !sameGroup(doc, fieldGroups[group] ?? [], value))
              .map((value) => [group, value] as const),
          ),
        ),
      ),
    )
    .map(([delta, changes]) => {
      const wallMs = latest + delta;
      const changed: Record<string, unknown> = { ...doc };
      const stamps: Record<string, string> = { ...doc.stamps };
      for (const [group, value] of changes) {
        for (const field of fieldGroups[group] ?? []) changed[field] = undefined;
        Object.assign(changed, value);
        stamps[group] = stampAt(wallMs, node);
      }
      const cleaned = Object.fromEntries(Object.entries(changed).filter(([, v]) => v !== undefined));
      return { ...cleaned, stamps, updatedAt: isoDateTimeAt(wallMs) } as D;
    });
}

function sameGroup(doc: GroupValue, fields: readonly string[], value: GroupValue): boolean {
  return deepEqual(pickGroup(doc, fields), pickGroup(value, fields));
}

/** A valid person with its derived search fields. */
export const personArbitrary: fc.Arbitrary<Person> = document<Person>('p', personGroups).map(
  withDerivedPersonFields,
);

/**
 * An edit of a person by `node` to some of `groups` (default: all). A death or a server-side merge is never undone
 * by a merge, so by default an edit of a deceased or merged person leaves the status group alone: only then does
 * merging the edit against an unchanged side reproduce it exactly. `keepStickyStatus: false` allows such edits too.
 */
export function personEdit(
  person: Person,
  node: string,
  groups: readonly PersonFieldGroup[] = Object.keys(personFieldGroups) as PersonFieldGroup[],
  options: { readonly keepStickyStatus?: boolean } = {},
): fc.Arbitrary<Person> {
  const sticky =
    (options.keepStickyStatus ?? true) && (person.status === 'deceased' || person.status === 'merged');
  const allowed = groups.filter((group) => !(sticky && group === 'status'));
  // The health ID is issued once and never edited; everything else in the groups may change.
  const identifiers = personGroups.identifiers.map((value) => ({ ...value, healthId: person.healthId }));
  return edit(
    person,
    personFieldGroups,
    { ...personGroups, identifiers },
    node,
    allowed.length > 0 ? allowed : ['contact'],
  ).map(withDerivedPersonFields);
}

/** A valid encounter, draft or signed; a signed one's `signedAt` is its signature stamp's wall time. */
export const encounterArbitrary: fc.Arbitrary<Encounter> = document<Encounter>('e', {
  clinical: encounterGroups.clinical,
  signature: encounterGroups.signature(EPOCH_MS),
}).map((encounter) => {
  if (encounter.status !== 'signed') return encounter;
  return { ...encounter, signedAt: isoDateTimeAt(wallMsOf(encounter.stamps.signature)) };
});

/**
 * An edit of an encounter by `node`: new clinical content (same person, unit, kind, date and source), a new
 * signature state, or both. Signed encounters never change: an edit of one stands for a write the rules refuse.
 */
export function encounterEdit(
  encounter: Encounter,
  node: string,
  groups: readonly EncounterFieldGroup[] = ['clinical', 'signature'],
): fc.Arbitrary<Encounter> {
  const fixed = pickGroup(encounter, ['personId', 'orgUnitId', 'kind', 'date', 'source']);
  const clinical = clinicalNarrative.map((narrative): GroupValue => ({ ...fixed, ...narrative }));
  return edit(
    encounter,
    encounterFieldGroups,
    { clinical, signature: encounterGroups.signature(EPOCH_MS) },
    node,
    groups,
  ).map((edited) =>
    edited.status === 'signed' && edited.stamps.signature !== encounter.stamps.signature
      ? { ...edited, signedAt: isoDateTimeAt(wallMsOf(edited.stamps.signature)) }
      : edited,
  );
}

/** A valid immunization. */
export const immunizationArbitrary: fc.Arbitrary<Immunization> = document<Immunization>('i', {
  record: immunizationRecord,
});

/** A valid immunization in status `recorded`: the only kind a station may still change (mark entered-in-error). */
export const recordedImmunizationArbitrary: fc.Arbitrary<Immunization> = document<Immunization>('i', {
  record: immunizationRecord.map((record) => ({ ...record, status: 'recorded' })),
});

/** Any change of an immunization, as the server may write it (theirs): new record content and/or status. */
export function immunizationServerEdit(immunization: Immunization, node: string): fc.Arbitrary<Immunization> {
  return edit(immunization, immunizationFieldGroups, { record: immunizationRecord }, node, ['record']);
}

/**
 * The only change a station may make to an existing immunization (append-only): marking a `recorded` one
 * entered-in-error. Only such an edit, merged against an unchanged master, reproduces itself.
 */
export function immunizationStationEdit(
  immunization: Immunization,
  node: string,
): fc.Arbitrary<Immunization> {
  if (immunization.status !== 'recorded')
    throw new Error('only a recorded immunization can be marked in error');
  const marked = fc.constant<GroupValue>({ ...immunization, status: 'entered-in-error' });
  return edit(immunization, immunizationFieldGroups, { record: marked }, node, ['record']);
}

/** A valid draft encounter: the only kind a station or the server may still change. */
export const draftEncounterArbitrary: fc.Arbitrary<Encounter> = encounterArbitrary.map((encounter) => {
  const unsigned = Object.entries(encounter).filter(([field]) => field !== 'signedAt' && field !== 'signer');
  return { ...(Object.fromEntries(unsigned) as Encounter), status: 'draft' };
});
