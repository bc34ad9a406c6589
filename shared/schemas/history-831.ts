import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { icd10Code, icd10CodeJson } from './icd10-code.ts';
import { jsonEach, jsonEnum, jsonObject } from './json-schema-parts.ts';
import { optionalTexts, optionalTextsJson } from './optional-texts.ts';
import { TEXT_LIMITS, requiredText, requiredTextJson, singleLine, text, textJson } from './text-field.ts';

/**
 * QĐ 831 part B, "Tiền sử và các yếu tố liên quan sức khỏe" (domain-reference.md §1 B), numbered as on the form.
 * Everything is optional: the form is filled over years, and an absent answer means "not asked", never "no".
 */
export const deliveryModes = ['vaginal', 'cesarean'] as const;
/** Không / Có / Thường xuyên / Đã bỏ (smoking, alcohol, drugs). */
export const substanceUses = ['no', 'yes', 'regular', 'quit'] as const;
/** Không vận động / Có vận động / Thường xuyên. */
export const physicalActivityLevels = ['none', 'some', 'regular'] as const;
/** Loại hố xí: xả nước / hai ngăn / hố xí thùng / không có hố xí. */
export const toiletTypes = ['flush', 'double-vault', 'bucket', 'none'] as const;

/** 3.2: the Yes/No conditions of the form. */
export const chronicConditionFlags = [
  'cardiovascular',
  'hypertension',
  'diabetes',
  'stomach',
  'chronicLung',
  'asthma',
  'goiter',
  'hepatitis',
  'congenitalHeart',
  'mentalIllness',
  'autism',
  'epilepsy',
] as const;
/** 6.1 and 6.2: what the form asks about relatives. */
export const familyHistoryItems = [
  'drugAllergy',
  'chemicalCosmeticAllergy',
  'foodAllergy',
  'otherAllergy',
  'cardiovascular',
  'hypertension',
  'mentalIllness',
  'asthma',
  'diabetes',
  'epilepsy',
  'cancer',
  'tuberculosis',
  'other',
] as const;
export const allergyKinds = ['drug', 'chemicalCosmetic', 'food', 'other'] as const;
export const disabilityKinds = [
  'hearing',
  'vision',
  'hands',
  'legs',
  'scoliosis',
  'cleftLipPalate',
  'other',
] as const;
export const reproductiveCounts = [
  'pregnancies',
  'miscarriages',
  'abortions',
  'births',
  'vaginalDeliveries',
  'cesareanDeliveries',
  'difficultDeliveries',
  'fullTermBirths',
  'pretermBirths',
  'livingChildren',
] as const;

const line = TEXT_LIMITS.line;
const optionalLine = () => text(line).exactOptional();
const count = () => z.int().min(0).max(50).exactOptional();
const countJson: JsonSchema = { type: 'integer', minimum: 0, maximum: 50 };
const flag = () => z.boolean().exactOptional();

/** Part C 1 asks it beside a child's routine doses: "Số mũi vắc xin uốn ván mẹ đã tiêm". */
export const MAX_MATERNAL_TETANUS_DOSES = 10;

/**
 * 1. Tình trạng lúc sinh, with the number of tetanus doses the mother had (part C 1), which protects the newborn
 * and belongs to the child's birth, not to any dose row.
 */
const birthCondition = z.strictObject({
  deliveryMode: z.enum(deliveryModes).exactOptional(),
  preterm: flag(),
  asphyxia: flag(),
  birthWeightGrams: z.int().min(0).max(10_000).exactOptional(),
  birthLengthCm: z.number().min(0).max(100).exactOptional(),
  maternalTetanusDoses: z.int().min(0).max(MAX_MATERNAL_TETANUS_DOSES).exactOptional(),
  congenitalDefects: optionalLine(),
  other: optionalLine(),
});

/** 2. Yếu tố nguy cơ đối với sức khỏe cá nhân. */
const riskFactors = z.strictObject({
  smoking: z.enum(substanceUses).exactOptional(),
  alcohol: z.enum(substanceUses).exactOptional(),
  alcoholDrinksPerDay: count(),
  drugs: z.enum(substanceUses).exactOptional(),
  physicalActivity: z.enum(physicalActivityLevels).exactOptional(),
  exposure: optionalLine(),
  exposureDuration: singleLine(TEXT_LIMITS.short).exactOptional(),
  toiletType: z.enum(toiletTypes).exactOptional(),
  other: optionalLine(),
});

