import { z } from 'zod';
import type { CccdQr } from '#shared/identifiers/cccd-qr.ts';
import { residentDraft, type ResidentDraftInput } from '#shared/station-api/station-api.ts';
import { splitFullName } from '#shared/text/split-full-name.ts';
import { birthDateAfterToday } from '#shared/dates/birth-date-after-today.ts';
import type { Issue } from '#shared/errors/issue.ts';
import { localIsoDate } from '../../common/format/format-date.ts';

/**
 * What the registration form holds while the person types: every field a string (empty when not filled), one phone
 * and one BHYT card (more come with the record screen). `registrationSchema` turns it into the station API's
 * `residentDraft`, so the form validates with exactly the rules the core applies.
 */
export type RegistrationValues = {
  fullName: string;
  familyName: string;
  middleName: string;
  givenName: string;
  /** A partial ISO date: `yyyy-mm-dd`, `yyyy-mm` or `yyyy`; empty when not entered. */
  dateOfBirth: string;
  sex: '' | 'male' | 'female' | 'unknown';
  personalId: string;
  legacyId: string;
  idIssueDate: string;
  phones: [string];
  bhytCards: [{ code: string }];
  currentAddress: { communeCode: string; scheme: 'dvhc-2025'; detail: string };
  ethnicityCode: string;
};

export function emptyRegistration(communeCode: string): RegistrationValues {
  return {
    fullName: '',
    familyName: '',
    middleName: '',
    givenName: '',
    dateOfBirth: '',
    sex: '',
    personalId: '',
    legacyId: '',
    idIssueDate: '',
    phones: [''],
    bhytCards: [{ code: '' }],
    currentAddress: { communeCode, scheme: 'dvhc-2025', detail: '' },
    ethnicityCode: '',
  };
}

const blank = (value: string) => value.trim() === '';

/**
 * The draft the form stands for: empty optional fields left out, empty phone and card rows dropped, and the name
 * split into họ / tên đệm / tên when those were left empty (staff correct the split where it is wrong).
 */
export function draftFromForm(values: RegistrationValues): Record<string, unknown> {
  const split = splitFullName(values.fullName);
  const parts =
    blank(values.givenName) && split.ok
      ? split.value
      : { familyName: values.familyName, middleName: values.middleName, givenName: values.givenName };
  const optional = (value: string) => (blank(value) ? undefined : value);
  const draft: Record<string, unknown> = {
    fullName: values.fullName,
    ...parts,
    dateOfBirth: values.dateOfBirth,
    sex: values.sex === '' ? undefined : values.sex,
    personalId: optional(values.personalId),
    legacyId: optional(values.legacyId),
    idIssueDate: optional(values.idIssueDate),
    phones: values.phones.filter((phone) => !blank(phone)),
    bhytCards: values.bhytCards.filter((card) => !blank(card.code)),
    currentAddress: {
      communeCode: values.currentAddress.communeCode,
      scheme: values.currentAddress.scheme,
      ...(blank(values.currentAddress.detail) ? {} : { detail: values.currentAddress.detail }),
    },
    ethnicityCode: optional(values.ethnicityCode),
    history: {},
  };
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined));
}

/**
 * The form's schema: the form values, turned into a draft, checked by the shared `residentDraft`. Typed as taking
 * the form's values (zod types a preprocess input as `unknown`), which is what react-hook-form hands it.
 */
export const registrationSchema = z
  .preprocess((values) => draftFromForm(values as RegistrationValues), residentDraft)
  .refine((draft: { dateOfBirth?: unknown }) => birthDateProblem(draft.dateOfBirth) === undefined, {
    path: ['dateOfBirth'],
    error: (issue) =>
      birthDateProblem((issue.input as { dateOfBirth?: unknown } | undefined)?.dateOfBirth)?.message,
    params: { reason: 'date-of-birth-in-future' },
    // Checked even when other fields are wrong, so it shows together with every other problem of the form.
    when: () => true,
  }) as unknown as z.ZodType<ResidentDraftInput, RegistrationValues>;

/**
 * The station core's own rule for a birth date after today (kept and explained by the form, never dropped: the person
 * corrects what they typed), on the browser's date.
 */
function birthDateProblem(born: unknown): Issue | undefined {
  return typeof born === 'string' ? birthDateAfterToday(born, localIsoDate(new Date())) : undefined;
}

/** The form with what a CCCD chip's QR code says filled in; the rest of the form is kept. */
export function withCccdQr(values: RegistrationValues, qr: CccdQr): RegistrationValues {
  const split = splitFullName(qr.fullName);
  return {
    ...values,
    fullName: qr.fullName,
    ...(split.ok ? split.value : { familyName: '', middleName: '', givenName: '' }),
    dateOfBirth: qr.dateOfBirth,
    sex: qr.sex,
    personalId: qr.personalId.value,
    legacyId: qr.legacyId ?? values.legacyId,
    idIssueDate: qr.issueDate ?? values.idIssueDate,
    currentAddress: {
      ...values.currentAddress,
      detail: blank(values.currentAddress.detail) ? qr.address : values.currentAddress.detail,
    },
  };
}
