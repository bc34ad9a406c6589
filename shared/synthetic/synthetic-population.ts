import type { PartialDate } from '../dates/partial-date.ts';
import type { Encounter } from '../schemas/encounter.ts';
import type { Immunization } from '../schemas/immunization.ts';
import type { Person } from '../schemas/person.ts';
import { createSeededRandom, type SeededRandom } from './seeded-random.ts';
import {
  buildSyntheticPerson,
  pickAddressDetail,
  pickFamilyName,
  randomDateIn,
  SYNTHETIC_HEALTH_ID_FIRST_SERIAL,
  type MemberPlan,
} from './synthetic-person.ts';
import { syntheticEncounters, syntheticImmunizations } from './synthetic-records.ts';
import type { SyntheticStation } from './synthetic-station.ts';

export type SyntheticPopulationOptions = {
  /** Same seed, same options → the same residents, on every machine and runtime. */
  readonly seed: number;
  /** Number of residents. */
  readonly size: number;
  /** "Today" for ages, card validity and record dates (yyyy-mm-dd). */
  readonly referenceDate: string;
  /** Households are spread round-robin over these stations; must not be empty. */
  readonly stations: readonly SyntheticStation[];
  /** HLC node stamped on every record; default 'synthetic'. */
  readonly node?: string;
};

/** One synthetic resident with their exams and immunisations. Every document has `synthetic: true`. */
export type SyntheticResident = {
  readonly person: Person;
  readonly encounters: readonly Encounter[];
  readonly immunizations: readonly Immunization[];
};

/**
 * Each seed (mod 100) owns 10 million synthetic serials: populations whose seeds differ mod 100 never share a health
 * ID (seeds 7 and 107 do).
 */
const SERIALS_PER_SEED = 10_000_000;

type Sex = 'male' | 'female';
const other = (sex: Sex): Sex => (sex === 'male' ? 'female' : 'male');

/** The members of one household, head first: spouse, children, sometimes a parent of the head. */
function planHousehold(
  random: SeededRandom,
  refYear: number,
): Omit<MemberPlan, 'index' | 'householdId' | 'addressDetail'>[] {
  const headSex: Sex = random.chance(0.7) ? 'male' : 'female';
  const headAge = random.int(22, 85);
  const headFamily = pickFamilyName(random);
  const chronic = (age: number) => ({
    hypertension: age >= 40 && random.chance(age >= 60 ? 0.35 : 0.18),
    diabetes: age >= 40 && random.chance(0.07),
  });
  const members: Omit<MemberPlan, 'index' | 'householdId' | 'addressDetail'>[] = [
    {
      sex: headSex,
      birthYear: refYear - headAge,
      familyName: headFamily,
      relationToHead: 'Chủ hộ',
      ...chronic(headAge),
    },
  ];
  const married = headAge >= 24 && random.chance(0.78);
  const spouseAge = Math.max(18, headAge + random.int(-6, 6));
  let fatherFamily = headFamily;
  if (married) {
    const spouseFamily = pickFamilyName(random);
    if (headSex === 'female') fatherFamily = spouseFamily;
    members.push({
      sex: other(headSex),
      birthYear: refYear - spouseAge,
      familyName: spouseFamily,
      relationToHead: headSex === 'male' ? 'Vợ' : 'Chồng',
      ...chronic(spouseAge),
    });
  }
  const youngestParent = married ? Math.min(headAge, spouseAge) : headAge;
  const children =
    youngestParent >= 20
      ? random.weighted([
          [0, 15],
          [1, 30],
          [2, 40],
          [3, 15],
        ] as const)
      : 0;
  for (let c = 0; c < children; c++) {
    const age = Math.max(0, youngestParent - random.int(20, 38));
    members.push({
      sex: random.chance(0.51) ? 'male' : 'female',
      birthYear: refYear - age,
      familyName: fatherFamily,
      relationToHead: 'Con',
      ...chronic(age),
    });
  }
  if (headAge < 55 && random.chance(0.12)) {
    const age = Math.min(100, headAge + random.int(22, 35));
    const sex: Sex = random.chance(0.6) ? 'female' : 'male';
    members.push({
      sex,
      birthYear: refYear - age,
      familyName: sex === 'male' ? headFamily : pickFamilyName(random),
      relationToHead: sex === 'male' ? 'Bố' : 'Mẹ',
      ...chronic(age),
    });
  }
  return members;
}

/**
 * Generates a deterministic synthetic population of Hanoi residents, household by household, lazily (100 for a
 * demo, 100 000+ for benchmarks without holding them all in memory). Test and demo data only: every document is
 * marked `synthetic: true`, health IDs come from the reserved synthetic serial range, and ids start with `syn`.
 */
export function* generateSyntheticPopulation(
  options: SyntheticPopulationOptions,
): Generator<SyntheticResident> {
  const { seed, size, referenceDate, stations } = options;
  if (stations.length === 0) throw new Error('generateSyntheticPopulation needs at least one station');
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error('the seed must be a non-negative integer');
  if (size > SERIALS_PER_SEED) throw new Error(`at most ${String(SERIALS_PER_SEED)} residents per seed`);
  const node = options.node ?? 'synthetic';
  const refYear = Number(referenceDate.slice(0, 4));
  const idPrefix = `syn${String(seed)}`;
  let index = 0;
  for (let household = 0; index < size; household++) {
    const random = createSeededRandom(seed).fork(`household:${String(household)}`);
    const station = stations[household % stations.length] ?? stations[0];
    if (!station) break;
    const householdId = `${idPrefix}-h${String(household).padStart(6, '0')}`;
    const addressDetail = pickAddressDetail(random, station);
    for (const member of planHousehold(random, refYear)) {
      if (index >= size) return;
      const plan: MemberPlan = { ...member, index, householdId, addressDetail };
      let person = buildSyntheticPerson({
        random,
        plan,
        station,
        referenceDate,
        healthIdSerial: SYNTHETIC_HEALTH_ID_FIRST_SERIAL + (seed % 100) * SERIALS_PER_SEED + index,
        idPrefix,
        node,
      });
      if (refYear - plan.birthYear > 70 && random.chance(0.03)) {
        person = {
          ...person,
          status: 'deceased',
          deathDate: randomDateIn(random, refYear - 1) as PartialDate,
        };
      }
      const ctx = { random, person, station, referenceDate, node };
      yield {
        person,
        encounters: syntheticEncounters(ctx, plan.birthYear),
        immunizations: syntheticImmunizations(ctx),
      };
      index++;
    }
  }
}
