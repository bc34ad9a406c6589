import { matchesSearchQuery, searchKey } from '../text/search-keys.ts';
import { covid19SearchWords, covid19Vaccines } from './covid19-vaccines.ts';
import { serviceVaccines, vaccineSearchWords } from './service-vaccines.ts';
import { scheduleEntryOn, tcmrSchedule, type VaccineScheduleEntry } from './vaccine-schedule.ts';

/**
 * Every vaccine a dose may be recorded for: the national programme (TCMR), the service vaccines, then the COVID-19
 * campaign's products.
 */
export const vaccineCatalogue: readonly VaccineScheduleEntry[] = [
  ...tcmrSchedule,
  ...serviceVaccines,
  ...covid19Vaccines,
];

/** How the dose dialog groups vaccines, in this order. */
export const vaccineGroups = [
  'programme-child',
  'programme-women',
  'programme-risk-area',
  'service',
  'covid-19',
] as const;
export type VaccineGroup = (typeof vaccineGroups)[number];

export function vaccineGroupOf(entry: VaccineScheduleEntry): VaccineGroup {
  if (entry.code.startsWith('COVID19')) return 'covid-19';
  switch (entry.population) {
    case 'child':
      return 'programme-child';
    case 'women-of-childbearing-age':
      return 'programme-women';
    case 'risk-area':
      return 'programme-risk-area';
    case 'service':
      return 'service';
  }
}

/** The catalogue entry a dose of `vaccineCode` on `onDate` (yyyy-mm-dd) is checked against. */
export function vaccineEntryOn(vaccineCode: string, onDate: string): VaccineScheduleEntry | undefined {
  return scheduleEntryOn(vaccineCode, onDate, vaccineCatalogue);
}

const searchKeys = new Map(
  vaccineCatalogue.map((entry) => [
    entry.code,
    searchKey(
      [
        entry.code.replaceAll('_', ' '),
        entry.name,
        ...(vaccineSearchWords[entry.code] ?? covid19SearchWords[entry.code] ?? []),
      ].join(' '),
    ),
  ]),
);

/**
 * Whether `query` finds the vaccine: every word of it starts a word of the code, the name or the words staff use
 * ("cum", "phe cau", "ung thu co tu cung", "5 trong 1"), with or without diacritics.
 */
export function vaccineMatches(query: string, vaccineCode: string): boolean {
  const key = searchKeys.get(vaccineCode);
  return key !== undefined && matchesSearchQuery(query, key);
}
