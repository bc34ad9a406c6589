import type { FastifyInstance } from 'fastify';
import {
  exampleEncounter,
  exampleImmunization,
  examplePerson,
  writtenBy,
} from '#shared/merge/merge-examples.test-support.ts';
import { formatHealthId } from '#shared/identifiers/health-id.ts';
import { SYNTHETIC_HEALTH_ID_FIRST_SERIAL } from '#shared/synthetic/synthetic-person.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import {
  encounterFieldGroups,
  immunizationFieldGroups,
  personFieldGroups,
} from '#shared/schemas/field-groups.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import { withDerivedPersonFields } from '#shared/schemas/person-derived-fields.ts';
import type { Person } from '#shared/schemas/person.ts';
import { PRINCIPAL_HEADER, type TestPrincipalName } from '../testing/replication-test-app.test-support.ts';

/**
 * A health ID of its own for each fixture id (health IDs are unique on the server), from the synthetic range the
 * server accepts for synthetic residents without an allocated block: a hash of the id as serial.
 */
export function fixtureHealthId(id: string): string {
  let hash = 2_166_136_261;
  for (const char of id) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16_777_619) >>> 0;
  return formatHealthId(SYNTHETIC_HEALTH_ID_FIRST_SERIAL + (hash % 999_999_999));
}

/** Valid domain documents for replication tests, built from the merge policies' examples. */
export function personIn(unitId: string, id: string, changes: Partial<Person> = {}): Person {
  return withDerivedPersonFields({
    ...examplePerson,
    id,
    healthId: fixtureHealthId(id),
    synthetic: true,
    orgUnitId: unitId,
    ...changes,
  });
}

export function encounterOf(person: Person, id: string, changes: Partial<Encounter> = {}): Encounter {
  return { ...exampleEncounter, id, personId: person.id, orgUnitId: person.orgUnitId, ...changes };
}

export function immunizationOf(
  person: Person,
  id: string,
  changes: Partial<Immunization> = {},
): Immunization {
  return { ...exampleImmunization, id, personId: person.id, orgUnitId: person.orgUnitId, ...changes };
}

/** A station's edit: changed fields, their groups stamped by `node` at `minutes` after the examples' epoch. */
/** `changes` may set an optional field to undefined to remove it. */
export function editedPerson(
  person: Person,
  node: string,
  minutes: number,
  changes: Readonly<Record<string, unknown>>,
): Person {
  return withDerivedPersonFields(writtenBy(person, personFieldGroups, node, minutes, changes));
}

export function editedEncounter(
  doc: Encounter,
  node: string,
  minutes: number,
  changes: Readonly<Record<string, unknown>>,
): Encounter {
  return writtenBy(doc, encounterFieldGroups, node, minutes, changes);
}

export function editedImmunization(
  doc: Immunization,
  node: string,
  minutes: number,
  changes: Readonly<Record<string, unknown>>,
): Immunization {
  return writtenBy(doc, immunizationFieldGroups, node, minutes, changes);
}

/** A document as RxDB sends and receives it. */
export function live<T extends object>(doc: T): T & { _deleted: boolean } {
  return { ...doc, _deleted: false };
}

export type PulledPage = {
  documents: (Record<string, unknown> & { _deleted: boolean })[];
  checkpoint: { seq: number };
};

export async function pullAs(
  app: FastifyInstance,
  principal: TestPrincipalName,
  collection: string,
  checkpoint = 0,
  limit = 100,
): Promise<PulledPage> {
  const response = await app.inject({
    url: `/sync/${collection}/pull?checkpoint=${String(checkpoint)}&limit=${String(limit)}`,
    headers: { [PRINCIPAL_HEADER]: principal },
  });
  if (response.statusCode !== 200)
    throw new Error(`pull answered ${String(response.statusCode)}: ${response.body}`);
  return response.json<PulledPage>();
}

export type PushRowInput = { assumedMasterState?: object; newDocumentState: object };

export async function pushAs(
  app: FastifyInstance,
  principal: TestPrincipalName,
  collection: string,
  rows: readonly PushRowInput[],
): Promise<(Record<string, unknown> & { _deleted: boolean })[]> {
  const response = await app.inject({
    method: 'POST',
    url: `/sync/${collection}/push`,
    headers: { [PRINCIPAL_HEADER]: principal },
    payload: rows,
  });
  if (response.statusCode !== 200)
    throw new Error(`push answered ${String(response.statusCode)}: ${response.body}`);
  return response.json();
}
