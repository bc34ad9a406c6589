import type { Person } from '#shared/schemas/person.ts';
import { createSeededRandom } from '#shared/synthetic/seeded-random.ts';
import { pickFamilyName, pickGivenName } from '#shared/synthetic/synthetic-person.ts';
import { hanoiCommunes2025 } from '#shared/reference-data/hanoi-communes.generated.ts';
import type { SimulatedHoso } from './qd130-xml.ts';
import { patientOf, qd130Time, simulatedHoso, type SimulatedPatient } from './simulated-hoso.ts';

/** The kinds of deliberately broken hồ sơ the simulator sends, each refused by the intake with its own code. */
export const brokenKinds = [
  'discharge-before-admission',
  'icd10-unknown',
  'bhyt-card-invalid',
  'date-format',
  'base64-invalid',
] as const;
export type BrokenKind = (typeof brokenKinds)[number];

/** Breaks a valid hồ sơ the way real exports go wrong. */
export function brokenHoso(hoso: SimulatedHoso, kind: BrokenKind): SimulatedHoso {
  const xml1 = hoso.xml1;
  switch (kind) {
    case 'discharge-before-admission':
      return { ...hoso, xml1: { ...xml1, NGAY_RA: `${(xml1['NGAY_VAO'] ?? '').slice(0, 8)}0000` } };
    case 'icd10-unknown':
      return { ...hoso, xml1: { ...xml1, MA_BENH_CHINH: 'U99.9' } };
    case 'bhyt-card-invalid':
      return { ...hoso, xml1: { ...xml1, MA_THE_BHYT: 'DN40101' } };
    case 'date-format':
      return { ...hoso, xml1: { ...xml1, NGAY_VAO: '05/12/2026 08:30' } };
    case 'base64-invalid':
      return { ...hoso, rawFiles: [{ type: 'XML6', content: '%%% không phải base64 %%%' }] };
  }
}

/** A resident the record does not know yet, living in a Hanoi commune. */
function newcomer(seed: number, index: number): SimulatedPatient {
  const random = createSeededRandom(seed).fork(`newcomer:${String(index)}`);
  const sex = random.chance(0.5) ? 'male' : 'female';
  const year = random.int(1940, 2020);
  return {
    fullName: `${pickFamilyName(random)} ${sex === 'male' ? 'Văn' : 'Thị'} ${pickGivenName(random, sex)}`,
    dateOfBirth: `${String(year)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
    sex,
    personalId: `001${sex === 'male' ? (year < 2000 ? '0' : '2') : year < 2000 ? '1' : '3'}${String(year).slice(2)}${random.digits(6)}`,
    communeCode: random.pick(hanoiCommunes2025).code,
    addressDetail: `Số ${String(random.int(1, 200))} ngõ ${String(random.int(1, 99))}`,
  };
}

/**
 * SIMULATOR: one facility's day of hồ sơ — visits of known residents (`residents`, e.g. the demo commune's synthetic
 * population), some of newcomers the record does not know (they become residents of their commune), a delivery now
 * and then, follow-up appointments and referrals, and `broken` deliberately broken ones. Deterministic for a seed.
 */
export function simulatedDay(options: {
  readonly seed: number;
  readonly facilityCode: string;
  readonly residents: readonly Person[];
  readonly count: number;
  readonly broken?: number;
  /** When the day's visits start (default: 8 hours ago). */
  readonly from?: Date;
}): SimulatedHoso[] {
  const random = createSeededRandom(options.seed).fork(`day:${options.facilityCode}`);
  const from = options.from ?? new Date(Date.now() - 8 * 3_600_000);
  const stamp = qd130Time(from).slice(0, 8);
  const women = options.residents.filter(
    (p) => p.sex === 'female' && p.dateOfBirth >= '1985' && p.dateOfBirth <= '2004',
  );
  const records: SimulatedHoso[] = [];
  for (let i = 0; i < options.count; i++) {
    const visitKey = `${options.facilityCode}.${stamp}.${String(options.seed)}.${String(i + 1).padStart(5, '0')}`;
    const admittedAt = new Date(from.getTime() + random.int(0, 6 * 60) * 60_000);
    const roll = random.next();
    const mother = women.length > 0 && roll < 0.05 ? random.pick(women) : undefined;
    const known = options.residents.length > 0 && roll < 0.8 ? random.pick(options.residents) : undefined;
    const patient =
      mother !== undefined
        ? patientOf(mother)
        : known !== undefined
          ? patientOf(known)
          : newcomer(options.seed, i);
    records.push(
      simulatedHoso(random.fork(visitKey), {
        facilityCode: options.facilityCode,
        visitKey,
        patient,
        admittedAt,
        inpatient: mother !== undefined || random.chance(0.2),
        followUp: random.chance(0.3)
          ? new Date(admittedAt.getTime() + random.int(7, 30) * 86_400_000)
          : undefined,
        referralTo: random.chance(0.05) ? '01001' : undefined,
        newborn:
          mother === undefined
            ? undefined
            : { sex: random.chance(0.5) ? 'male' : 'female', bornAt: admittedAt },
      }),
    );
  }
  const broken = Math.min(options.broken ?? 0, records.length);
  for (let i = 0; i < broken; i++) {
    const index = records.length - 1 - i;
    const record = records[index];
    if (record !== undefined)
      records[index] = brokenHoso(record, brokenKinds[i % brokenKinds.length] ?? 'icd10-unknown');
  }
  return records;
}
