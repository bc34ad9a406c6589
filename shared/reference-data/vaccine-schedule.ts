import { isValidOn, type Validity } from './reference-types.ts';

/**
 * The national expanded immunisation programme (TCMR) schedule as data, transcribed from
 * ../shared/reference-data/vaccines-tcmr.csv (research note §5.4). The schedule is recorded as per
 * TT 38/2017/TT-BYT "as commonly published" and is UNCONFIRMED: nobody on the project has read the circular, so
 * every entry carries `confirmed: false`. A later schedule (rotavirus from 2024–25, the reported TT 13/2026/TT-BYT)
 * is added as new entries with their own validity, never by editing these.
 *
 * Ages and intervals are whole days. Convention: 1 month = 30 days, 1 year = 365 days, 1 week = 7 days
 * (so "2 months" is 60 days and "18 months" 540 days). The source states ages only; where a minimum interval
 * between doses below is marked "inferred", it is the gap between the recommended ages of consecutive doses.
 */
export const DAYS_PER_WEEK = 7;
export const DAYS_PER_MONTH = 30;
export const DAYS_PER_YEAR = 365;

/**
 * Who a vaccine is scheduled for; only the `child` schedule drives due dates from the date of birth. `service`:
 * outside the national programme (service-vaccines.ts).
 */
export const vaccinePopulations = ['child', 'women-of-childbearing-age', 'risk-area', 'service'] as const;
export type VaccinePopulation = (typeof vaccinePopulations)[number];

/** Timing of one dose; an absent field means the source does not state it. */
export type VaccineDoseRule = {
  readonly dose: number;
  /** The youngest age at which the dose may be given (earlier needs a stated reason). */
  readonly minAgeDays?: number;
  /** The oldest age at which the dose is given as scheduled (later needs a stated reason). */
  readonly maxAgeDays?: number;
  readonly recommendedAgeDays?: number;
  readonly minIntervalDaysFromPrevious?: number;
};

export type VaccineScheduleEntry = Validity & {
  /** Our own short, stable code (the CSV's), matched by immunisation records. */
  readonly code: string;
  /** The row name on the QĐ 831 form. */
  readonly name: string;
  readonly population: VaccinePopulation;
  /** Number of doses in the series, `null` when the source does not say. */
  readonly doses: number | null;
  readonly doseRules: readonly VaccineDoseRule[];
  readonly confirmed: boolean;
  readonly note: string;
};

const month = (n: number) => n * DAYS_PER_MONTH;

/**
 * Minimum ages where the CSV states none: WHO's "Summary of WHO position papers — recommended routine immunizations
 * for children" (minimum age of dose 1: DTP-containing, OPV and IPV 6 weeks; measles-containing 6 months, rubella-
 * containing 9 months, inactivated JE 6 months; DTP booster from 12 months). Like the rest of this table they are
 * unconfirmed against TT 38/2017 and are used to warn, never to refuse outright. The VGB birth dose's "within 24
 * hours" is taken as at most 1 day of age.
 */
const WHO_SIX_WEEKS = 6 * DAYS_PER_WEEK;

const UNCONFIRMED = 'Per TT 38/2017/TT-BYT as commonly published; UNCONFIRMED (research note §5.4 [I]).';
// The CSV has no dates and the effective date of TT 38/2017 was not read, so validity is left open.
const validity: Validity = { validFrom: null, validTo: null };

