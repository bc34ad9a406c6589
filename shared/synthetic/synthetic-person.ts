import { addDays, daysBetween } from '../clinical/calendar-days.ts';
import { serializeHlc } from '../clock/hlc.ts';
import { formatHealthId } from '../identifiers/health-id.ts';
import { provinces } from '../reference-data/provinces.generated.ts';
import { personFieldGroups, groupNames } from '../schemas/field-groups.ts';
import type { Person } from '../schemas/person.ts';
import { withDerivedPersonFields } from '../schemas/person-derived-fields.ts';
import type { PartialDate } from '../dates/partial-date.ts';
import type { SeededRandom } from './seeded-random.ts';
import type { SyntheticStation } from './synthetic-station.ts';
import {
  familyNameWeights,
  femaleGivenNames,
  femaleMiddleNames,
  hamletNames,
  maleGivenNames,
  maleMiddleNames,
  streetNames,
} from './vietnamese-names.ts';

/** What a household decides about one member before the person document is built. */
export type MemberPlan = {
  readonly index: number;
  readonly sex: 'male' | 'female';
  readonly birthYear: number;
  readonly familyName: string;
  readonly relationToHead: string;
  readonly householdId: string;
  readonly addressDetail: string;
  readonly hypertension: boolean;
  readonly diabetes: boolean;
};

/** Serials from 9 000 000 000 up are reserved for synthetic residents: they never collide with issued health IDs. */
export const SYNTHETIC_HEALTH_ID_FIRST_SERIAL = 9_000_000_000;

const legacyProvinceCodes = [...new Set(provinces.map((p) => p.code))].filter((c) => c !== '01');

export function pickGivenName(random: SeededRandom, sex: 'male' | 'female'): string {
  return random.pick(sex === 'male' ? maleGivenNames : femaleGivenNames);
}

export function pickFamilyName(random: SeededRandom): string {
  return random.weighted(familyNameWeights);
}

export function pickAddressDetail(random: SeededRandom, station: SyntheticStation): string {
  if (station.communeKind === 'xa') return `${random.pick(hamletNames)}, xóm ${random.int(1, 12)}`;
  return `Số ${random.int(1, 180)}, ngõ ${random.int(1, 120)} phố ${random.pick(streetNames)}`;
}

