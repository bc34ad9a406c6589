import { DAYS_PER_WEEK, DAYS_PER_YEAR, type VaccineScheduleEntry } from './vaccine-schedule.ts';

/**
 * The COVID-19 vaccines of Vietnam's 2021–2023 campaign, by product, so a dose imported from the campaign's export
 * (or recorded at a station) keeps which vaccine it was. `COVID19` (service-vaccines.ts) stays for a dose whose
 * product is not known.
 *
 * `validFrom` is the day the Ministry of Health approved the product for emergency use in Vietnam as reported in the
 * press at the time (AstraZeneca 30/1/2021, Sputnik V 23/3/2021, Sinopharm Vero Cell 3/6/2021, Pfizer-BioNTech
 * 12/6/2021, Moderna 29/6/2021, Janssen 15/7/2021, Hayat-Vax 10/9/2021, Abdala 17/9/2021, Pfizer-BioNTech for
 * children 5–11 on 2/2022); the approval decisions themselves were not read, so the dates are UNCONFIRMED and a dose
 * outside them only warns (`vaccine-not-in-schedule`). No end date: boosters of several of them continued.
 * Ages and intervals are WHO's emergency-use listings and SAGE interim recommendations (the shortest interval any of
 * them allows), also UNCONFIRMED against the Vietnamese labels; they warn, never refuse. Boosters make every series
 * open-ended (`doses: null`).
 */
const UNCONFIRMED =
  'Approval date as reported in the press; ages and intervals from WHO EUL/SAGE interim recommendations. UNCONFIRMED.';
const years = (n: number) => n * DAYS_PER_YEAR;
const twoDoses = (minAgeDays: number, intervalDays: number) => [
  { dose: 1, minAgeDays },
  { dose: 2, minIntervalDaysFromPrevious: intervalDays },
];

const covid = (
  entry: Pick<VaccineScheduleEntry, 'code' | 'name' | 'validFrom' | 'doseRules'> & { readonly note: string },
): VaccineScheduleEntry => ({
  ...entry,
  population: 'service',
  doses: null,
  validTo: null,
  confirmed: false,
  note: `${entry.note} ${UNCONFIRMED}`,
});

export const covid19Vaccines: readonly VaccineScheduleEntry[] = [
  covid({
    code: 'COVID19_AZ',
    name: 'COVID-19 AstraZeneca (Vaxzevria)',
    validFrom: '2021-01-30',
    doseRules: twoDoses(years(18), 4 * DAYS_PER_WEEK),
    note: 'Viral vector; from 18 years, 2 doses 4–12 weeks apart (Vietnam used 8–12).',
  }),
  covid({
    code: 'COVID19_SPUTNIK',
    name: 'COVID-19 Sputnik V (Gam-COVID-Vac)',
    validFrom: '2021-03-23',
    doseRules: twoDoses(years(18), 3 * DAYS_PER_WEEK),
    note: 'Viral vector, two different components; from 18 years, 21 days apart.',
  }),
  covid({
    code: 'COVID19_VEROCELL',
    name: 'COVID-19 Sinopharm Vero Cell',
    validFrom: '2021-06-03',
    doseRules: twoDoses(years(3), 3 * DAYS_PER_WEEK),
    note: 'Inactivated; from 18 years at listing (later from 3 years), 2 doses 3–4 weeks apart.',
  }),
  covid({
    code: 'COVID19_PFIZER',
    name: 'COVID-19 Pfizer-BioNTech (Comirnaty)',
    validFrom: '2021-06-12',
    doseRules: twoDoses(years(12), 3 * DAYS_PER_WEEK),
    note: 'mRNA, adult formulation (purple or grey cap); from 12 years, 2 doses 3–4 weeks apart.',
  }),
  covid({
    code: 'COVID19_PFIZER_PED',
    name: 'COVID-19 Pfizer-BioNTech cho trẻ 5–11 tuổi',
    validFrom: '2022-02-01',
    doseRules: [
      { dose: 1, minAgeDays: years(5), maxAgeDays: years(12) - 1 },
      { dose: 2, minIntervalDaysFromPrevious: 3 * DAYS_PER_WEEK },
    ],
    note: 'mRNA, paediatric formulation (orange cap, 10 µg); 5 to 11 years, 2 doses 3 weeks apart.',
  }),
  covid({
    code: 'COVID19_MODERNA',
    name: 'COVID-19 Moderna (Spikevax)',
    validFrom: '2021-06-29',
    doseRules: twoDoses(years(6), 4 * DAYS_PER_WEEK),
    note: 'mRNA; from 18 years at listing (later 12–17, and 6–11 at half dose), 2 doses 4 weeks apart.',
  }),
  covid({
    code: 'COVID19_JANSSEN',
    name: 'COVID-19 Janssen (Johnson & Johnson)',
    validFrom: '2021-07-15',
    doseRules: [{ dose: 1, minAgeDays: years(18) }],
    note: 'Viral vector; from 18 years, a single primary dose.',
  }),
  covid({
    code: 'COVID19_HAYAT',
    name: 'COVID-19 Hayat-Vax',
    validFrom: '2021-09-10',
    doseRules: twoDoses(years(18), 3 * DAYS_PER_WEEK),
    note: 'Inactivated (Sinopharm, filled in the UAE); from 18 years, 2 doses 3–4 weeks apart.',
  }),
  covid({
    code: 'COVID19_ABDALA',
    name: 'COVID-19 Abdala',
    validFrom: '2021-09-17',
    doseRules: [
      { dose: 1, minAgeDays: years(19) },
      { dose: 2, minIntervalDaysFromPrevious: 2 * DAYS_PER_WEEK },
      { dose: 3, minIntervalDaysFromPrevious: 2 * DAYS_PER_WEEK },
    ],
    note: 'Protein subunit; from 19 years, 3 doses on days 0, 14 and 28.',
  }),
];

/** Words staff, and the campaign's exports, use for each product (folded when searched or matched). */
export const covid19SearchWords: Readonly<Record<string, readonly string[]>> = {
  COVID19_AZ: ['covid', 'astrazeneca', 'astra zeneca', 'AZ', 'vaxzevria', 'covishield'],
  COVID19_SPUTNIK: ['covid', 'sputnik', 'gam-covid-vac', 'nga'],
  COVID19_VEROCELL: ['covid', 'vero cell', 'verocell', 'sinopharm', 'BBIBP'],
  COVID19_PFIZER: ['covid', 'pfizer', 'biontech', 'comirnaty'],
  COVID19_PFIZER_PED: ['covid', 'pfizer', 'trẻ em', 'nhi', '5-11'],
  COVID19_MODERNA: ['covid', 'moderna', 'spikevax'],
  COVID19_JANSSEN: ['covid', 'janssen', 'johnson'],
  COVID19_HAYAT: ['covid', 'hayat', 'hayat-vax'],
  COVID19_ABDALA: ['covid', 'abdala', 'cuba'],
};