export const tcmrSchedule: readonly VaccineScheduleEntry[] = [
  {
    code: 'HEPB0',
    name: 'Viêm gan B sơ sinh (VGB sơ sinh)',
    population: 'child',
    doses: 1,
    doseRules: [{ dose: 1, minAgeDays: 0, recommendedAgeDays: 0, maxAgeDays: 1 }],
    ...validity,
    confirmed: false,
    note: `Within 24 hours of birth. ${UNCONFIRMED}`,
  },
  {
    code: 'BCG',
    name: 'BCG (lao)',
    population: 'child',
    doses: 1,
    doseRules: [{ dose: 1, minAgeDays: 0, recommendedAgeDays: month(1) }],
    ...validity,
    confirmed: false,
    note: `At ≤1 month of age ("0-1" in the CSV): due by the end of the first month. ${UNCONFIRMED}`,
  },
  {
    code: 'DPT_VGB_HIB',
    name: 'DPT-VGB-Hib',
    population: 'child',
    doses: 3,
    doseRules: [
      { dose: 1, minAgeDays: WHO_SIX_WEEKS, recommendedAgeDays: month(2) },
      { dose: 2, recommendedAgeDays: month(3), minIntervalDaysFromPrevious: month(1) },
      { dose: 3, recommendedAgeDays: month(4), minIntervalDaysFromPrevious: month(1) },
    ],
    ...validity,
    confirmed: false,
    note: `5-in-1; doses 1/2/3 at 2, 3 and 4 months; the 1-month intervals are inferred. ${UNCONFIRMED}`,
  },
  {
    code: 'OPV',
    name: 'Bại liệt uống (OPV)',
    population: 'child',
    doses: 3,
    doseRules: [
      { dose: 1, minAgeDays: WHO_SIX_WEEKS, recommendedAgeDays: month(2) },
      { dose: 2, recommendedAgeDays: month(3), minIntervalDaysFromPrevious: month(1) },
      { dose: 3, recommendedAgeDays: month(4), minIntervalDaysFromPrevious: month(1) },
    ],
    ...validity,
    confirmed: false,
    note: `Doses 1/2/3 at 2, 3 and 4 months; the 1-month intervals are inferred. ${UNCONFIRMED}`,
  },
  {
    code: 'IPV',
    name: 'Bại liệt tiêm (IPV)',
    population: 'child',
    doses: 2,
    doseRules: [{ dose: 1, minAgeDays: WHO_SIX_WEEKS, recommendedAgeDays: month(5) }, { dose: 2 }],
    ...validity,
    confirmed: false,
    note: `Dose 1 at 5 months; a 2nd dose later, at an age the research note does not state. ${UNCONFIRMED}`,
  },
  {
    code: 'MEASLES',
    name: 'Sởi',
    population: 'child',
    doses: 1,
    doseRules: [{ dose: 1, minAgeDays: month(6), recommendedAgeDays: month(9) }],
    ...validity,
    confirmed: false,
    note: `"Sởi 1" row on the QĐ 831 form; at 9 months. ${UNCONFIRMED}`,
  },
  {
    code: 'MR',
    name: 'Sởi-Rubella (MR)',
    population: 'child',
    doses: 1,
    doseRules: [{ dose: 1, minAgeDays: month(9), recommendedAgeDays: month(18) }],
    ...validity,
    confirmed: false,
    note: `"Sởi 2" row on the QĐ 831 form; at 18 months. ${UNCONFIRMED}`,
  },
  {
    code: 'DPT4',
    name: 'DPT4',
    population: 'child',
    doses: 1,
    doseRules: [{ dose: 1, minAgeDays: DAYS_PER_YEAR, recommendedAgeDays: month(18) }],
    ...validity,
    confirmed: false,
    note: `At 18 months. ${UNCONFIRMED}`,
  },
  {
    code: 'JE',
    name: 'VNNB (viêm não Nhật Bản)',
    population: 'child',
    doses: 3,
    doseRules: [
      { dose: 1, minAgeDays: month(6), recommendedAgeDays: month(12) },
      { dose: 2, minIntervalDaysFromPrevious: DAYS_PER_WEEK },
      { dose: 3, minIntervalDaysFromPrevious: DAYS_PER_YEAR },
    ],
    ...validity,
    confirmed: false,
    note: `B1 at 12 months; B2 1–2 weeks after B1 (the 1-week minimum is used); B3 1 year after B2. ${UNCONFIRMED}`,
  },
  {
    code: 'TT',
    name: 'Uốn ván (UV)',
    population: 'women-of-childbearing-age',
    doses: 5,
    doseRules: [
      { dose: 1 },
      { dose: 2, minIntervalDaysFromPrevious: month(1) },
      { dose: 3, minIntervalDaysFromPrevious: month(6) },
      { dose: 4, minIntervalDaysFromPrevious: DAYS_PER_YEAR },
      { dose: 5, minIntervalDaysFromPrevious: DAYS_PER_YEAR },
    ],
    ...validity,
    confirmed: false,
    note: `Women of child-bearing age or pregnant: UV2 ≥1 month after UV1, UV3 ≥6 months after UV2, UV4 and UV5 ≥1 year apart. ${UNCONFIRMED}`,
  },
  {
    code: 'CHOLERA',
    name: 'Tả',
    population: 'risk-area',
    doses: null,
    doseRules: [],
    ...validity,
    confirmed: false,
    note: `Selected risk areas only; ages and doses not stated in the research note. ${UNCONFIRMED}`,
  },
  {
    code: 'TYPHOID',
    name: 'Thương hàn',
    population: 'risk-area',
    doses: null,
    doseRules: [],
    ...validity,
    confirmed: false,
    note: `Selected risk areas only; ages and doses not stated in the research note. ${UNCONFIRMED}`,
  },
];

/**
 * The schedule entry a dose of `vaccineCode` given on `onDate` (yyyy-mm-dd) is checked against: the entry of that
 * code valid on that day, so a schedule change applies to doses from its start and never rewrites older ones.
 */
export function scheduleEntryOn(
  vaccineCode: string,
  onDate: string,
  schedule: readonly VaccineScheduleEntry[] = tcmrSchedule,
): VaccineScheduleEntry | undefined {
  return schedule.find((entry) => entry.code === vaccineCode && isValidOn(entry, onDate));
}
