import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { samplePerson, without } from './document-arbitraries.test-support.ts';
import { validatePerson, type Person } from './person.ts';
import { withDerivedPersonFields } from './person-derived-fields.ts';

function errorsOf(input: unknown) {
  const result = validatePerson(input);
  if (result.ok) throw new Error('expected the person to be rejected');
  return result.errors;
}

describe('validatePerson', () => {
  it('accepts a complete person and returns it unchanged with no warnings', () => {
    expect(validatePerson(samplePerson)).toEqual({ ok: true, value: samplePerson, warnings: [] });
  });

  it('stores text in NFC even when it arrives decomposed', () => {
    const decomposed = {
      ...samplePerson,
      fullName: 'Nguyễn Thị Hoà'.normalize('NFD'),
      mother: 'Trần Thị Ánh'.normalize('NFD'),
    };
    const result = validatePerson(decomposed);
    expect(result.ok && result.value.fullName).toBe('Nguyễn Thị Hoà'.normalize('NFC'));
    expect(result.ok && result.value.mother).toBe('Trần Thị Ánh'.normalize('NFC'));
  });

  it('canonicalises identifiers typed with separators', () => {
    const typed = {
      ...samplePerson,
      personalId: '001 185 012 345',
      phones: ['0912.345.678', '(024) 3825-1234'],
      bhytCards: [{ code: 'gd4 01 0123456789', registeredFacility: '01i29' }],
    };
    const result = validatePerson(typed);
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.value.personalId).toBe('001185012345');
    expect(result.value.phones).toEqual(['0912345678', '02438251234']);
    expect(result.value.bhytCards).toEqual([{ code: 'GD4010123456789', registeredFacility: '01I29' }]);
  });

  it('never throws on garbage and reports it as schema-invalid', () => {
    fc.assert(
      fc.property(fc.anything(), (garbage) => {
        const result = validatePerson(garbage);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.every((e) => e.code === 'schema-invalid')).toBe(true);
      }),
    );
  });

  it('names the unknown field and the missing one, in Vietnamese', () => {
    const errors = errorsOf({ ...without(samplePerson, 'healthId'), nickname: 'Bé' });
    expect(errors.map((e) => [e.path, e.params?.['reason']])).toEqual(
      expect.arrayContaining([
        ['healthId', 'missing'],
        ['nickname', 'unrecognized_keys'],
      ]),
    );
    expect(errors.find((e) => e.path === 'healthId')?.message).toBe(
      'Trường "healthId": còn thiếu. Nhập giá trị cho trường này.',
    );
  });

  it("passes on the identifier parser's reason and message", () => {
    const last = Number(samplePerson.healthId.slice(-1));
    const mistyped = samplePerson.healthId.slice(0, -1) + String((last + 1) % 10);
    const [error] = errorsOf({ ...samplePerson, healthId: mistyped });
    expect(error.path).toBe('healthId');
    expect(error.params?.['reason']).toBe('health-id-check-digit');
    expect(error.message).toContain('chữ số kiểm tra không khớp');
  });

  it('reports the path of a nested problem', () => {
    const errors = errorsOf({
      ...samplePerson,
      history: { surgeries: [{ bodyPart: 'Ruột thừa', year: 1700 }] },
    });
    expect(errors.map((e) => e.path)).toEqual(['history.surgeries.0.year']);
  });

  it('refuses an ethnicity code missing from the GSO list', () => {
    const [error] = errorsOf({ ...samplePerson, ethnicityCode: '99' });
    expect(error.params?.['reason']).toBe('ethnicity-unknown');
  });

  it('refuses a BHYT card that expires before it starts', () => {
    const card = { code: 'GD4010123456789', validFrom: '2026-12-31', validTo: '2026-01-01' };
    const [error] = errorsOf({ ...samplePerson, bhytCards: [card] });
    expect(error.path).toBe('bhytCards.0.validTo');
  });

  it('requires the survivor of a merged person, and only of a merged person', () => {
    expect(errorsOf({ ...samplePerson, status: 'merged' })[0].params?.['reason']).toBe(
      'merged-without-survivor',
    );
    expect(errorsOf({ ...samplePerson, mergedInto: 'P2' })[0].params?.['reason']).toBe(
      'survivor-without-merge',
    );
    expect(validatePerson({ ...samplePerson, status: 'merged', mergedInto: 'P2' }).ok).toBe(true);
  });

  it('refuses an explicit undefined for an optional field: absent means absent', () => {
    expect(errorsOf({ ...samplePerson, email: undefined })[0].path).toBe('email');
  });

  it('warns, without refusing, when the CCCD disagrees with the recorded birth year and sex', () => {
    const result = validatePerson({ ...samplePerson, personalId: '001090012345' });
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings.map((w) => w.code).sort()).toEqual([
      'personal-id-birth-year-mismatch',
      'personal-id-sex-mismatch',
    ]);
  });
});

describe('withDerivedPersonFields', () => {
  it('folds the name for search, sorts by tên and keys the CCCD', () => {
    const stale: Person = { ...samplePerson, searchName: 'stale', sortKey: 'stale', identityKey: '' };
    const derived = withDerivedPersonFields(stale);
    expect(derived.searchName).toBe('nguyen thi hoa');
    expect(derived.identityKey).toBe('001185012345');
  });

  it('orders people by tên before họ', () => {
    const an = withDerivedPersonFields({
      ...samplePerson,
      fullName: 'Vũ Văn An',
      familyName: 'Vũ',
      middleName: 'Văn',
      givenName: 'An',
    });
    const binh = withDerivedPersonFields({
      ...samplePerson,
      fullName: 'An Thị Bình',
      familyName: 'An',
      middleName: 'Thị',
      givenName: 'Bình',
    });
    expect(an.sortKey < binh.sortKey).toBe(true);
  });

  it('keys a person without a CCCD with the empty string', () => {
    const withoutCccd: Person = { ...samplePerson };
    delete withoutCccd.personalId;
    expect(withDerivedPersonFields(withoutCccd).identityKey).toBe('');
  });
});
