import { describe, expect, it } from 'vitest';
import { personFieldGroups } from '../schemas/field-groups.ts';
import type { Person } from '../schemas/person.ts';
import { examplePerson } from './merge-examples.test-support.ts';
import { stampWrite } from './stamp-write.ts';

const STAMP = '001764144000000-00000000-tyt-a1-dev1';
const AT = '2025-11-26T08:00:00.000Z';

describe('stamping a local write', () => {
  it('stamps every group of an insert', () => {
    const stamped = stampWrite<Person>(
      undefined,
      { ...examplePerson, stamps: {} },
      personFieldGroups,
      STAMP,
      AT,
      '01I29_anv',
    );
    expect(Object.values(stamped.stamps)).toEqual(Object.keys(personFieldGroups).map(() => STAMP));
    expect(stamped.updatedAt).toBe(AT);
  });

  it('stamps only the groups whose fields changed, and keeps the others', () => {
    const stamped = stampWrite(
      examplePerson,
      { ...examplePerson, phones: ['0987654321'] },
      personFieldGroups,
      STAMP,
      AT,
      '01I29_anv',
    );
    expect(stamped.stamps).toEqual({ ...examplePerson.stamps, contact: STAMP });
  });

  it('credits the write to the account that made it, and to nobody when no person did', () => {
    const byStaff = stampWrite(
      examplePerson,
      { ...examplePerson, phones: ['0987654321'] },
      personFieldGroups,
      STAMP,
      AT,
      '01I29_anv',
    );
    expect(byStaff.updatedBy).toBe('01I29_anv');
    const byRule = stampWrite(byStaff, { ...byStaff, phones: [] }, personFieldGroups, STAMP, AT, undefined);
    expect(byRule).not.toHaveProperty('updatedBy');
  });
});
