import type { VaccineScheduleEntry } from './vaccine-schedule.ts';
import { DAYS_PER_MONTH, DAYS_PER_WEEK, DAYS_PER_YEAR } from './vaccine-schedule.ts';

/**
 * Vaccines given outside the national programme (tiêm chủng dịch vụ, QĐ 831 part C 2: quai bị, cúm, HPV, phế cầu…,
 * and those staff record from private centres: dại, thủy đậu, viêm gan A, COVID-19, MMR). They are recorded,
 * checked and printed like programme vaccines but never drive the due list, and their lot number is asked, not
 * required.
 *
 * Source of the ages and intervals: WHO, "Table 2: Summary of WHO Position Papers — Recommended Routine
 * Immunizations for Children" (updated September 2020) and the position papers it cites (HPV 2022, rabies 2018,
 * COVID-19 SAGE roadmap 2023). Vietnamese product labels were not read, so every entry is UNCONFIRMED and only
 * warns: a dose earlier or sooner than these limits is recorded with a reason, never refused. Where a source gives
 * several schedules (HPV by age at the first dose, pneumococcal 3p+0 or 2p+1, rabies pre- or post-exposure), the
 * shortest interval any of them allows is used, so a dose on any WHO schedule passes. A vaccine given repeatedly
 * (influenza every season, rabies after each exposure, COVID-19 boosters) has no dose count.
 */
const UNCONFIRMED =
  'WHO position papers (summary table 2, Sept 2020); UNCONFIRMED against Vietnamese labels.';
const month = (n: number) => n * DAYS_PER_MONTH;
const validity = { validFrom: null, validTo: null } as const;

export const serviceVaccines: readonly VaccineScheduleEntry[] = [
  {
    code: 'MUMPS',
    name: 'Quai bị',
    population: 'service',
    doses: null,
    doseRules: [
      { dose: 1, minAgeDays: month(12) },
      { dose: 2, minIntervalDaysFromPrevious: 4 * DAYS_PER_WEEK },
    ],
    ...validity,
    confirmed: false,
    note: `From 12 months, a 2nd dose ≥4 weeks later; the QĐ 831 form has rows for 3 doses. ${UNCONFIRMED}`,
  },
  {
    code: 'MMR',
    name: 'Sởi - Quai bị - Rubella (MMR)',
    population: 'service',
    doses: 2,
    doseRules: [
      { dose: 1, minAgeDays: month(9) },
      { dose: 2, minIntervalDaysFromPrevious: 4 * DAYS_PER_WEEK },
    ],
    ...validity,
    confirmed: false,
    note: `Rubella-containing vaccine from 9 months; 2 doses ≥4 weeks apart. ${UNCONFIRMED}`,
  },
  {
    code: 'INFLUENZA',
    name: 'Cúm',
    population: 'service',
    doses: null,
    doseRules: [
      { dose: 1, minAgeDays: month(6) },
      { dose: 2, minIntervalDaysFromPrevious: 4 * DAYS_PER_WEEK },
    ],
    ...validity,
    confirmed: false,
    note: `Inactivated, from 6 months; children under 9 get 2 doses ≥4 weeks apart the first season, then one dose every season. ${UNCONFIRMED}`,
  },
  {
    code: 'HPV',
    name: 'HPV (ung thư cổ tử cung)',
    population: 'service',
    doses: 3,
    doseRules: [
      { dose: 1, minAgeDays: 9 * DAYS_PER_YEAR },
      { dose: 2, minIntervalDaysFromPrevious: 4 * DAYS_PER_WEEK },
      { dose: 3, minIntervalDaysFromPrevious: 12 * DAYS_PER_WEEK },
    ],
    ...validity,
    confirmed: false,
    note: `From 9 years; 1–2 doses (6 months apart) from 9 to 14, 3 doses (0, 1–2, 6 months) from 15. ${UNCONFIRMED}`,
  },
  {
    code: 'PCV',
    name: 'Phế cầu khuẩn',
    population: 'service',
    doses: null,
    doseRules: [
      { dose: 1, minAgeDays: 6 * DAYS_PER_WEEK },
      { dose: 2, minIntervalDaysFromPrevious: 4 * DAYS_PER_WEEK },
      { dose: 3, minIntervalDaysFromPrevious: 4 * DAYS_PER_WEEK },
      { dose: 4, minIntervalDaysFromPrevious: 8 * DAYS_PER_WEEK },
    ],
    ...validity,
    confirmed: false,
    note: `Conjugate vaccine from 6 weeks: 3p+0 (4 weeks apart) or 2p+1 (booster 9–18 months); adults by product. ${UNCONFIRMED}`,
  },
  {
    code: 'RABIES',
    name: 'Dại',
    population: 'service',
    doses: null,
    doseRules: [
      { dose: 1 },
      { dose: 2, minIntervalDaysFromPrevious: 3 },
      { dose: 3, minIntervalDaysFromPrevious: 4 },
      { dose: 4, minIntervalDaysFromPrevious: DAYS_PER_WEEK },
    ],
    ...validity,
    confirmed: false,
    note: `Any age. After exposure on days 0, 3, 7 and 14–28; before exposure on days 0 and 7. ${UNCONFIRMED}`,
  },
  {
    code: 'VARICELLA',
    name: 'Thủy đậu',
    population: 'service',
    doses: 2,
    doseRules: [
      { dose: 1, minAgeDays: month(12) },
      { dose: 2, minIntervalDaysFromPrevious: 4 * DAYS_PER_WEEK },
    ],
    ...validity,
    confirmed: false,
    note: `From 12 months; 1–2 doses, 4 weeks to 3 months apart by product. ${UNCONFIRMED}`,
  },
  {
    code: 'HEPA',
    name: 'Viêm gan A',
    population: 'service',
    doses: 2,
    doseRules: [
      { dose: 1, minAgeDays: month(12) },
      { dose: 2, minIntervalDaysFromPrevious: month(6) },
    ],
    ...validity,
    confirmed: false,
    note: `From 12 months; inactivated vaccine 2 doses ≥6 months apart (live vaccine 1 dose). ${UNCONFIRMED}`,
  },
  {
    code: 'COVID19',
    name: 'COVID-19',
    population: 'service',
    doses: null,
    doseRules: [
      { dose: 1, minAgeDays: month(6) },
      { dose: 2, minIntervalDaysFromPrevious: 3 * DAYS_PER_WEEK },
    ],
    ...validity,
    confirmed: false,
    note: `From 6 months for the youngest-licensed product; primary doses 3–12 weeks apart by product, then boosters. ${UNCONFIRMED}`,
  },
];