/** 3.2 Bệnh tật: the flags, the free-text rows (ung thư, lao, khác) and ICD-10 codes stored next to them. */
const chronicConditions = z.strictObject({
  ...(Object.fromEntries(chronicConditionFlags.map((key) => [key, flag()])) as Record<
    (typeof chronicConditionFlags)[number],
    ReturnType<typeof flag>
  >),
  cancer: optionalLine(),
  tuberculosis: optionalLine(),
  other: optionalLine(),
  icd10Codes: z.array(icd10Code).max(50).exactOptional(),
});

/** 5. Tiền sử phẫu thuật: one row per operation. */
export const surgery = z.strictObject({
  bodyPart: requiredText(TEXT_LIMITS.short),
  year: z.int().min(1800).max(2299).exactOptional(),
  note: optionalLine(),
});

/** 6. Tiền sử gia đình: for each item, whether a relative has it, what exactly, and who (người mắc, quan hệ). */
const familyFinding = z.strictObject({
  present: flag(),
  detail: optionalLine(),
  affected: singleLine(TEXT_LIMITS.short).exactOptional(),
});

/** 7. Sức khỏe sinh sản và kế hoạch hóa gia đình. */
const reproductiveHealth = z.strictObject({
  contraception: optionalLine(),
  lastPregnancy: singleLine(TEXT_LIMITS.short).exactOptional(),
  ...(Object.fromEntries(reproductiveCounts.map((key) => [key, count()])) as Record<
    (typeof reproductiveCounts)[number],
    ReturnType<typeof count>
  >),
  gynecologicalConditions: optionalLine(),
});

export const history831 = z.strictObject({
  birthCondition: birthCondition.exactOptional(),
  riskFactors: riskFactors.exactOptional(),
  allergies: optionalTexts(allergyKinds, line).exactOptional(),
  chronicConditions: chronicConditions.exactOptional(),
  disabilities: optionalTexts(disabilityKinds, line).exactOptional(),
  surgeries: z.array(surgery).max(100).exactOptional(),
  familyHistory: z
    .strictObject(
      Object.fromEntries(familyHistoryItems.map((key) => [key, familyFinding.exactOptional()])) as Record<
        (typeof familyHistoryItems)[number],
        z.ZodExactOptional<typeof familyFinding>
      >,
    )
    .exactOptional(),
  reproductiveHealth: reproductiveHealth.exactOptional(),
  otherIssues: text(TEXT_LIMITS.note).exactOptional(),
});
export type History831 = z.infer<typeof history831>;

const flagJson: JsonSchema = { type: 'boolean' };
const lineJson = textJson(line);

export const history831Json: JsonSchema = jsonObject({
  birthCondition: jsonObject({
    deliveryMode: jsonEnum(deliveryModes),
    preterm: flagJson,
    asphyxia: flagJson,
    birthWeightGrams: { type: 'integer', minimum: 0, maximum: 10_000 },
    birthLengthCm: { type: 'number', minimum: 0, maximum: 100 },
    maternalTetanusDoses: { type: 'integer', minimum: 0, maximum: MAX_MATERNAL_TETANUS_DOSES },
    congenitalDefects: lineJson,
    other: lineJson,
  }),
  riskFactors: jsonObject({
    smoking: jsonEnum(substanceUses),
    alcohol: jsonEnum(substanceUses),
    alcoholDrinksPerDay: countJson,
    drugs: jsonEnum(substanceUses),
    physicalActivity: jsonEnum(physicalActivityLevels),
    exposure: lineJson,
    exposureDuration: textJson(TEXT_LIMITS.short),
    toiletType: jsonEnum(toiletTypes),
    other: lineJson,
  }),
  allergies: optionalTextsJson(allergyKinds, line),
  chronicConditions: jsonObject({
    ...jsonEach(chronicConditionFlags, flagJson),
    cancer: lineJson,
    tuberculosis: lineJson,
    other: lineJson,
    icd10Codes: { type: 'array', maxItems: 50, items: icd10CodeJson },
  }),
  disabilities: optionalTextsJson(disabilityKinds, line),
  surgeries: {
    type: 'array',
    maxItems: 100,
    items: jsonObject(
      {
        bodyPart: requiredTextJson(TEXT_LIMITS.short),
        year: { type: 'integer', minimum: 1800, maximum: 2299 },
        note: lineJson,
      },
      ['bodyPart'],
    ),
  },
  familyHistory: jsonObject(
    jsonEach(
      familyHistoryItems,
      jsonObject({ present: flagJson, detail: lineJson, affected: textJson(TEXT_LIMITS.short) }),
    ),
  ),
  reproductiveHealth: jsonObject({
    contraception: lineJson,
    lastPregnancy: textJson(TEXT_LIMITS.short),
    ...jsonEach(reproductiveCounts, countJson),
    gynecologicalConditions: lineJson,
  }),
  otherIssues: textJson(TEXT_LIMITS.note),
});
