import { describe, expect, it } from 'vitest';
import { examplePerson } from '#shared/merge/merge-examples.test-support.ts';
import { collections } from '#shared/schemas/collections.ts';
import { encounterTombstone, immunizationTombstone, personTombstone } from './eviction-tombstones.ts';

describe('eviction tombstones', () => {
  it.each([
    ['persons', () => collections.persons.validate(personTombstone('p-gone'))],
    ['encounters', () => collections.encounters.validate(encounterTombstone('e-gone'))],
    ['immunizations', () => collections.immunizations.validate(immunizationTombstone('i-gone'))],
  ])('are valid %s documents, so a replica accepts them', (_name, validate) => {
    const result = validate();
    expect(result.ok ? [] : result.errors.map((e) => `${e.path ?? ''}: ${e.code}`)).toEqual([]);
  });

  it('carry the id and nothing of the resident', () => {
    const tombstone = personTombstone(examplePerson.id);
    expect(tombstone.id).toBe(examplePerson.id);
    const text = JSON.stringify(tombstone);
    for (const value of [
      examplePerson.fullName,
      examplePerson.personalId ?? '',
      examplePerson.healthId,
      examplePerson.orgUnitId,
    ]) {
      expect(text).not.toContain(value);
    }
  });
});
