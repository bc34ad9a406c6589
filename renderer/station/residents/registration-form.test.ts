import { describe, expect, it } from 'vitest';
import { unwrap } from '#shared/errors/result.ts';
import { parseCccdQr } from '#shared/identifiers/cccd-qr.ts';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
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
      /Số di động "12ab" không đúng/,
    );
  });

  it('keeps a birth date typed after today and explains it in dd/mm/yyyy', () => {
    const next = new Date();
    next.setFullYear(next.getFullYear() + 1);
    const future = `${String(next.getFullYear())}-03-21`;
    const result = registrationSchema.safeParse({ ...filled(), dateOfBirth: future });
    const problem = result.error?.issues.find((issue) => issue.path[0] === 'dateOfBirth');
    expect(problem?.message).toMatch(
      new RegExp(`^Ngày sinh 21/03/${String(next.getFullYear())} ở sau hôm nay \\(\\d{2}/\\d{2}/\\d{4}\\)`),
    );
    expect(registrationSchema.safeParse({ ...filled(), dateOfBirth: future.slice(0, 4) }).success).toBe(
      false,
    );
    expect(registrationSchema.safeParse({ ...filled(), dateOfBirth: '1990' }).success).toBe(true);
    // Shown with the form's other problems, not after them.
    const both = registrationSchema.safeParse({ ...filled(), dateOfBirth: future, sex: '' });
    expect(both.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(['dateOfBirth', 'sex']);
  });

  it('asks for a sex not chosen in Vietnamese, naming no code', () => {
    const result = registrationSchema.safeParse(
      { ...filled(), sex: '' },
      { error: formErrorMap('Bắt buộc nhập.', 'vi') },
    );
    const message = result.error?.issues.find((issue) => issue.path[0] === 'sex')?.message ?? '';
    expect(message).toBe('Bắt buộc nhập.');
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