function isoDay(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A random full date in `year` (day 1–28, so every month works). */
export function randomDateIn(random: SeededRandom, year: number): string {
  return isoDay(year, random.int(1, 12), random.int(1, 28));
}

/** The 12-digit personal identification number consistent with birth year, sex and birth-registration province. */
function personalIdFor(random: SeededRandom, plan: MemberPlan, provinceCode: string): string {
  const century = Math.floor(plan.birthYear / 100) - 19;
  const genderDigit = century * 2 + (plan.sex === 'female' ? 1 : 0);
  return `0${provinceCode}${genderDigit}${String(plan.birthYear % 100).padStart(2, '0')}${random.digits(6)}`;
}

function bhytGroupFor(random: SeededRandom, age: number): readonly [string, number] {
  if (age < 6) return ['TE', 1];
  if (age < 18) return ['HS', 4];
  if (age < 23 && random.chance(0.4)) return ['SV', 4];
  if (age >= 60 && random.chance(0.5)) return ['HT', 3];
  return random.weighted<readonly [string, number]>([
    [['DN', 4], 35],
    [['HC', 4], 10],
    [['GD', 4], 40],
    [['HN', 1], 5],
    [['CN', 2], 5],
    [['TN', 4], 5],
  ]);
}

/**
 * Builds one synthetic resident (QĐ 831 parts A and B) from its household plan: identifiers consistent with the
 * birth year and sex, a BHYT card for most, a health ID from the synthetic serial range, and part B history matching
 * the chronic conditions the plan decided. Always `synthetic: true`.
 */
export function buildSyntheticPerson(input: {
  random: SeededRandom;
  plan: MemberPlan;
  station: SyntheticStation;
  referenceDate: string;
  healthIdSerial: number;
  idPrefix: string;
  node: string;
}): Person {
  const { random, plan, station, referenceDate } = input;
  const refYear = Number(referenceDate.slice(0, 4));
  const age = refYear - plan.birthYear;
  const middleName = random.weighted(plan.sex === 'male' ? maleMiddleNames : femaleMiddleNames);
  const givenName = pickGivenName(random, plan.sex);
  const fullName = [plan.familyName, middleName, givenName].join(' ');
  const drawn = age > 75 && random.chance(0.3) ? undefined : randomDateIn(random, plan.birthYear);
  // Nobody is born after the reference day: a day drawn past it folds back into the year so far (no extra draw, so
  // the rest of the population stays as it was).
  const exactBirthDate =
    drawn === undefined || drawn <= referenceDate
      ? drawn
      : addDays(
          `${referenceDate.slice(0, 4)}-01-01`,
          daysBetween(referenceDate, drawn) %
            (daysBetween(`${referenceDate.slice(0, 4)}-01-01`, referenceDate) + 1),
        );
  const dateOfBirth = (exactBirthDate ?? String(plan.birthYear)) as PartialDate;
  const earliestCreated = Math.max(refYear - 3, plan.birthYear);
  const createdDay = randomDateIn(random, random.int(earliestCreated, refYear - 1));
  const createdAt = `${exactBirthDate !== undefined && createdDay < exactBirthDate ? exactBirthDate : createdDay}T08:${String(random.int(0, 59)).padStart(2, '0')}:00.000Z`;
  const stamp = serializeHlc({ wallMs: Date.parse(createdAt), counter: 0, node: input.node });
  const birthProvince = random.chance(0.75) ? '01' : random.pick(legacyProvinceCodes);
  const insured = random.chance(0.88);
  const [group, level] = bhytGroupFor(random, age);
  const bhxhNumber = `01${random.digits(8)}`;
  const adult = age >= 18;
  const smokes =
    adult && plan.sex === 'male'
      ? random.weighted([
          ['no', 50],
          ['yes', 25],
          ['regular', 15],
          ['quit', 10],
        ] as const)
      : 'no';
  const person: Omit<Person, 'searchName' | 'sortKey' | 'identityKey'> = {
    id: `${input.idPrefix}-p${String(plan.index).padStart(7, '0')}`,
    orgUnitId: station.orgUnitId,
    createdAt,
    updatedAt: createdAt,
    synthetic: true,
    stamps: Object.fromEntries(groupNames(personFieldGroups).map((g) => [g, stamp])) as Person['stamps'],
    healthId: formatHealthId(input.healthIdSerial),
    ...(age >= 14 || random.chance(0.9) ? { personalId: personalIdFor(random, plan, birthProvince) } : {}),
    ...(insured ? { bhxhNumber } : {}),
    bhytCards: insured
      ? [
          {
            code: `${group}${level}01${bhxhNumber}`,
            validFrom: `${refYear}-01-01`,
            validTo: `${refYear}-12-31`,
            registeredFacility: station.facilityCode,
          },
        ]
      : [],
    fullName,
    familyName: plan.familyName,
    middleName,
    givenName,
    dateOfBirth,
    sex: plan.sex,
    ethnicityCode: random.chance(0.95) ? '01' : random.pick(['02', '03', '06', '07', '09']),
    birthRegistrationProvince: birthProvince,
    ...(random.chance(0.3)
      ? {
          bloodGroup: {
            abo: random.weighted([
              ['O', 42],
              ['A', 21],
              ['B', 30],
              ['AB', 7],
            ] as const),
            rh: '+' as const,
          },
        }
      : {}),
    currentAddress: { communeCode: station.communeCode, scheme: 'dvhc-2025', detail: plan.addressDetail },
    phones:
      adult && random.chance(0.85) ? [`${random.pick(['03', '07', '08', '09'])}${random.digits(8)}`] : [],
    household: { id: plan.householdId, relationToHead: plan.relationToHead },
    history: adult
      ? {
          riskFactors: {
            smoking: smokes,
            alcohol: plan.sex === 'male' ? random.pick(['no', 'yes', 'regular'] as const) : 'no',
            physicalActivity: random.pick(['none', 'some', 'regular'] as const),
            toiletType:
              station.communeKind === 'phuong' ? 'flush' : random.pick(['flush', 'double-vault'] as const),
          },
          chronicConditions: {
            hypertension: plan.hypertension,
            diabetes: plan.diabetes,
            ...(plan.hypertension || plan.diabetes
              ? { icd10Codes: [...(plan.hypertension ? ['I10'] : []), ...(plan.diabetes ? ['E11.9'] : [])] }
              : {}),
          },
        }
      : {
          birthCondition: {
            deliveryMode: random.chance(0.7) ? 'vaginal' : 'cesarean',
            birthWeightGrams: random.int(2500, 3900),
          },
        },
    status: 'active',
  };
  return withDerivedPersonFields(person);
}
