import { describe, expect, it } from 'vitest';
import { fieldText } from './field-text.ts';

describe('a person field as the review shows it', () => {
  it('writes dates, addresses, lists and cards as staff read them', () => {
    expect(fieldText('dateOfBirth', '1980-05-01')).toBe('01/05/1980');
    expect(fieldText('dateOfBirth', '1980')).toBe('1980');
    expect(
      fieldText('currentAddress', { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Số 7 ngõ 2' }),
    ).toBe('Số 7 ngõ 2, Phường Hoàn Kiếm');
    expect(fieldText('permanentAddress', { communeCode: '12345', scheme: 'dvhc-2008' })).toBe('12345');
    expect(fieldText('phones', ['0911000111', '0988000222'])).toBe('0911000111, 0988000222');
    expect(
      fieldText('bhytCards', [{ code: 'GD4010198765432', validFrom: '2026-01-01', validTo: '2026-12-31' }]),
    ).toBe('GD4010198765432 (01/01/2026–31/12/2026)');
    expect(fieldText('ethnicityCode', '01')).toBe('Kinh (01)');
    expect(fieldText('household', { id: 'HK-12', relationToHead: 'Con' })).toBe('HK-12 — Con');
    expect(fieldText('caregiver', { name: 'Lê Văn Cả', phone: '0912' })).toBe('Lê Văn Cả, 0912');
    expect(fieldText('bloodGroup', { abo: 'O', rh: '+' })).toBe('O+');
  });

  it('writes nested values it has no layout for as path: value lines, and nothing as empty', () => {
    expect(
      fieldText('history', { riskFactors: { smoking: 'no', alcoholDrinksPerDay: 2 }, surgeries: [] }),
    ).toBe('riskFactors.smoking: no\nriskFactors.alcoholDrinksPerDay: 2');
    expect(fieldText('history', {})).toBe('');
    expect(fieldText('email', undefined)).toBe('');
    expect(fieldText('phones', [])).toBe('');
  });
});
