import { z } from 'zod';
import type { Person } from '#shared/schemas/person.ts';
import {
  clearableResidentFields,
  residentDraft,
  type ClearableResidentField,
  type ResidentDraftInput,
} from '#shared/station-api/station-api.ts';

/**
 * The parts of QĐ 831 part A a health worker edits one at a time, each a set of the record's own fields (so a save
 * changes only the field groups it shows, and merges with what another station changed elsewhere).
 */
export const partASections = [
  'identity',
  'birth',
  'demographics',
  'contact',
  'addresses',
  'household',
] as const;
export type PartASection = (typeof partASections)[number];
/** What can be edited from part A: one of its sections, or the BHYT cards. */
export type PartAEdit = PartASection | 'bhyt';

type DraftKey = keyof ResidentDraftInput;
const clearable: ReadonlySet<string> = new Set(clearableResidentFields);

/** Each section's fields, and those of them a record must always have. */
export const sectionFields: Record<
  PartASection,
  { fields: readonly DraftKey[]; required: readonly DraftKey[] }
> = {
  identity: {
    fields: ['personalId', 'legacyId', 'idIssueDate', 'idIssuePlace', 'bhxhNumber'],
    required: [],
  },
  birth: {
    fields: ['fullName', 'familyName', 'middleName', 'givenName', 'dateOfBirth', 'sex'],
    required: ['fullName', 'givenName', 'dateOfBirth', 'sex'],
  },
  demographics: {
    fields: [
      'ethnicityCode',
      'nationalityCode',
      'religion',
      'occupationCode',
      'educationLevel',
      'maritalStatus',
      'birthRegistrationProvince',
      'bloodGroup',
    ],
    required: [],
  },
  contact: { fields: ['phones', 'landline', 'email'], required: ['phones'] },
  addresses: { fields: ['currentAddress', 'permanentAddress'], required: ['currentAddress'] },
  household: { fields: ['household', 'mother', 'father', 'caregiver'], required: [] },
};

/** How many mobile numbers the contact form offers at least (one more than the record has, up to the schema's 10). */
export const MIN_PHONE_SLOTS = 2;

/**
 * What a section's form holds while staff type: the record's fields as strings (nested the way the record nests
 * them, so zod's error paths name form fields), '' for "not filled".
 */
export type SectionValues = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The form values of `section` for `person`. */
export function sectionValuesOf(section: PartASection, person: Person): SectionValues {
  switch (section) {
    case 'identity':
      return {
        personalId: str(person.personalId),
        legacyId: str(person.legacyId),
        idIssueDate: str(person.idIssueDate),
        idIssuePlace: str(person.idIssuePlace),
        bhxhNumber: str(person.bhxhNumber),
      };
    case 'birth':
      return {
        fullName: person.fullName,
        familyName: person.familyName,
        middleName: person.middleName,
        givenName: person.givenName,
        dateOfBirth: person.dateOfBirth,
        sex: person.sex,
        correctionReason: '',
      };
    case 'demographics':
      return {
        ethnicityCode: str(person.ethnicityCode),
        nationalityCode: str(person.nationalityCode),
        religion: str(person.religion),
        occupationCode: str(person.occupationCode),
        educationLevel: str(person.educationLevel),
        maritalStatus: str(person.maritalStatus),
        birthRegistrationProvince: str(person.birthRegistrationProvince),
        bloodGroup: { abo: str(person.bloodGroup?.abo), rh: str(person.bloodGroup?.rh) },
      };
    case 'contact': {
      const slots = Math.min(10, Math.max(MIN_PHONE_SLOTS, person.phones.length + 1));
      return {
        phones: Array.from({ length: slots }, (_, i) => person.phones[i] ?? ''),
        landline: str(person.landline),
        email: str(person.email),
      };
    }
    case 'addresses':
      return {
        currentAddress: {
          communeCode: person.currentAddress.communeCode,
          detail: str(person.currentAddress.detail),
        },
        permanentAddress: {
          communeCode: str(person.permanentAddress?.communeCode),
          detail: str(person.permanentAddress?.detail),
        },
      };
    case 'household':
      return {
        household: { id: str(person.household?.id), relationToHead: str(person.household?.relationToHead) },
        mother: str(person.mother),
        father: str(person.father),
        caregiver: {
          name: str(person.caregiver?.name),
          relation: str(person.caregiver?.relation),
          phone: str(person.caregiver?.phone),
        },
      };
  }
}

const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';

/** An object of strings without its blank entries; undefined when nothing is left. */
function filledObject(value: unknown): Record<string, string> | undefined {
  const entries = Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => !blank(v));
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Record<string, string>);
}

/**
 * The changes a section's values stand for: blank fields left out, blank phone slots dropped, addresses in the
 * scheme the record used when the commune is unchanged (the 2025 scheme otherwise).
 */
export function sectionChanges(
  section: PartASection,
  values: SectionValues,
  person: Person,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const field of sectionFields[section].fields) {
    const value = values[field];
    if (field === 'phones') {
      changes['phones'] = (value as string[]).filter((phone) => !blank(phone));
    } else if (field === 'currentAddress' || field === 'permanentAddress') {
      const filled = filledObject(value);
      if (filled?.['communeCode'] === undefined) {
        if (filled !== undefined) changes[field] = filled; // a detail without a commune: the schema explains
        continue;
      }
      const before = person[field];
      changes[field] = {
        ...filled,
        scheme:
          before !== undefined && before.communeCode === filled['communeCode'] ? before.scheme : 'dvhc-2025',
      };
    } else if (typeof value === 'object' && value !== null) {
      const filled = filledObject(value);
      if (filled !== undefined) changes[field] = filled;
    } else if (!blank(value)) {
      changes[field] = value;
    }
  }
  return changes;
}

/** The record's optional fields of `section` that the form left blank but the record has: to be removed. */
export function sectionCleared(
  section: PartASection,
  changes: Record<string, unknown>,
  person: Person,
): ClearableResidentField[] {
  return sectionFields[section].fields.filter(
    (field): field is ClearableResidentField =>
      clearable.has(field) && changes[field] === undefined && person[field] !== undefined,
  );
}

/**
 * The section's form schema: values turned into changes and checked by the station API's own `residentDraft`, the
 * section's required fields included.
 */
export function sectionSchema(
  section: PartASection,
  person: Person,
): z.ZodType<Record<string, unknown>, SectionValues> {
  const { fields, required } = sectionFields[section];
  const picked = residentDraft.pick(
    Object.fromEntries(fields.map((f) => [f, true])) as Record<DraftKey, true>,
  );
  const optional = fields.filter((f) => !required.includes(f));
  const checked = picked.partial(
    Object.fromEntries(optional.map((f) => [f, true])) as Record<DraftKey, true>,
  );
  return z.preprocess(
    (values) => sectionChanges(section, values as SectionValues, person),
    checked,
  ) as unknown as z.ZodType<Record<string, unknown>, SectionValues>;
}

/** Whether a save of the birth section corrects the birth date or sex (and so needs a reason). */
export function correctsBirthOrSex(values: SectionValues, person: Person): boolean {
  return (
    (!blank(values['dateOfBirth']) && values['dateOfBirth'] !== person.dateOfBirth) ||
    (!blank(values['sex']) && values['sex'] !== person.sex)
  );
}
