import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCccdQr } from './cccd-qr.ts';

const qr = (
  fields: Partial<Record<'id' | 'cmnd' | 'name' | 'dob' | 'sex' | 'address' | 'issued', string>> = {},
) =>
  [
    fields.id ?? '001099012345',
    fields.cmnd ?? '012345678',
    fields.name ?? 'Nguyễn Văn An',
    fields.dob ?? '21031999',
    fields.sex ?? 'Nam',
    fields.address ?? 'Số 1 Tràng Tiền, Phường Hoàn Kiếm, Hà Nội',
    fields.issued ?? '15082021',
  ].join('|');
const errorCodes = (text: unknown) => {
  const result = parseCccdQr(text);
  return result.ok ? [] : result.errors.map((e) => e.code);
};

describe('parseCccdQr', () => {
  it('reads the seven fields of a chip CCCD QR', () => {
    expect(parseCccdQr(qr())).toEqual({
      ok: true,
      value: {
        personalId: {
          kind: 'cccd',
          value: '001099012345',
          registrationCode: '001',
          provinceCode: '01',
          sex: 'male',
          birthYear: 1999,
        },
        legacyId: '012345678',
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1999-03-21',
        sex: 'male',
        address: 'Số 1 Tràng Tiền, Phường Hoàn Kiếm, Hà Nội',
        issueDate: '2021-08-15',
      },
      warnings: [],
    });
  });

  it('leaves out the old CMND and the issue date when their fields are empty', () => {
    const result = parseCccdQr(qr({ cmnd: '', issued: '', id: '001199012345', sex: 'Nữ' }));
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).not.toHaveProperty('legacyId');
    expect(result.ok && result.value).not.toHaveProperty('issueDate');
    expect(result.ok && result.value.sex).toBe('female');
  });

  it('normalises text to NFC and tidies whitespace, including the line end a scanner appends', () => {
    const decomposed = 'Nguyễn Thị  Hoà'.normalize('NFD');
    const result = parseCccdQr(`${qr({ name: ` ${decomposed} `, id: '001199012345', sex: 'NỮ' })}\r\n`);
    expect(result.ok && result.value.fullName).toBe('Nguyễn Thị Hoà'.normalize('NFC'));
    expect(result.ok && result.value.sex).toBe('female');
  });

  it('reads a card that leaves the old CMND field out (six fields, the second one the name)', () => {
    const result = parseCccdQr('001099012345|Nguyễn Văn An|21031999|Nam|Hà Nội|15082021');
    expect(result.ok && result.value).toMatchObject({
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1999-03-21',
      issueDate: '2021-08-15',
    });
    expect(result.ok && result.value).not.toHaveProperty('legacyId');
  });

  it('refuses a text with another field count, or six fields whose second is a number, saying how many it found', () => {
    const result = parseCccdQr('001099012345|012345678|Nguyễn Văn An|21031999|Nam|Hà Nội');
    expect(result.ok ? undefined : result.errors[0]).toMatchObject({
      code: 'cccd-qr-field-count',
      params: { count: 6 },
    });
    expect(errorCodes(`${qr()}|`)).toEqual(['cccd-qr-field-count']);
    expect(errorCodes('001099012345|Nguyễn Văn An|21031999|Nam|Hà Nội')).toEqual(['cccd-qr-field-count']);
  });

  it('reports every bad field at once, each with its path', () => {
    const result = parseCccdQr(qr({ dob: '31021999', sex: 'Khác', name: '', issued: '1508202' }));
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.path])).toEqual([
      ['cccd-qr-date-of-birth', 'dateOfBirth'],
      ['cccd-qr-sex', 'sex'],
      ['cccd-qr-name-missing', 'fullName'],
      ['cccd-qr-issue-date', 'issueDate'],
    ]);
  });

  it('requires a 12-digit CCCD first and a 9- or 12-digit number in the old-ID field', () => {
    expect(errorCodes(qr({ id: '012345678' }))).toEqual(['cccd-qr-not-cccd']);
    expect(errorCodes(qr({ id: '00109901234' }))).toEqual(['personal-id-length']);
    expect(errorCodes(qr({ cmnd: '12345' }))).toEqual(['personal-id-length']);
    expect(parseCccdQr(qr({ cmnd: '001099012345' }))).toMatchObject({
      ok: true,
      value: { legacyId: '001099012345' },
    });
  });

  it('refuses an issue date before the date of birth', () => {
    expect(errorCodes(qr({ issued: '20031999' }))).toEqual(['cccd-qr-issue-date-before-birth']);
  });

  it('warns when the CCCD digits disagree with the printed birth year or sex, and when the address is empty', () => {
    const result = parseCccdQr(qr({ dob: '21031998', sex: 'Nữ', address: ' ' }));
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual([
      'personal-id-birth-year-mismatch',
      'personal-id-sex-mismatch',
      'cccd-qr-address-missing',
    ]);
  });

  it('refuses empty text and non-strings', () => {
    expect(errorCodes('')).toEqual(['cccd-qr-required']);
    expect(errorCodes(42)).toEqual(['cccd-qr-required']);
  });

  it('never throws and always returns a result, whatever it is given', () => {
    const pipeText = fc.array(fc.oneof(fc.string(), fc.stringMatching(/^\d{8,12}$/)), {
      minLength: 6,
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.string(),
          pipeText.map((parts) => parts.join('|')),
        ),
        (input) => {
          expect(typeof parseCccdQr(input).ok).toBe('boolean');
        },
      ),
    );
  });

  it('round-trips generated QR texts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.stringMatching(/^\d{6}$/),
        fc.constantFrom('Lê Thị Hồng', 'Đặng Văn Đức', 'Nông Thị Xuân'),
        (g, date, rest, name) => {
          const iso = date.toISOString().slice(0, 10);
          const year = Number(iso.slice(0, 4));
          const centuryDigit = (year >= 2000 ? 2 : 0) + (g % 2);
          const id = `001${centuryDigit}${iso.slice(2, 4)}${rest}`;
          const ddmmyyyy = `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;
          const sex = g % 2 === 0 ? 'Nam' : 'Nữ';
          const result = parseCccdQr(qr({ id, dob: ddmmyyyy, sex, name, cmnd: '', issued: '' }));
          expect(result).toMatchObject({
            ok: true,
            value: { personalId: { value: id, birthYear: year }, dateOfBirth: iso, fullName: name },
            warnings: [],
          });
        },
      ),
    );
  });
});
