import { z } from 'zod';
import type { Diagnosis } from '#shared/schemas/diagnosis.ts';
import {
  generalExamKeys,
  visualAcuityKeys,
  type Encounter,
  type EncounterKind,
} from '#shared/schemas/encounter.ts';
import { organSystemKeys, type OrganSystem } from '#shared/schemas/organ-systems.ts';
import { examDraft } from '#shared/station-api/station-api.ts';

/** The vital signs typed on the form, in the form's order (BMI is computed, never typed). */
export const typedVitalKeys = [
  'pulse',
  'temperatureC',
  'systolic',
  'diastolic',
  'respiratoryRate',
  'weightKg',
  'heightCm',
  'waistCm',
] as const;
export type TypedVital = (typeof typedVitalKeys)[number];

export type ExamDraftInput = z.infer<typeof examDraft>;

/**
 * What the exam form (QĐ 831 part D) holds while staff type: every measurement a string as typed ("36,5" with a
 * decimal comma), empty when not measured; `examSchemaFor` turns it into the station API's `examDraft`.
 */
export type ExamValues = {
  kind: EncounterKind;
  date: string;
  history: string;
  vitals: Record<TypedVital, string>;
  visualAcuity: Record<(typeof visualAcuityKeys)[number], string>;
  generalExam: Record<(typeof generalExamKeys)[number], string>;
  organSystems: Record<OrganSystem, string>;
  developmentAssessment: string;
  labs: { name: string; value: string; unit: string; conclusion: string }[];
  diagnoses: Diagnosis[];
  advice: string;
};

const emptyOf = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, ''])) as Record<K, string>;

export function emptyExam(today: string): ExamValues {
  return {
    kind: 'periodic-exam',
    date: today,
    history: '',
    vitals: emptyOf(typedVitalKeys),
    visualAcuity: emptyOf(visualAcuityKeys),
    generalExam: emptyOf(generalExamKeys),
    organSystems: emptyOf(organSystemKeys),
    developmentAssessment: '',
    labs: [],
    diagnoses: [],
    advice: '',
  };
}

const textsOf = <K extends string>(keys: readonly K[], stored: Partial<Record<K, string>> | undefined) =>
  Object.fromEntries(keys.map((key) => [key, stored?.[key] ?? ''])) as Record<K, string>;

/** The form showing a stored draft (or the content of an exam being amended). */
export function examValuesOf(encounter: Encounter): ExamValues {
  return {
    kind: encounter.kind,
    date: encounter.date,
    history: encounter.history ?? '',
    vitals: Object.fromEntries(
      typedVitalKeys.map((key) => [
        key,
        encounter.vitals?.[key] === undefined ? '' : String(encounter.vitals[key]),
      ]),
    ) as Record<TypedVital, string>,
    visualAcuity: textsOf(visualAcuityKeys, encounter.visualAcuity),
    generalExam: textsOf(generalExamKeys, encounter.generalExam),
    organSystems: textsOf(organSystemKeys, encounter.organSystems),
    developmentAssessment: encounter.developmentAssessment ?? '',
    labs: (encounter.labs ?? []).map((lab) => ({
      name: lab.name,
      value: lab.value,
      unit: lab.unit ?? '',
      conclusion: lab.conclusion ?? '',
    })),
    diagnoses: [...encounter.diagnoses],
    advice: encounter.advice ?? '',
  };
}

const blank = (value: string) => value.trim() === '';

/** A typed measurement as a number: a decimal comma is read as a point; anything else not a number stays NaN. */
export function measurement(typed: string): number {
  const compact = typed.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}

function filledTexts(values: Record<string, string>): Record<string, string> | undefined {
  const kept = Object.entries(values).filter(([, value]) => !blank(value));
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

/** The draft the form stands for: unmeasured and blank fields left out, empty lab rows dropped. */
export function draftFromExamValues(values: ExamValues, personId: string): Record<string, unknown> {
  const vitals = Object.fromEntries(
    typedVitalKeys
      .filter((key) => !blank(values.vitals[key]))
      .map((key) => [key, measurement(values.vitals[key])]),
  );
  const labs = values.labs
    .filter((lab) => !blank(lab.name) || !blank(lab.value))
    .map((lab) => ({
      name: lab.name,
      value: lab.value,
      ...(blank(lab.unit) ? {} : { unit: lab.unit }),
      ...(blank(lab.conclusion) ? {} : { conclusion: lab.conclusion }),
    }));
  const draft: Record<string, unknown> = {
    personId,
    kind: values.kind,
    date: values.date,
    history: blank(values.history) ? undefined : values.history,
    vitals: Object.keys(vitals).length === 0 ? undefined : vitals,
    visualAcuity: filledTexts(values.visualAcuity),
    generalExam: filledTexts(values.generalExam),
    organSystems: filledTexts(values.organSystems),
    developmentAssessment: blank(values.developmentAssessment) ? undefined : values.developmentAssessment,
    labs: labs.length === 0 ? undefined : labs,
    diagnoses: values.diagnoses,
    advice: blank(values.advice) ? undefined : values.advice,
  };
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined));
}

/** The form's schema for `personId`: the values turned into a draft, checked by the shared `examDraft`. */
export function examSchemaFor(personId: string): z.ZodType<ExamDraftInput, ExamValues> {
  return z.preprocess(
    (values) => draftFromExamValues(values as ExamValues, personId),
    examDraft,
  ) as unknown as z.ZodType<ExamDraftInput, ExamValues>;
}

/** Messages for the form's number fields, in the app's language; the schemas' own messages win elsewhere. */
export function examErrorMap(messages: {
  required: string;
  notANumber: string;
  range: (bound: { min?: number; max?: number }) => string;
}): z.core.$ZodErrorMap {
  return (issue) => {
    if (issue.code === 'invalid_type' && issue.expected === 'number') return messages.notANumber;
    if (issue.code === 'invalid_type' && issue.input === undefined) return messages.required;
    if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1)
      return messages.required;
    if (issue.code === 'too_small' && issue.origin === 'number')
      return messages.range({ min: Number(issue.minimum) });
    if (issue.code === 'too_big' && issue.origin === 'number')
      return messages.range({ max: Number(issue.maximum) });
    if (issue.code === 'invalid_type' && issue.expected === 'int') return messages.notANumber;
    return undefined;
  };
}
