import { describe, expect, it } from 'vitest';
import { examplePerson } from '#shared/merge/merge-examples.test-support.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import { unwrap } from '#shared/errors/result.ts';
import type { Person } from '#shared/schemas/person.ts';
import { createBlindIndex, identityKeysOf } from './identity-keys.ts';

const blind = createBlindIndex(new Uint8Array(32).fill(7));
const person = (changes: Partial<Person>): Person => ({ ...examplePerson, ...changes });

describe('identity blind indexes', () => {
  it('meet for the same CCCD, the same BHXH number under a renewed card, and the same name without diacritics', () => {
    const a = person({
      fullName: 'Nguyễn Văn Ấn',
      personalId: '001080012345',
      bhytCards: [
        { code: 'GD4010198765432', validFrom: '2026-01-01', validTo: '2026-12-31', areaCode: 'K1' },
      ],
    });
    const b = person({
      fullName: 'Nguyen Van An',
      personalId: '001080012345',
      bhytCards: [
        { code: 'HT3010198765432', validFrom: '2027-01-01', validTo: '2027-12-31', areaCode: 'K1' },
      ],
    });
    const kindsOf = (p: Person) => new Map(identityKeysOf(p, blind).map((k) => [k.kind, k.keyHash]));
    const [ka, kb] = [kindsOf(a), kindsOf(b)];
    expect(ka.get('personal-id')).toBe(kb.get('personal-id'));
    expect(ka.get('bhxh-number')).toBe(kb.get('bhxh-number'));
    expect(ka.get('name-birth-sex')).toBe(kb.get('name-birth-sex'));
    // Nothing of the identity shows in the index.
    expect(JSON.stringify([...ka.values()])).not.toContain('0123');
  });

  it('meet for the same họ, tên, birth date and sex when the tên đệm differs or is missing', () => {
    const shortKey = (p: Person) =>
      identityKeysOf(p, blind).find((k) => k.kind === 'short-name-birth-sex')?.keyHash;
    const full = person({ fullName: 'Nguyễn Văn An' });
    expect(shortKey(full)).toBeDefined();
    expect(shortKey(person({ fullName: 'Nguyễn An' }))).toBe(shortKey(full));
    expect(shortKey(person({ fullName: 'Nguyen Duc An' }))).toBe(shortKey(full));
    expect(shortKey(person({ fullName: 'Nguyễn Văn Anh' }))).not.toBe(shortKey(full));
    expect(shortKey(person({ fullName: 'An' }))).toBeUndefined();
  });

  it('differ for another birth date, sex or key, and vanish for a merged-away record', () => {
    const base = person({
      fullName: 'Trần Thị Bình',
      dateOfBirth: unwrap(parsePartialDate('1990-01-02')),
      sex: 'female',
    });
    const nameKey = (p: Person, b = blind) =>
      identityKeysOf(p, b).find((k) => k.kind === 'name-birth-sex')?.keyHash;
    expect(nameKey(base)).not.toBe(nameKey({ ...base, dateOfBirth: unwrap(parsePartialDate('1990-01-03')) }));
    expect(nameKey(base)).not.toBe(nameKey({ ...base, sex: 'male' }));
    expect(nameKey(base)).not.toBe(nameKey(base, createBlindIndex(new Uint8Array(32).fill(8))));
    expect(identityKeysOf({ ...base, status: 'merged', mergedInto: 'p-2' }, blind)).toEqual([]);
  });
});
