import { z } from 'zod';
import type {
  deliveryModes,
  physicalActivityLevels,
  substanceUses,
  toiletTypes,
} from '#shared/schemas/history-831.ts';
import {
  allergyKinds,
  chronicConditionFlags,
  disabilityKinds,
  familyHistoryItems,
  history831,
  reproductiveCounts,
  type History831,
} from '#shared/schemas/history-831.ts';

export const allergyKeys = allergyKinds;
/** A yes/no question of the form: '' is "not asked". */
export const yesNo = ['yes', 'no'] as const;
type Choice<T extends readonly string[]> = '' | T[number];

/**
 * What the history form (QĐ 831 part B §1–8: condition at birth with the mother's tetanus doses of part C 1, risk
 * factors, allergies, illnesses, disabilities, surgeries, family history, reproductive health, other problems) holds
 * while staff type: strings, checked keys and surgery rows; an empty string means "not asked", never "no".
 */
export type HistoryValues = {
  birthCondition: {
    deliveryMode: Choice<typeof deliveryModes>;
    preterm: Choice<typeof yesNo>;
    asphyxia: Choice<typeof yesNo>;
    birthWeightGrams: string;
    birthLengthCm: string;
    maternalTetanusDoses: string;
    congenitalDefects: string;
    other: string;
  };
  riskFactors: {
    smoking: Choice<typeof substanceUses>;
    alcohol: Choice<typeof substanceUses>;
    alcoholDrinksPerDay: string;
    drugs: Choice<typeof substanceUses>;
    physicalActivity: Choice<typeof physicalActivityLevels>;
    exposure: string;
    exposureDuration: string;
    toiletType: Choice<typeof toiletTypes>;
    other: string;
  };
  allergies: Record<(typeof allergyKeys)[number], string>;
  chronicFlags: (typeof chronicConditionFlags)[number][];
  chronicText: { cancer: string; tuberculosis: string; other: string };
  otherIssues: string;
  disabilities: Record<(typeof disabilityKinds)[number], string>;
  surgeries: { bodyPart: string; year: string; note: string }[];
  familyHistory: Record<
    (typeof familyHistoryItems)[number],
    { present: Choice<typeof yesNo>; detail: string; affected: string }
  >;
  reproductiveHealth: Record<(typeof reproductiveCounts)[number], string> & {
    contraception: string;
    lastPregnancy: string;
    gynecologicalConditions: string;
  };
};

const yesNoOf = (flag: boolean | undefined): Choice<typeof yesNo> =>
  flag === undefined ? '' : flag ? 'yes' : 'no';
const flagOf = (choice: Choice<typeof yesNo>): boolean | undefined =>
  choice === '' ? undefined : choice === 'yes';
const textOf = (value: number | undefined): string => (value === undefined ? '' : String(value));
/** A typed number: blank is "not asked"; a comma is read as the decimal point Vietnamese staff type. */
const numberOf = (text: string): number | undefined =>
  text.trim() === '' ? undefined : Number(text.trim().replace(',', '.'));

export function historyValuesOf(history: History831): HistoryValues {
  const risk = history.riskFactors ?? {};
  const chronic = history.chronicConditions ?? {};
  const birth = history.birthCondition ?? {};
  return {
    birthCondition: {
      deliveryMode: birth.deliveryMode ?? '',
      preterm: yesNoOf(birth.preterm),
      asphyxia: yesNoOf(birth.asphyxia),
      birthWeightGrams: textOf(birth.birthWeightGrams),
      birthLengthCm: textOf(birth.birthLengthCm),
      maternalTetanusDoses: textOf(birth.maternalTetanusDoses),
      congenitalDefects: birth.congenitalDefects ?? '',
      other: birth.other ?? '',
    },
    riskFactors: {
      smoking: risk.smoking ?? '',
      alcohol: risk.alcohol ?? '',
      alcoholDrinksPerDay: risk.alcoholDrinksPerDay === undefined ? '' : String(risk.alcoholDrinksPerDay),
      drugs: risk.drugs ?? '',
      physicalActivity: risk.physicalActivity ?? '',
      exposure: risk.exposure ?? '',
      exposureDuration: risk.exposureDuration ?? '',
      toiletType: risk.toiletType ?? '',
      other: risk.other ?? '',
    },
    allergies: {
      drug: history.allergies?.drug ?? '',
      chemicalCosmetic: history.allergies?.chemicalCosmetic ?? '',
      food: history.allergies?.food ?? '',
      other: history.allergies?.other ?? '',
    },
    chronicFlags: chronicConditionFlags.filter((flag) => chronic[flag] === true),
    chronicText: {
      cancer: chronic.cancer ?? '',
      tuberculosis: chronic.tuberculosis ?? '',
      other: chronic.other ?? '',
    },
    otherIssues: history.otherIssues ?? '',
    disabilities: Object.fromEntries(
      disabilityKinds.map((kind) => [kind, history.disabilities?.[kind] ?? '']),
    ) as HistoryValues['disabilities'],
    surgeries: (history.surgeries ?? []).map((surgery) => ({
      bodyPart: surgery.bodyPart,
      year: textOf(surgery.year),
      note: surgery.note ?? '',
    })),
    familyHistory: Object.fromEntries(
      familyHistoryItems.map((item) => {
        const finding = history.familyHistory?.[item];
        return [
          item,
          {
            present: yesNoOf(finding?.present),
            detail: finding?.detail ?? '',
            affected: finding?.affected ?? '',
          },
        ];
      }),
    ) as HistoryValues['familyHistory'],
    reproductiveHealth: {
      contraception: history.reproductiveHealth?.contraception ?? '',
      lastPregnancy: history.reproductiveHealth?.lastPregnancy ?? '',
      gynecologicalConditions: history.reproductiveHealth?.gynecologicalConditions ?? '',
      ...(Object.fromEntries(
        reproductiveCounts.map((key) => [key, textOf(history.reproductiveHealth?.[key])]),
      ) as Record<(typeof reproductiveCounts)[number], string>),
    },
  };
}

