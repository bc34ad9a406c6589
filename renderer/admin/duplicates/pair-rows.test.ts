import { describe, expect, it } from 'vitest';
import { hasValue, pairGroups, sameValue } from './pair-rows.ts';

const older = {
  id: 'p-a',
  healthId: '0100000000011',
  personalId: '001080099999',
  bhytCards: [],
  fullName: 'Nguyễn Văn Ấn',
  familyName: 'Nguyễn',
  middleName: 'Văn',
  givenName: 'Ấn',
  dateOfBirth: '1980-05-01',
  sex: 'male',
  currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Số 1' },
  phones: ['0911000111'],
  history: {},
  status: 'active',
};
const newer = {
  ...older,
  id: 'p-b',
  healthId: '0100000000022',
  currentAddress: { scheme: 'dvhc-2025', communeCode: '00070', detail: 'Số 1' },
  phones: ['0988000222'],
  email: 'an@example.vn',
  mother: 'Trần Thị Bé',
};

describe('two records of a pair, field group by field group', () => {
  it('lines up each group’s fields that either record fills, marking those that differ', () => {
    const groups = pairGroups(older, newer);
    expect(groups.map((g) => g.group)).toEqual([
      'identifiers',
      'name',
      'demographics',
      'addresses',
      'contact',
      'household',
      'history',
    ]);
    const byGroup = new Map(groups.map((g) => [g.group, g]));
    expect(byGroup.get('contact')).toEqual({
      group: 'contact',
      fields: [
        { group: 'contact', field: 'phones', values: [['0911000111'], ['0988000222']], differs: true },
        { group: 'contact', field: 'email', values: [undefined, 'an@example.vn'], differs: true },
      ],
      differs: true,
      filled: [true, true],
    });
    // Same address written with its keys in another order: the same value.
    expect(byGroup.get('addresses')?.differs).toBe(false);
    expect(byGroup.get('name')?.fields.map((f) => f.field)).toEqual([
      'fullName',
      'familyName',
      'middleName',
      'givenName',
    ]);
    expect(byGroup.get('household')).toMatchObject({ differs: true, filled: [false, true] });
    // Neither fills part B: the group is there, empty on both sides.
    expect(byGroup.get('history')).toEqual({
      group: 'history',
      fields: [],
      differs: false,
      filled: [false, false],
    });
  });

  it('always shows the health ID but never counts it as a difference the admin can take', () => {
    const identifiers = pairGroups(older, { ...older, id: 'p-b', healthId: '0100000000022' })[0];
    expect(identifiers?.fields.map((f) => [f.field, f.differs])).toEqual([
      ['healthId', true],
      ['personalId', false],
    ]);
    expect(identifiers?.differs).toBe(false);
  });

  it('treats absent, blank and empty values as nothing, and false or 0 as something', () => {
    for (const empty of [undefined, null, '', '  ', [], {}, { detail: '' }, [[]]])
      expect(hasValue(empty)).toBe(false);
    for (const something of [false, 0, 'x', ['0912'], { preterm: false }])
      expect(hasValue(something)).toBe(true);
    expect(sameValue(undefined, [])).toBe(true);
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});
