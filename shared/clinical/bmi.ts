import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';

/** Measurements outside these bounds are typing errors (grams for kilograms, metres for centimetres), not people. */
export const PLAUSIBLE_WEIGHT_KG = { min: 0.3, max: 500 } as const;
export const PLAUSIBLE_HEIGHT_CM = { min: 20, max: 272 } as const;
/** Plausible weight and height can still combine into a body no one has (0.3 kg at 2 m): the BMI is checked too. */
export const PLAUSIBLE_BMI = { min: 5, max: 250 } as const;

/**
 * BMI bands as configuration: ascending by `minBmi`; a BMI falls in the last band whose `minBmi` it reaches, and the
 * first band also takes anything below it. Class names are stable codes; labels are what staff see.
 */
export type BmiBand<C extends string> = {
  readonly class: C;
  readonly label: string;
  readonly minBmi: number;
};
export type BmiThresholds<C extends string = BmiClass> = {
  readonly source: string;
  readonly bands: readonly [BmiBand<C>, ...BmiBand<C>[]];
};

export type BmiClassification<C extends string> = { readonly class: C; readonly label: string };

export const bmiClasses = ['underweight', 'normal', 'overweight', 'obese'] as const;
export type BmiClass = (typeof bmiClasses)[number];

/**
 * Asian adult cut-offs of WHO/IASO/IOTF "The Asia-Pacific perspective" (IDI & WPRO, 2000): <18.5, 18.5–22.9,
 * 23–24.9, ≥25. Used in Vietnamese practice per research note §1 D [I]; adults only (children need BMI-for-age).
 */
export const asianAdultBmiThresholds: BmiThresholds = {
  source: 'IDI & WPRO 2000, Asia-Pacific adult BMI cut-offs',
  bands: [
    { class: 'underweight', label: 'Thiếu cân', minBmi: 0 },
    { class: 'normal', label: 'Bình thường', minBmi: 18.5 },
    { class: 'overweight', label: 'Thừa cân', minBmi: 23 },
    { class: 'obese', label: 'Béo phì', minBmi: 25 },
  ],
};

const issue = defineIssues({
  'bmi-weight-missing': 'Chưa có cân nặng nên chưa tính được BMI. Nhập cân nặng (kg).',
  'bmi-height-missing': 'Chưa có chiều cao nên chưa tính được BMI. Nhập chiều cao (cm).',
  'bmi-weight-implausible':
    'Cân nặng {weightKg} kg không hợp lý (cho phép từ {min} đến {max} kg). Kiểm tra lại đơn vị (kg, không phải g).',
  'bmi-height-implausible':
    'Chiều cao {heightCm} cm không hợp lý (cho phép từ {min} đến {max} cm). Kiểm tra lại đơn vị (cm, không phải m).',
  'bmi-implausible': 'Chỉ số BMI {bmi} không hợp lý. Kiểm tra lại cân nặng (kg) và chiều cao (cm) đã nhập.',
});
export type BmiIssueCode = Parameters<typeof issue>[0];

/** BMI = kg / m², rounded to one decimal; an error value when a measurement is missing or implausible. */
export function computeBmi(
  weightKg: number | null | undefined,
  heightCm: number | null | undefined,
): Result<number, BmiIssueCode> {
  if (typeof weightKg !== 'number' || Number.isNaN(weightKg)) return fail(issue('bmi-weight-missing'));
  if (typeof heightCm !== 'number' || Number.isNaN(heightCm)) return fail(issue('bmi-height-missing'));
  if (!(weightKg >= PLAUSIBLE_WEIGHT_KG.min && weightKg <= PLAUSIBLE_WEIGHT_KG.max)) {
    return fail(issue('bmi-weight-implausible', { weightKg, ...PLAUSIBLE_WEIGHT_KG }));
  }
  if (!(heightCm >= PLAUSIBLE_HEIGHT_CM.min && heightCm <= PLAUSIBLE_HEIGHT_CM.max)) {
    return fail(issue('bmi-height-implausible', { heightCm, ...PLAUSIBLE_HEIGHT_CM }));
  }
  const metres = heightCm / 100;
  const bmi = Math.round((weightKg / (metres * metres)) * 10) / 10;
  if (bmi < PLAUSIBLE_BMI.min || bmi > PLAUSIBLE_BMI.max) return fail(issue('bmi-implausible', { bmi }));
  return ok(bmi);
}

/** The band of an adult BMI (Asian cut-offs unless other thresholds are given); an error for a non-positive BMI. */
export function classifyBmi(bmi: number): Result<BmiClassification<BmiClass>, BmiIssueCode>;
export function classifyBmi<C extends string>(
  bmi: number,
  thresholds: BmiThresholds<C>,
): Result<BmiClassification<C>, BmiIssueCode>;
export function classifyBmi(
  bmi: number,
  thresholds: BmiThresholds<string> = asianAdultBmiThresholds,
): Result<BmiClassification<string>, BmiIssueCode> {
  if (!Number.isFinite(bmi) || bmi <= 0) return fail(issue('bmi-implausible', { bmi: String(bmi) }));
  const band = thresholds.bands.reduce((found, b) => (bmi >= b.minBmi ? b : found), thresholds.bands[0]);
  return ok({ class: band.class, label: band.label });
}
