import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';

/** Readings outside these bounds (mmHg) are typing errors, not patients. */
export const PLAUSIBLE_SYSTOLIC = { min: 40, max: 300 } as const;
export const PLAUSIBLE_DIASTOLIC = { min: 20, max: 200 } as const;

export const bloodPressureGrades = [
  'optimal',
  'normal',
  'high-normal',
  'grade-1',
  'grade-2',
  'grade-3',
] as const;
export type BloodPressureGrade = (typeof bloodPressureGrades)[number];
export type BloodPressureClass = BloodPressureGrade | 'isolated-systolic';

/**
 * Office blood-pressure cut-offs as configuration. `categories` ascend; each reading (systolic, diastolic) falls in
 * the last category whose minimum it reaches, and the higher of the two wins. A reading with systolic at least
 * `isolatedSystolic.minSystolic` and diastolic below `isolatedSystolic.belowDiastolic` is isolated systolic
 * hypertension instead, still graded by the higher category.
 */
export type BloodPressureThresholds = {
  readonly source: string;
  readonly categories: readonly {
    readonly grade: BloodPressureGrade;
    readonly label: string;
    readonly minSystolic: number;
    readonly minDiastolic: number;
  }[];
  readonly isolatedSystolic: {
    readonly label: string;
    readonly minSystolic: number;
    readonly belowDiastolic: number;
  };
};

/** Vietnamese Society of Hypertension 2018 / ESH-style adult cut-offs (mmHg). */
export const defaultBloodPressureThresholds: BloodPressureThresholds = {
  source: 'Hội Tim mạch học Việt Nam / Phân hội Tăng huyết áp 2018 (ESH/ESC 2018 categories)',
  categories: [
    { grade: 'optimal', label: 'Huyết áp tối ưu', minSystolic: 0, minDiastolic: 0 },
    { grade: 'normal', label: 'Huyết áp bình thường', minSystolic: 120, minDiastolic: 80 },
    { grade: 'high-normal', label: 'Huyết áp bình thường cao', minSystolic: 130, minDiastolic: 85 },
    { grade: 'grade-1', label: 'Tăng huyết áp độ 1', minSystolic: 140, minDiastolic: 90 },
    { grade: 'grade-2', label: 'Tăng huyết áp độ 2', minSystolic: 160, minDiastolic: 100 },
    { grade: 'grade-3', label: 'Tăng huyết áp độ 3', minSystolic: 180, minDiastolic: 110 },
  ],
  isolatedSystolic: { label: 'Tăng huyết áp tâm thu đơn độc', minSystolic: 140, belowDiastolic: 90 },
};

/** `class` is what to show; `grade` is the graded category, which for isolated systolic hypertension says how high. */
export type BloodPressureClassification = {
  readonly class: BloodPressureClass;
  readonly grade: BloodPressureGrade;
  readonly label: string;
};

export type BloodPressureReading = {
  readonly systolic: number | null | undefined;
  readonly diastolic: number | null | undefined;
};

const issue = defineIssues({
  'blood-pressure-missing': 'Chưa đủ số đo huyết áp. Nhập cả huyết áp tâm thu và tâm trương (mmHg).',
  'blood-pressure-implausible':
    'Huyết áp {systolic}/{diastolic} mmHg không hợp lý (tâm thu {minSystolic}–{maxSystolic}, tâm trương {minDiastolic}–{maxDiastolic}). Đo lại hoặc kiểm tra số đã nhập.',
  'blood-pressure-inverted':
    'Huyết áp tâm thu ({systolic}) phải lớn hơn tâm trương ({diastolic}). Kiểm tra xem hai số có bị nhập ngược không.',
});
export type BloodPressureIssueCode = Parameters<typeof issue>[0];

/** Classifies an adult office reading; an error value when a number is missing, implausible or inverted. */
export function classifyBloodPressure(
  reading: BloodPressureReading,
  thresholds: BloodPressureThresholds = defaultBloodPressureThresholds,
): Result<BloodPressureClassification, BloodPressureIssueCode> {
  const { systolic, diastolic } = reading;
  if (typeof systolic !== 'number' || typeof diastolic !== 'number' || Number.isNaN(systolic + diastolic)) {
    return fail(issue('blood-pressure-missing'));
  }
  const plausible =
    systolic >= PLAUSIBLE_SYSTOLIC.min &&
    systolic <= PLAUSIBLE_SYSTOLIC.max &&
    diastolic >= PLAUSIBLE_DIASTOLIC.min &&
    diastolic <= PLAUSIBLE_DIASTOLIC.max;
  if (!plausible) {
    return fail(
      issue('blood-pressure-implausible', {
        systolic,
        diastolic,
        minSystolic: PLAUSIBLE_SYSTOLIC.min,
        maxSystolic: PLAUSIBLE_SYSTOLIC.max,
        minDiastolic: PLAUSIBLE_DIASTOLIC.min,
        maxDiastolic: PLAUSIBLE_DIASTOLIC.max,
      }),
    );
  }
  if (systolic <= diastolic) return fail(issue('blood-pressure-inverted', { systolic, diastolic }));

  const { categories, isolatedSystolic } = thresholds;
  const bySystolic = categories.findLastIndex((c) => systolic >= c.minSystolic);
  const byDiastolic = categories.findLastIndex((c) => diastolic >= c.minDiastolic);
  const category = categories[Math.max(bySystolic, byDiastolic, 0)];
  if (category === undefined) throw new Error('blood-pressure thresholds have no categories');
  if (systolic >= isolatedSystolic.minSystolic && diastolic < isolatedSystolic.belowDiastolic) {
    return ok({ class: 'isolated-systolic', grade: category.grade, label: isolatedSystolic.label });
  }
  return ok({ class: category.grade, grade: category.grade, label: category.label });
}
