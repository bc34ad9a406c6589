import { parsePartialDate, precisionOf } from '../dates/partial-date.ts';
import { defineIssues } from '../errors/issue.ts';
import type { Issue } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { isValidOn } from '../reference-data/reference-types.ts';
import type { VaccineDoseRule, VaccineScheduleEntry } from '../reference-data/vaccine-schedule.ts';
import { addDays, daysBetween } from './calendar-days.ts';

/** A dose recorded for the person (831 part C); `date` is yyyy-mm-dd. */
export type GivenDose = { readonly vaccineCode: string; readonly dose: number; readonly date: string };

export const immunizationStatuses = ['overdue', 'due', 'upcoming'] as const;
export type ImmunizationStatus = (typeof immunizationStatuses)[number];

/** The next dose of one vaccine series and when it falls due. */
export type ImmunizationDue = {
  readonly vaccineCode: string;
  readonly dose: number;
  readonly dueDate: string;
  readonly status: ImmunizationStatus;
};

export type ImmunizationsDueInput = {
  /** yyyy-mm-dd: a child's schedule needs the day of birth. */
  readonly dateOfBirth: string;
  readonly givenDoses: readonly GivenDose[];
  /** yyyy-mm-dd: the day the list is for; doses recorded after it are not counted. */
  readonly onDate: string;
  readonly schedule: readonly VaccineScheduleEntry[];
  /** A dose is `due` from this many days before its due date until this many days after; later it is `overdue`. */
  readonly windowDays?: number;
};

export const DEFAULT_DUE_WINDOW_DAYS = 7;

const issue = defineIssues({
  'immunization-date-of-birth':
    'Cần ngày sinh đầy đủ (ngày, tháng, năm) để tính lịch tiêm chủng; hồ sơ đang ghi "{dateOfBirth}". Bổ sung ngày sinh theo giấy khai sinh.',
  'immunization-on-date':
    'Ngày tính lịch tiêm "{onDate}" không hợp lệ. Dùng ngày đầy đủ dạng năm-tháng-ngày.',
  'immunization-on-date-before-birth':
    'Ngày tính lịch tiêm ({onDate}) trước ngày sinh ({dateOfBirth}). Kiểm tra lại ngày sinh.',
  'immunization-dose-date':
    'Ngày tiêm "{date}" của mũi {vaccineCode} số {dose} không hợp lệ. Sửa ngày tiêm dạng năm-tháng-ngày.',
});
export type ImmunizationDueIssueCode = Parameters<typeof issue>[0];

/**
 * For each child-schedule vaccine valid on `onDate`, the next dose after the highest recorded one (a gap in the
 * record is not back-filled), due on the later of birth + recommended age (or minimum age) and previous dose +
 * minimum interval. Completed series are skipped, and so is a dose whose timing the schedule does not state.
 * Sorted by due date, then schedule order.
 */
export function immunizationsDue(
  input: ImmunizationsDueInput,
): Result<readonly ImmunizationDue[], ImmunizationDueIssueCode> {
  const { dateOfBirth, givenDoses, onDate, schedule, windowDays = DEFAULT_DUE_WINDOW_DAYS } = input;
  if (!Number.isInteger(windowDays) || windowDays < 0)
    throw new RangeError(`windowDays must be ≥ 0: ${windowDays}`);
  const errors = validateDates(input);
  const [firstError, ...moreErrors] = errors;
  if (firstError !== undefined) return fail(firstError, ...moreErrors);

  const due: ImmunizationDue[] = [];
  for (const vaccine of schedule) {
    if (vaccine.population !== 'child' || !isValidOn(vaccine, onDate)) continue;
    const recorded = givenDoses.filter((d) => d.vaccineCode === vaccine.code && d.date <= onDate);
    const last = recorded.reduce<GivenDose | undefined>(
      (a, b) => (a === undefined || b.dose > a.dose || (b.dose === a.dose && b.date > a.date) ? b : a),
      undefined,
    );
    const dose = (last?.dose ?? 0) + 1;
    const rule = vaccine.doseRules.find((r) => r.dose === dose);
    const dueDate = rule === undefined ? undefined : dueDateOf(rule, dateOfBirth, last);
    if (dueDate === undefined) continue;
    const daysAhead = daysBetween(onDate, dueDate);
    const status = daysAhead > windowDays ? 'upcoming' : daysAhead < -windowDays ? 'overdue' : 'due';
    due.push({ vaccineCode: vaccine.code, dose, dueDate, status });
  }
  return ok(due.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)));
}

function dueDateOf(
  rule: VaccineDoseRule,
  dateOfBirth: string,
  previous: GivenDose | undefined,
): string | undefined {
  const ageDays = rule.recommendedAgeDays ?? rule.minAgeDays;
  const byAge = ageDays === undefined ? undefined : addDays(dateOfBirth, ageDays);
  const interval = rule.minIntervalDaysFromPrevious;
  const byInterval =
    previous === undefined || interval === undefined ? undefined : addDays(previous.date, interval);
  if (byAge === undefined) return byInterval;
  if (byInterval === undefined) return byAge;
  return byAge > byInterval ? byAge : byInterval;
}

function isFullDate(text: string): boolean {
  const parsed = parsePartialDate(text);
  return parsed.ok && precisionOf(parsed.value) === 'day';
}

function validateDates(input: ImmunizationsDueInput): Issue<ImmunizationDueIssueCode>[] {
  const { dateOfBirth, givenDoses, onDate } = input;
  const errors: Issue<ImmunizationDueIssueCode>[] = [];
  if (!isFullDate(dateOfBirth))
    errors.push(issue('immunization-date-of-birth', { dateOfBirth }, 'dateOfBirth'));
  if (!isFullDate(onDate)) errors.push(issue('immunization-on-date', { onDate }, 'onDate'));
  else if (errors.length === 0 && onDate < dateOfBirth) {
    errors.push(issue('immunization-on-date-before-birth', { onDate, dateOfBirth }, 'onDate'));
  }
  givenDoses.forEach(({ vaccineCode, dose, date }, i) => {
    if (!isFullDate(date)) {
      errors.push(issue('immunization-dose-date', { vaccineCode, dose, date }, `givenDoses.${i}.date`));
    }
  });
  return errors;
}