/** Drops blank strings, so a field left empty stays "not asked". */
function filled(entries: Record<string, string | number | boolean | undefined>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entries).filter(([, value]) => value !== '' && value !== undefined),
  );
}

/**
 * The history the form stands for, on top of `previous` (what the form does not show, such as the ICD-10 codes
 * stored beside the illnesses, is kept as it was). A flag that was true and is now unchecked is stored as false:
 * staff asked and the answer is no. Blank surgery rows are dropped. Numbers that do not parse are passed on as NaN
 * for the schema to refuse.
 */
export function historyFromValues(values: HistoryValues, previous: History831): Record<string, unknown> {
  const birth = values.birthCondition;
  const birthCondition = filled({
    deliveryMode: birth.deliveryMode,
    preterm: flagOf(birth.preterm),
    asphyxia: flagOf(birth.asphyxia),
    birthWeightGrams: numberOf(birth.birthWeightGrams),
    birthLengthCm: numberOf(birth.birthLengthCm),
    maternalTetanusDoses: numberOf(birth.maternalTetanusDoses),
    congenitalDefects: birth.congenitalDefects,
    other: birth.other,
  });
  const drinks = values.riskFactors.alcoholDrinksPerDay.trim();
  const riskFactors = filled({
    ...values.riskFactors,
    alcoholDrinksPerDay: drinks === '' ? undefined : Number(drinks),
  });
  const allergies = filled(values.allergies);
  const previousChronic = previous.chronicConditions ?? {};
  const flags = Object.fromEntries(
    chronicConditionFlags
      .filter((flag) => values.chronicFlags.includes(flag) || previousChronic[flag] !== undefined)
      .map((flag) => [flag, values.chronicFlags.includes(flag)]),
  );
  const chronicConditions = {
    ...(previousChronic.icd10Codes === undefined ? {} : { icd10Codes: previousChronic.icd10Codes }),
    ...flags,
    ...filled(values.chronicText),
  };
  const disabilities = filled(values.disabilities);
  const surgeries = values.surgeries
    .filter((row) => row.bodyPart.trim() !== '' || row.year.trim() !== '' || row.note.trim() !== '')
    .map((row) => filled({ bodyPart: row.bodyPart, year: numberOf(row.year), note: row.note }));
  const familyHistory = Object.fromEntries(
    familyHistoryItems
      .map((item) => {
        const finding = values.familyHistory[item];
        return [
          item,
          filled({ present: flagOf(finding.present), detail: finding.detail, affected: finding.affected }),
        ] as const;
      })
      .filter(([, finding]) => Object.keys(finding).length > 0),
  );
  const reproduction = values.reproductiveHealth;
  const reproductiveHealth = filled({
    contraception: reproduction.contraception,
    lastPregnancy: reproduction.lastPregnancy,
    gynecologicalConditions: reproduction.gynecologicalConditions,
    ...Object.fromEntries(reproductiveCounts.map((key) => [key, numberOf(reproduction[key])])),
  });
  const {
    birthCondition: _b,
    riskFactors: _r,
    allergies: _a,
    chronicConditions: _c,
    otherIssues: _o,
    disabilities: _d,
    surgeries: _s,
    familyHistory: _f,
    reproductiveHealth: _h,
    ...kept
  } = previous;
  return {
    ...kept,
    ...(Object.keys(disabilities).length === 0 ? {} : { disabilities }),
    ...(surgeries.length === 0 ? {} : { surgeries }),
    ...(Object.keys(familyHistory).length === 0 ? {} : { familyHistory }),
    ...(Object.keys(reproductiveHealth).length === 0 ? {} : { reproductiveHealth }),
    ...(Object.keys(birthCondition).length === 0 ? {} : { birthCondition }),
    ...(Object.keys(riskFactors).length === 0 ? {} : { riskFactors }),
    ...(Object.keys(allergies).length === 0 ? {} : { allergies }),
    ...(Object.keys(chronicConditions).length === 0 ? {} : { chronicConditions }),
    ...(values.otherIssues.trim() === '' ? {} : { otherIssues: values.otherIssues }),
  };
}

/** The form's schema: its values turned into part B on top of `previous`, checked by the shared `history831`. */
export function historySchema(previous: History831): z.ZodType<History831, HistoryValues> {
  return z.preprocess(
    (values) => historyFromValues(values as HistoryValues, previous),
    history831,
  ) as unknown as z.ZodType<History831, HistoryValues>;
}
