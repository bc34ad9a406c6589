/**
 * `npm run bench:kernel`: throughput of the shared kernel's hot paths on this machine — what a station does per
 * keystroke and per save, and what the server does per pushed document. Prints figures and ratios; asserts nothing.
 */
import type { RxJsonSchema } from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-ajv';
import { formatHealthId, parseHealthId } from '#shared/identifiers/health-id.ts';
import { parsePersonalId } from '#shared/identifiers/personal-id.ts';
import { serializeHlc } from '#shared/clock/hlc.ts';
import { mergePerson } from '#shared/merge/merge-person.ts';
import type { Person } from '#shared/schemas/person.ts';
import { personSchema } from '#shared/schemas/person-schema.ts';
import { validatePerson } from '#shared/schemas/person.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import { DEMO_COMMUNE_CODE, syntheticStationFor } from '#shared/synthetic/synthetic-station.ts';
import { matchesSearchQuery, nameSearchKey, searchKey } from '#shared/text/search-keys.ts';
import { personSortKey } from '#shared/text/vietnamese-collation.ts';
import { measure, printTable, type Measurement } from './measure.ts';

const station = syntheticStationFor(DEMO_COMMUNE_CODE);
if (!station) throw new Error('demo station missing');
const referenceDate = '2026-11-26';

const generated = measure(
  'generate synthetic residents (with records)',
  1,
  () => {
    let n = 0;
    for (const resident of generateSyntheticPopulation({
      seed: 3,
      size: 20_000,
      referenceDate,
      stations: [station],
    }))
      n += resident.person.synthetic ? 1 : 0;
    if (n !== 20_000) throw new Error('short population');
  },
  0,
);
const residentsPerSecond = 20_000 / generated.seconds;
const people = [
  ...generateSyntheticPopulation({ seed: 4, size: 5_000, referenceDate, stations: [station] }),
].map((r) => r.person);
const pick = (i: number) => people[i % people.length] ?? people[0];

/** A concurrent edit pair on different field groups: the station changes the phone, the server the address. */
function concurrentEdits(base: Person): [Person, Person] {
  const later = (minutes: number, node: string) =>
    serializeHlc({ wallMs: Date.parse(base.updatedAt) + minutes * 60_000, counter: 0, node });
  const ours: Person = {
    ...base,
    phones: ['0912345678'],
    stamps: { ...base.stamps, contact: later(5, 'station') },
  };
  const theirs: Person = {
    ...base,
    currentAddress: { ...base.currentAddress, detail: 'Số 1 phố Tràng Tiền' },
    stamps: { ...base.stamps, addresses: later(3, 'server') },
  };
  return [ours, theirs];
}
const edits = people.slice(0, 1000).map(concurrentEdits);

const ajvValidate = getValidator(personSchema as RxJsonSchema<unknown>);
const rows: Measurement[] = [
  measure('searchKey(full name)', 50_000, (i) => searchKey(pick(i)?.fullName ?? '')),
  measure('nameSearchKey(full name)', 50_000, (i) => nameSearchKey(pick(i)?.fullName ?? '')),
  measure('personSortKey(name parts)', 50_000, (i) => {
    const p = pick(i);
    if (p) personSortKey(p);
  }),
  measure('matchesSearchQuery("ng th h", key)', 200_000, (i) =>
    matchesSearchQuery('ng th h', pick(i)?.searchName ?? ''),
  ),
  measure('parsePersonalId with DOB/sex cross-check', 50_000, (i) => {
    const p = pick(i);
    if (p?.personalId) parsePersonalId(p.personalId, { dateOfBirth: p.dateOfBirth, sex: p.sex });
  }),
  measure('formatHealthId + parseHealthId', 100_000, (i) => parseHealthId(formatHealthId(i))),
  measure('validatePerson (zod, boundary check)', 10_000, (i) => validatePerson(pick(i))),
  measure('mergePerson (concurrent edits, 2 groups)', 10_000, (i) => {
    const base = people[i % edits.length];
    const pair = edits[i % edits.length];
    if (base && pair) mergePerson(base, pair[0], pair[1]);
  }),
  measure('RxDB JSON schema check (ajv)', 10_000, (i) => {
    ajvValidate(pick(i));
  }),
];
printTable('Shared kernel, single core', rows);
const zod = rows.find((r) => r.name.startsWith('validatePerson'));
const ajv = rows.find((r) => r.name.startsWith('RxDB JSON'));
process.stdout.write(
  `\nsynthetic generation: ${Math.round(residentsPerSecond).toLocaleString('en-US')} residents/s (20,000 residents in ${generated.seconds.toFixed(2)} s)\n`,
);
if (zod && ajv) {
  process.stdout.write(
    `ratio ajv/zod person validation: ${(ajv.opsPerSecond / zod.opsPerSecond).toFixed(2)}× (zod also NFC-normalises and parses identifiers)\n`,
  );
}
