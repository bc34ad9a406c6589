import { describe, expect, it } from 'vitest';
import { unwrap } from '#shared/errors/result.ts';
import { parseCccdQr } from '#shared/identifiers/cccd-qr.ts';
import { draftFromForm, emptyRegistration, registrationSchema, withCccdQr } from './registration-form.ts';

const filled = () => ({
  ...emptyRegistration('00070'),
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1990-03-21',
  sex: 'male' as const,
});

describe('the registration form as a resident draft', () => {
  it('leaves out empty optional fields and rows and splits the name', () => {
    expect(draftFromForm(filled())).toEqual({
      fullName: 'Nguyễn Văn An',
      familyName: 'Nguyễn',
      middleName: 'Văn',
      givenName: 'An',
      dateOfBirth: '1990-03-21',
      sex: 'male',
      phones: [],
      bhytCards: [],
      currentAddress: { communeCode: '00070', scheme: 'dvhc-2025' },
      history: {},
    });
    expect(registrationSchema.safeParse(filled()).success).toBe(true);
  });

  it('keeps a name split the health worker corrected', () => {
    const values = { ...filled(), familyName: 'Nguyễn Văn', middleName: '', givenName: 'An' };
    expect(draftFromForm(values)).toMatchObject({
      familyName: 'Nguyễn Văn',
      middleName: '',
      givenName: 'An',
    });
  });

  it("refuses with the shared schema's own messages, at the form's field paths", () => {
    const result = registrationSchema.safeParse({ ...filled(), phones: ['12ab'], personalId: '123' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['phones.0', 'personalId']));
    expect(result.error?.issues.find((issue) => issue.path[0] === 'phones')?.message).toMatch(
      /Số điện thoại/,
    );
  });

  it('fills the form from a CCCD chip QR code and keeps what it does not say', () => {
    const qr = unwrap(
      parseCccdQr('001190012345|012345678|Nguyễn Văn An|21031990|Nam|Số 1 Hàng Bạc, Hoàn Kiếm|01012021'),
    );
    const values = withCccdQr({ ...emptyRegistration('00070'), phones: ['0912345678'] }, qr);
    expect(values).toMatchObject({
      fullName: 'Nguyễn Văn An',
      givenName: 'An',
      dateOfBirth: '1990-03-21',
      sex: 'male',
      personalId: '001190012345',
      idIssueDate: '2021-01-01',
      phones: ['0912345678'],
      currentAddress: { communeCode: '00070', detail: 'Số 1 Hàng Bạc, Hoàn Kiếm' },
    });
  });
});