/** Words staff type for a vaccine besides its name (folded when searched). */
export const vaccineSearchWords: Readonly<Record<string, readonly string[]>> = {
  HEPB0: ['viêm gan B', 'VGB', 'sơ sinh'],
  BCG: ['lao'],
  DPT_VGB_HIB: ['5 trong 1', 'bạch hầu', 'ho gà', 'uốn ván', 'Hib', 'pentaxim'],
  OPV: ['bại liệt', 'uống'],
  IPV: ['bại liệt', 'tiêm'],
  MEASLES: ['sởi 1'],
  MR: ['sởi 2', 'rubella'],
  DPT4: ['bạch hầu', 'ho gà', 'uốn ván', 'nhắc'],
  JE: ['viêm não Nhật Bản', 'VNNB', 'JEVAX'],
  TT: ['uốn ván', 'UV', 'phụ nữ có thai', 'bầu'],
  CHOLERA: ['tả'],
  TYPHOID: ['thương hàn'],
  MUMPS: ['quai bị'],
  MMR: ['sởi', 'quai bị', 'rubella', '3 trong 1'],
  INFLUENZA: ['cúm', 'flu', 'influvac', 'vaxigrip'],
  HPV: ['ung thư cổ tử cung', 'gardasil', 'sùi mào gà'],
  PCV: ['phế cầu', 'synflorix', 'prevenar', 'viêm phổi'],
  RABIES: ['dại', 'chó cắn', 'verorab', 'abhayrab'],
  VARICELLA: ['thủy đậu', 'thuỷ đậu', 'varivax', 'varilrix'],
  HEPA: ['viêm gan A', 'havax', 'avaxim'],
  COVID19: ['covid', 'corona', 'sars-cov-2'],
};
