import { describe, expect, it } from 'vitest';
import {
  defaultPicks,
  defaultSurvivor,
  effectivePicks,
  filledValueCount,
  takenGroups,
  takeOf,
} from './merge-plan.ts';
import { pairGroups } from './pair-rows.ts';

const base = {
  healthId: '0100000000011',
  bhytCards: [],
  fullName: 'Lê Thị Thu',
  familyName: 'Lê',
  middleName: 'Thị',
  givenName: 'Thu',
  dateOfBirth: '1990-01-01',
  sex: 'female',
  currentAddress: { communeCode: '00070', scheme: 'dvhc-2025' },
  phones: [],
  history: {},
};
const a = { ...base, id: 'p-a', createdAt: '2026-03-01T02:00:00.000Z', phones: ['0911000111'] };
const b = {
  ...base,
  id: 'p-b',
  createdAt: '2026-03-05T02:00:00.000Z',
  healthId: '0100000000022',
  phones: ['0988000222'],
  email: 'thu@example.vn',
  mother: 'Lê Thị Mẹ',
  history: { riskFactors: { smoking: 'no' } },
};

describe('what the console proposes when merging a pair', () => {
  it('proposes to keep the older record, whichever side it is on', () => {
    expect(defaultSurvivor(a, b)).toBe('p-a');
    expect(defaultSurvivor(b, a)).toBe('p-a');
  });

  it('keeps the record with more data when both were registered at the same instant, else record a', () => {
    const sameTime = { ...b, createdAt: a.createdAt };
    expect(filledValueCount(sameTime)).toBeGreaterThan(filledValueCount(a));
    expect(defaultSurvivor(a, sameTime)).toBe('p-b');
    expect(defaultSurvivor(a, { ...a, id: 'p-twin' })).toBe('p-a');
    // The health ID is not data the merge can take: it does not tip the balance.
    expect(filledValueCount({ ...a, healthId: '' })).toBe(filledValueCount(a));
  });

  it('keeps the survivor’s own groups, but takes a group the survivor leaves empty and the other fills', () => {
    const groups = pairGroups(a, b);
    expect(defaultPicks(groups, ['p-a', 'p-b'], 'p-a')).toEqual({
      identifiers: 'p-a',
      name: 'p-a',
      demographics: 'p-a',
      addresses: 'p-a',
      contact: 'p-a',
      household: 'p-b',
      history: 'p-b',
    });
    // Kept the other way round, nothing of the newer record is empty where the older one has data.
    expect(Object.values(defaultPicks(groups, ['p-a', 'p-b'], 'p-b'))).toEqual(Array(7).fill('p-b'));
  });

  it('turns the admin’s picks into the merge request, naming every group', () => {
    const picks = effectivePicks(defaultPicks(pairGroups(a, b), ['p-a', 'p-b'], 'p-a'), { contact: 'p-b' });
    const take = takeOf(picks, 'p-a');
    expect(take).toEqual({
      identifiers: 'survivor',
      name: 'survivor',
      demographics: 'survivor',
      addresses: 'survivor',
      contact: 'other',
      household: 'other',
      history: 'other',
    });
    expect(takenGroups(take)).toEqual(['contact', 'household', 'history']);
    // A pick names a record: keeping the other record instead turns the same picks around.
    expect(takenGroups(takeOf(picks, 'p-b'))).toEqual(['identifiers', 'name', 'demographics', 'addresses']);
  });
});
