import { partialDateBounds, type PartialDate } from '../dates/partial-date.ts';
import { defineIssues, type Issue } from '../errors/issue.ts';
import { vaccineEntryOn } from '../reference-data/vaccine-catalogue.ts';
import { daysBetween } from './calendar-days.ts';

/**
 * Safety checks of a dose about to be recorded, from the vaccine catalogue (the TCMR schedule and the service
 * vaccines) and the person's earlier doses:
 * - to confirm with a reason (the dose may really have been given so, and the record must say what happened):
 *   younger than the dose's minimum age, older than its maximum age, sooner than the minimum interval after the
 *   previous dose of the series, a dose number past the series;
 * - refused (it cannot be what happened): a dose dated before birth or after today, the same vaccine twice on one
 *   day, and a programme vaccine without its lot number.
 * Ages from a partial birth date are taken at their most favourable (a child born "in 2026" is as old as it can be for
 * the minimum age, as young as it can be for the maximum), so only certain findings are raised.
 */
export type DoseToCheck = {
  readonly vaccineCode: string;
  readonly dose: number;
  /** yyyy-mm-dd */
  readonly date: string;
  readonly lot?: string | undefined;
};

export type PreviousDose = { readonly vaccineCode: string; readonly dose: number; readonly date: string };

export type DoseFinding = Issue<DoseSafetyCode> & { readonly severity: 'confirm' | 'refuse' };

const issue = defineIssues({
  'dose-before-minimum-age':
    'Mũi {dose} {vaccine} tiêm lúc {age} tuổi, sớm hơn tuổi tối thiểu {minimum} của lịch tiêm. Chỉ ghi nếu đúng là đã tiêm như vậy và ghi rõ lý do.',
  'dose-after-maximum-age':
    'Mũi {dose} {vaccine} tiêm lúc {age} tuổi, muộn hơn tuổi tối đa {maximum} của lịch tiêm. Chỉ ghi nếu đúng là đã tiêm như vậy và ghi rõ lý do.',
  'dose-interval-too-short':
    'Mũi {dose} {vaccine} cách mũi {previousDose} ({previousDate}) chỉ {days} ngày, ít hơn khoảng cách tối thiểu {minimum} ngày. Chỉ ghi nếu đúng là đã tiêm như vậy và ghi rõ lý do.',
  'dose-beyond-series':
    '{vaccine} chỉ có {doses} mũi trong lịch tiêm, đây là mũi {dose}. Kiểm tra lại số mũi; nếu đúng là mũi thêm, ghi rõ lý do.',
  'dose-before-birth': 'Ngày tiêm {date} trước ngày sinh. Kiểm tra lại ngày tiêm hoặc ngày sinh.',
  'dose-in-future': 'Ngày tiêm {date} ở sau hôm nay. Chỉ ghi mũi đã tiêm; mũi sắp tiêm ghi ở "ngày hẹn".',
  'dose-same-vaccine-same-day':
    'Đã có mũi {vaccine} ghi ngày {date}. Một loại vắc xin không tiêm hai lần trong một ngày; nếu mũi trước ghi nhầm, đánh dấu "ghi nhầm" rồi ghi lại.',
  'dose-lot-required': 'Vắc xin trong chương trình tiêm chủng mở rộng cần ghi số lô (in trên lọ vắc xin).',
  'dose-already-given':
    'Mũi {dose} {vaccine} đã ghi là đã tiêm ngày {date}, nên không ghi "chưa chủng ngừa". Nếu mũi đó ghi nhầm, đánh dấu "ghi nhầm" trước.',
});
export type DoseSafetyCode = Parameters<typeof issue>[0];

/** The findings a stated reason lets through (the others are refused whatever the reason). */
export const questionedDoseCodes: ReadonlySet<string> = new Set<DoseSafetyCode>([
  'dose-before-minimum-age',
  'dose-after-maximum-age',
  'dose-interval-too-short',
  'dose-beyond-series',
]);

