import { describe, expect, it } from 'vitest';
import { unwrap } from '#shared/errors/result.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import type { Person } from '#shared/schemas/person.ts';
import {
  correctsBirthOrSex,
  partASections,
  sectionCleared,
  sectionSchema,
  sectionValuesOf,
} from './part-a-sections.ts';
import { cardPeriodState, renewalOf } from './bhyt-card-renewal.ts';

const person = {
  id: 'p1',
  orgUnitId: 'u1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  synthetic: false,
  stamps: {},
  healthId: '0100000000018',
  personalId: '001190054321',
  bhytCards: [{ code: 'GD4010198765432', validFrom: '2025-01-01', validTo: '2025-12-31' }],
  fullName: 'Đỗ Thị Hằng',
  familyName: 'Đỗ',
  middleName: 'Thị',
  givenName: 'Hằng',
  dateOfBirth: unwrap(parsePartialDate('1990-04-02')),
  sex: 'female',
  currentAddress: { communeCode: '00070', scheme: 'dvhc-2004', detail: 'Số 7' },
  phones: ['0913555777'],
  email: 'hang@example.com',
  history: {},
  status: 'active',
  searchName: 'do thi hang',
  sortKey: 'hang',
  identityKey: '001190054321',
} as unknown as Person;

describe('the part A section forms', () => {
  it('round-trips every section of a record unchanged', () => {
    for (const section of partASections) {
      const parsed = sectionSchema(section, person).safeParse(sectionValuesOf(section, person));
      expect(parsed.success, section).toBe(true);
      if (parsed.success) expect(sectionCleared(section, parsed.data, person), section).toEqual([]);
    }
  });

  it('turns phones typed with +84 into national form, drops empty slots and removes a blanked email', () => {
    const values = sectionValuesOf('contact', person);
    values['phones'] = ['', '+84 988 111 222'];
    values['landline'] = '024 3825 1234';
    values['email'] = '';
    const parsed = sectionSchema('contact', person).safeParse(values);
    expect(parsed.success && parsed.data).toEqual({ phones: ['0988111222'], landline: '02438251234' });
    expect(parsed.success && sectionCleared('contact', parsed.data, person)).toEqual(['email']);
  });

  it('refuses a 9-digit mobile with the kernel message, at the slot', () => {
    const values = sectionValuesOf('contact', person);
    values['phones'] = ['091355577', ''];
    const parsed = sectionSchema('contact', person).safeParse(values);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['phones', 0] });
    expect(parsed.error?.issues[0]?.message).toContain('10 chữ số');
  });

  it('keeps the address scheme while the commune is unchanged, the 2025 scheme for a new commune', () => {
    const values = sectionValuesOf('addresses', person);
    const same = sectionSchema('addresses', person).safeParse(values);
    expect(same.success && same.data['currentAddress']).toEqual({
      communeCode: '00070',
      scheme: 'dvhc-2004',
      detail: 'Số 7',
    });
    values['permanentAddress'] = { communeCode: '00004', detail: '' };
    const moved = sectionSchema('addresses', person).safeParse(values);
    expect(moved.success && moved.data['permanentAddress']).toEqual({
      communeCode: '00004',
      scheme: 'dvhc-2025',
    });
  });

  it('needs the birth section filled and knows when a birth date or sex is being corrected', () => {
    const values = sectionValuesOf('birth', person);
    expect(correctsBirthOrSex(values, person)).toBe(false);
    values['dateOfBirth'] = '1985';
    expect(correctsBirthOrSex(values, person)).toBe(true);
    values['fullName'] = '';
    const parsed = sectionSchema('birth', person).safeParse(values);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain('fullName');
  });
});

describe('BHYT card renewal', () => {
  it('starts the next period the day after the latest one ends, or today when it has ended', () => {
    expect(renewalOf(person.bhytCards, '2025-12-01')).toMatchObject({
      code: 'GD4010198765432',
      validFrom: '2026-01-01',
      validTo: '',
    });
    expect(renewalOf(person.bhytCards, '2026-03-05').validFrom).toBe('2026-03-05');
    expect(renewalOf([], '2026-03-05').code).toBe('');
  });

  it('tells a valid, expired, future and undated period apart', () => {
    const card = { code: 'GD4010198765432', validFrom: '2026-01-01', validTo: '2026-12-31' };
    expect(cardPeriodState(card, '2026-06-01')).toBe('valid');
    expect(cardPeriodState(card, '2027-01-01')).toBe('expired');
    expect(cardPeriodState(card, '2025-12-31')).toBe('future');
    expect(cardPeriodState({ code: card.code }, '2026-06-01')).toBe('unknown');
  });
});
