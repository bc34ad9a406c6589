import { serializeHlc } from '../clock/hlc.ts';
import { addDays } from '../clinical/calendar-days.ts';
import { tcmrSchedule } from '../reference-data/vaccine-schedule.ts';
import type { Encounter } from '../schemas/encounter.ts';
import { encounterFieldGroups, groupNames, immunizationFieldGroups } from '../schemas/field-groups.ts';
import type { Immunization } from '../schemas/immunization.ts';
import type { Person } from '../schemas/person.ts';
import { withBmi } from '../schemas/vitals.ts';
import type { SeededRandom } from './seeded-random.ts';
import { randomDateIn } from './synthetic-person.ts';
import type { SyntheticStation } from './synthetic-station.ts';

type RecordContext = {
  readonly random: SeededRandom;
  readonly person: Person;
  readonly station: SyntheticStation;
  readonly referenceDate: string;
  readonly node: string;
};

const at = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const stampOf = (iso: string, node: string) => serializeHlc({ wallMs: Date.parse(iso), counter: 0, node });

/** The station's (synthetic) doctor who signs its exams. */
function signerFor(station: SyntheticStation) {
  return {
    practitionerId: `CCHN-${station.facilityCode}`,
    name: `BS. Trạm ${station.facilityCode} (giả lập)`,
  };
}

function normal(random: SeededRandom, mean: number, spread: number): number {
  return mean + (random.next() + random.next() + random.next() - 1.5) * spread;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Periodic exams (QĐ 831 part D) for an adult: one for each of up to three past years, signed by the station's
 * doctor, with vitals consistent with the person's sex and chronic conditions and ICD-10 diagnoses matching them.
 */
export function syntheticEncounters(ctx: RecordContext, birthYear: number): Encounter[] {
  const { random, person, station, referenceDate, node } = ctx;
  const refYear = Number(referenceDate.slice(0, 4));
  if (refYear - birthYear < 18) return [];
  const conditions = person.history.chronicConditions;
  const hypertensive = conditions?.hypertension === true;
  const diabetic = conditions?.diabetes === true;
  const exams = random.int(0, 3);
  const out: Encounter[] = [];
  for (let k = 1; k <= exams; k++) {
    const date = randomDateIn(random, refYear - k);
    if (date < person.createdAt.slice(0, 10)) continue;
    const heightCm = round1(normal(random, person.sex === 'male' ? 166 : 155, 12));
    const bmiTarget = normal(random, hypertensive || diabetic ? 24.5 : 21.5, 6);
    const weightKg = round1((bmiTarget * heightCm * heightCm) / 10000);
    const systolic = Math.round(normal(random, hypertensive ? 150 : 118, 24));
    const diastolic = Math.round(Math.min(systolic - 25, normal(random, hypertensive ? 92 : 75, 14)));
    const diagnoses = [
      ...(hypertensive
        ? [{ icd10: 'I10', name: 'Bệnh tăng huyết áp vô căn (nguyên phát)', primary: true }]
        : []),
      ...(diabetic
        ? [{ icd10: 'E11.9', name: 'Bệnh đái tháo đường típ 2 không có biến chứng', primary: !hypertensive }]
        : []),
    ];
    const signedAt = at(date, 10);
    const stamp = stampOf(signedAt, node);
    out.push({
      id: `${person.id}-e${k}`,
      orgUnitId: station.orgUnitId,
      createdAt: at(date, 9),
      updatedAt: signedAt,
      synthetic: true,
      stamps: Object.fromEntries(
        groupNames(encounterFieldGroups).map((g) => [g, stamp]),
      ) as Encounter['stamps'],
      personId: person.id,
      kind: 'periodic-exam',
      date,
      vitals: withBmi({
        pulse: Math.round(normal(random, 78, 20)),
        temperatureC: round1(normal(random, 36.8, 0.6)),
        systolic,
        diastolic,
        respiratoryRate: Math.round(normal(random, 18, 4)),
        weightKg,
        heightCm,
      }),
      generalExam: { skinMucosa: 'Da, niêm mạc hồng' },
      organSystems: {
        cardiovascular: hypertensive ? 'Tim đều, T1 T2 rõ' : 'Bình thường',
        respiratory: 'Phổi thông khí tốt',
      },
      diagnoses,
      advice: hypertensive
        ? 'Ăn nhạt, tập thể dục đều đặn, uống thuốc đều, tái khám sau 1 tháng.'
        : 'Duy trì lối sống lành mạnh, khám định kỳ hằng năm.',
      signer: signerFor(station),
      status: 'signed',
      signedAt,
      source: { kind: 'station', facilityCode: station.facilityCode },
    });
  }
  return out;
}

/**
 * Routine child immunisations (TCMR, QĐ 831 part C) given on time or a little late, for children under 6 whose date
 * of birth is known to the day; about 8 % of series stop early so due-dose worklists have something to show.
 */
export function syntheticImmunizations(ctx: RecordContext): Immunization[] {
  const { random, person, station, referenceDate, node } = ctx;
  const dob = person.dateOfBirth;
  if (dob.length !== 10 || Number(referenceDate.slice(0, 4)) - Number(dob.slice(0, 4)) > 6) return [];
  const out: Immunization[] = [];
  for (const vaccine of tcmrSchedule.filter((v) => v.population === 'child')) {
    for (const rule of vaccine.doseRules) {
      if (rule.recommendedAgeDays === undefined || !random.chance(0.92)) break;
      const date = addDays(dob, rule.recommendedAgeDays + random.int(0, 20));
      if (date >= referenceDate) break;
      const recordedAt = at(date, 9);
      const stamp = stampOf(recordedAt, node);
      out.push({
        id: `${person.id}-i-${vaccine.code.toLowerCase()}-${rule.dose}`,
        orgUnitId: station.orgUnitId,
        createdAt: recordedAt,
        updatedAt: recordedAt,
        synthetic: true,
        stamps: Object.fromEntries(
          groupNames(immunizationFieldGroups).map((g) => [g, stamp]),
        ) as Immunization['stamps'],
        personId: person.id,
        vaccineCode: vaccine.code,
        dose: rule.dose,
        date,
        facility: station.facilityCode,
        lot: `L${random.digits(6)}`,
        source: { kind: 'station', facilityCode: station.facilityCode },
        status: 'recorded',
      });
    }
  }
  return out;
}