/** Whether a dose needs its lot number: programme vaccines, except the risk-area campaigns. */
export function lotRequired(vaccineCode: string, date: string): boolean {
  const population = vaccineEntryOn(vaccineCode, date)?.population;
  return population === 'child' || population === 'women-of-childbearing-age';
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** An age in days as staff say it: days under two months, then months, then years. */
export function ageInWords(days: number): string {
  if (days < 60) return `${String(days)} ngày`;
  if (days < 730) return `${String(Math.floor(days / 30))} tháng`;
  return `${String(Math.floor(days / 365))} năm`;
}

/**
 * The findings for noting "Chưa chủng ngừa" (not vaccinated) for `dose` on its date: refused when that date is after
 * today or before birth, or when that dose is already recorded as given.
 */
export function notVaccinatedSafety(
  dose: Omit<DoseToCheck, 'lot'>,
  dateOfBirth: PartialDate,
  previous: readonly PreviousDose[],
  today: string,
): DoseFinding[] {
  const refuse = (found: Issue<DoseSafetyCode>): DoseFinding => ({ ...found, severity: 'refuse' });
  const date = ddmmyyyy(dose.date);
  const findings: DoseFinding[] = [];
  if (dose.date > today) findings.push(refuse(issue('dose-in-future', { date }, 'date')));
  if (dose.date < partialDateBounds(dateOfBirth).earliest)
    findings.push(refuse(issue('dose-before-birth', { date }, 'date')));
  const given = previous.find((p) => p.vaccineCode === dose.vaccineCode && p.dose === dose.dose);
  if (given !== undefined) {
    const vaccine = vaccineEntryOn(dose.vaccineCode, dose.date)?.name ?? dose.vaccineCode;
    findings.push(
      refuse(issue('dose-already-given', { dose: dose.dose, vaccine, date: ddmmyyyy(given.date) }, 'dose')),
    );
  }
  return findings;
}

/** The findings for `dose` of a person born `dateOfBirth`, given `previous` recorded doses, on `today`. */
export function doseSafety(
  dose: DoseToCheck,
  dateOfBirth: PartialDate,
  previous: readonly PreviousDose[],
  today: string,
): DoseFinding[] {
  const findings: DoseFinding[] = [];
  const confirm = (found: Issue<DoseSafetyCode>) => findings.push({ ...found, severity: 'confirm' });
  const refuse = (found: Issue<DoseSafetyCode>) => findings.push({ ...found, severity: 'refuse' });
  const entry = vaccineEntryOn(dose.vaccineCode, dose.date);
  const vaccine = entry?.name ?? dose.vaccineCode;
  const { earliest, latest } = partialDateBounds(dateOfBirth);
  const date = ddmmyyyy(dose.date);

  if (dose.date > today) refuse(issue('dose-in-future', { date }, 'date'));
  if (dose.date < earliest) refuse(issue('dose-before-birth', { date }, 'date'));
  if (previous.some((p) => p.vaccineCode === dose.vaccineCode && p.date === dose.date))
    refuse(issue('dose-same-vaccine-same-day', { vaccine, date }, 'date'));
  if (entry === undefined) return findings;
  if (lotRequired(dose.vaccineCode, dose.date) && (dose.lot ?? '').trim() === '')
    refuse(issue('dose-lot-required', undefined, 'lot'));

  if (entry.doses !== null && dose.dose > entry.doses)
    confirm(issue('dose-beyond-series', { vaccine, doses: entry.doses, dose: dose.dose }, 'dose'));
  const rule = entry.doseRules.find((r) => r.dose === dose.dose);
  if (rule === undefined || dose.date < earliest) return findings;
  const oldest = daysBetween(earliest, dose.date);
  const youngest = dose.date < latest ? 0 : daysBetween(latest, dose.date);
  if (rule.minAgeDays !== undefined && oldest < rule.minAgeDays)
    confirm(
      issue(
        'dose-before-minimum-age',
        { dose: dose.dose, vaccine, age: ageInWords(oldest), minimum: ageInWords(rule.minAgeDays) },
        'date',
      ),
    );
  if (rule.maxAgeDays !== undefined && youngest > rule.maxAgeDays)
    confirm(
      issue(
        'dose-after-maximum-age',
        { dose: dose.dose, vaccine, age: ageInWords(youngest), maximum: ageInWords(rule.maxAgeDays) },
        'date',
      ),
    );
  const before = previous
    .filter((p) => p.vaccineCode === dose.vaccineCode && p.dose < dose.dose && p.date <= dose.date)
    .sort((a, b) => b.dose - a.dose || (a.date < b.date ? 1 : -1))[0];
  if (rule.minIntervalDaysFromPrevious !== undefined && before !== undefined) {
    const days = daysBetween(before.date, dose.date);
    if (days < rule.minIntervalDaysFromPrevious)
      confirm(
        issue(
          'dose-interval-too-short',
          {
            dose: dose.dose,
            vaccine,
            previousDose: before.dose,
            previousDate: ddmmyyyy(before.date),
            days,
            minimum: rule.minIntervalDaysFromPrevious,
          },
          'date',
        ),
      );
  }
  return findings;
}
