import { createHash } from 'node:crypto';
import { stampWrite } from '#shared/merge/stamp-write.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import { encounterFieldGroups, personFieldGroups } from '#shared/schemas/field-groups.ts';
import type { Person } from '#shared/schemas/person.ts';
import { withDerivedPersonFields } from '#shared/schemas/person-derived-fields.ts';
import { splitFullName } from '#shared/text/split-full-name.ts';
import type { NewbornFacts, VisitReading } from './qd130-visit.ts';

/** Who writes: the interop account (credited as `updatedBy`), the server's HLC stamp and the time. */
export type IntakeWrite = { readonly userName: string; readonly stamp: string; readonly at: Date };

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('|'), 'utf8').digest('hex');

/** The encounter id of a hospital visit: the same facility and MA_LK always give the same id, so a re-send replaces. */
export function hospitalEncounterId(facilityCode: string, visitKey: string): string {
  return `hv-${digest(facilityCode, visitKey).slice(0, 32)}`;
}

/** The person id of a newborn of a hồ sơ's birth certificate, stable across re-sends. */
export function newbornPersonId(facilityCode: string, visitKey: string, position: number): string {
  return `nb-${digest(facilityCode, visitKey, String(position)).slice(0, 32)}`;
}

/** Every field group of a new resident stamped with this write. */
function personStamps(stamp: string): Person['stamps'] {
  const groups = Object.keys(personFieldGroups) as (keyof typeof personFieldGroups)[];
  return Object.fromEntries(groups.map((group) => [group, stamp])) as Person['stamps'];
}

function nameParts(fullName: string) {
  const split = splitFullName(fullName);
  return split.ok ? split.value : { familyName: '', middleName: '', givenName: fullName };
}

/**
 * A new resident from a hồ sơ's XML1 (part A as far as the hospital knows it): name, birth date, sex, CCCD, cards,
 * phone, ethnicity, occupation and the address, managed by the station of the address's commune (`stationId`), with
 * the health ID the server issued.
 */
export function personFromVisit(
  reading: VisitReading,
  input: {
    readonly id: string;
    readonly healthId: string;
    readonly stationId: string;
    readonly communeCode: string;
  },
  write: IntakeWrite,
): Person {
  const { patient } = reading;
  const at = write.at.toISOString();
  const person = withDerivedPersonFields({
    id: input.id,
    orgUnitId: input.stationId,
    createdAt: at,
    updatedAt: at,
    synthetic: reading.simulated,
    stamps: personStamps(write.stamp),
    updatedBy: write.userName,
    healthId: input.healthId,
    ...(patient.personalId === undefined ? {} : { personalId: patient.personalId }),
    bhytCards: [...patient.bhytCards],
    fullName: patient.fullName,
    ...nameParts(patient.fullName),
    dateOfBirth: patient.dateOfBirth,
    sex: patient.sex,
    ...(patient.ethnicityCode === undefined ? {} : { ethnicityCode: patient.ethnicityCode }),
    ...(patient.occupationCode === undefined ? {} : { occupationCode: patient.occupationCode }),
    currentAddress: {
      communeCode: input.communeCode,
      scheme: 'dvhc-2025',
      ...(patient.address?.detail === undefined ? {} : { detail: patient.address.detail }),
    },
    phones: patient.phone === undefined ? [] : [patient.phone],
    history: {},
    status: 'active',
  });
  return person;
}

/**
 * A newborn from a birth certificate row (XML9), placed with the mother: her station and address, her household, and
 * her name as `mother`. A child not named yet is written "Con bà {mother}", as hospitals write it, until the station
 * registers the name.
 */
export function newbornFromVisit(
  newborn: NewbornFacts,
  mother: Person,
  input: { readonly id: string; readonly healthId: string; readonly simulated: boolean },
  write: IntakeWrite,
): Person {
  const at = write.at.toISOString();
  const fullName = newborn.fullName ?? `Con bà ${mother.fullName}`;
  const person = withDerivedPersonFields({
    id: input.id,
    orgUnitId: mother.orgUnitId,
    createdAt: at,
    updatedAt: at,
    synthetic: input.simulated || mother.synthetic,
    stamps: personStamps(write.stamp),
    updatedBy: write.userName,
    healthId: input.healthId,
    bhytCards: [],
    fullName,
    ...nameParts(fullName),
    dateOfBirth: newborn.dateOfBirth,
    sex: newborn.sex,
    currentAddress: mother.currentAddress,
    phones: [],
    mother: mother.fullName,
    ...(mother.household === undefined
      ? {}
      : { household: { id: mother.household.id, relationToHead: 'Con' } }),
    history:
      newborn.weightGrams === undefined ? {} : { birthCondition: { birthWeightGrams: newborn.weightGrams } },
    status: 'active',
  });
  return person;
}

/**
 * The encounter a hospital visit becomes: kind `hospital-visit`, signed by the hospital (its facility code as the
 * signer), recorded by the hospital's unit, with the diagnoses, labs, weight and advice in the encounter's own fields
 * and the rest under `hospital`. `previous` is the visit's current version when this is a corrected re-send: the
 * same id, created when it was first received, `version` one more.
 */
export function encounterFromVisit(
  reading: VisitReading,
  input: {
    readonly personId: string;
    readonly hospitalUnitId: string;
    readonly hospitalName: string;
    readonly synthetic: boolean;
    readonly previous: Encounter | undefined;
  },
  write: IntakeWrite,
): Encounter {
  const at = write.at.toISOString();
  const encounter: Omit<Encounter, 'stamps' | 'updatedAt'> = {
    id: hospitalEncounterId(reading.facilityCode, reading.visitKey),
    orgUnitId: input.hospitalUnitId,
    createdAt: input.previous?.createdAt ?? at,
    synthetic: input.synthetic,
    personId: input.personId,
    kind: 'hospital-visit',
    date: reading.date,
    ...(reading.weightKg === undefined ? {} : { vitals: { weightKg: reading.weightKg } }),
    ...(reading.labs.length === 0 ? {} : { labs: reading.labs }),
    diagnoses: reading.diagnoses,
    ...(reading.advice === undefined ? {} : { advice: reading.advice }),
    signer: { practitionerId: reading.facilityCode, name: input.hospitalName },
    status: 'signed',
    signedAt: at,
    source: { kind: 'interop', facilityCode: reading.facilityCode },
    hospital: { ...reading.hospital, version: (input.previous?.hospital?.version ?? 0) + 1, receivedAt: at },
  };
  return stampWrite<Encounter>(
    input.previous,
    encounter,
    encounterFieldGroups,
    write.stamp,
    at,
    write.userName,
  );
}
