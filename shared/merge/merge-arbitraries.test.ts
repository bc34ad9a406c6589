import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../errors/result.ts';
import { validateEncounter } from '../schemas/encounter.ts';
import { validateImmunization } from '../schemas/immunization.ts';
import { validatePerson } from '../schemas/person.ts';
import {
  NODES,
  draftEncounterArbitrary,
  encounterArbitrary,
  encounterEdit,
  immunizationArbitrary,
  immunizationServerEdit,
  immunizationStationEdit,
  personArbitrary,
  personEdit,
  recordedImmunizationArbitrary,
} from './merge-arbitraries.test-support.ts';
import { exampleEncounter, exampleImmunization, examplePerson } from './merge-examples.test-support.ts';

/** The codes of a failed validation, so a failing run shows what was invalid. */
const errorsOf = (result: Result<unknown>) =>
  result.ok ? [] : result.errors.map((e) => `${e.path ?? ''}: ${e.message}`);

describe('test arbitraries', () => {
  it('generate persons, and edits of them, that the person schema accepts', () => {
    const withEdit = personArbitrary.chain((p) => fc.tuple(fc.constant(p), personEdit(p, NODES.stationA)));
    fc.assert(
      fc.property(withEdit, ([person, edited]) => {
        expect(errorsOf(validatePerson(person))).toEqual([]);
        expect(errorsOf(validatePerson(edited))).toEqual([]);
        expect(edited.healthId).toBe(person.healthId);
        expect(edited.updatedAt > person.updatedAt).toBe(true);
      }),
    );
  });

  it('generate encounters, and edits of them, that the encounter schema accepts', () => {
    const withEdit = encounterArbitrary.chain((e) =>
      fc.tuple(fc.constant(e), encounterEdit(e, NODES.stationA)),
    );
    fc.assert(
      fc.property(withEdit, ([encounter, edited]) => {
        expect(errorsOf(validateEncounter(encounter))).toEqual([]);
        expect(errorsOf(validateEncounter(edited))).toEqual([]);
      }),
    );
  });

  it('generate immunizations, and edits of them, that the immunization schema accepts', () => {
    const withEdits = recordedImmunizationArbitrary.chain((i) =>
      fc.tuple(
        fc.constant(i),
        immunizationServerEdit(i, NODES.server),
        immunizationStationEdit(i, NODES.stationA),
      ),
    );
    fc.assert(
      fc.property(withEdits, immunizationArbitrary, ([recorded, byServer, byStation], any) => {
        for (const doc of [recorded, byServer, byStation, any])
          expect(errorsOf(validateImmunization(doc))).toEqual([]);
        expect(byStation).toMatchObject({
          ...recorded,
          status: 'entered-in-error',
          stamps: {},
          updatedAt: byStation.updatedAt,
        });
      }),
    );
  });

  it('generate draft encounters the encounter schema accepts', () => {
    fc.assert(
      fc.property(draftEncounterArbitrary, (draft) => {
        expect(errorsOf(validateEncounter(draft))).toEqual([]);
        expect(draft.status).toBe('draft');
      }),
    );
  });

  it('provide fixed examples the schemas accept', () => {
    expect(errorsOf(validatePerson(examplePerson))).toEqual([]);
    expect(errorsOf(validateEncounter(exampleEncounter))).toEqual([]);
    expect(errorsOf(validateImmunization(exampleImmunization))).toEqual([]);
  });
});
