/**
 * `npm run bench:icd10`: the diagnosis picker's search over the full Vietnamese ICD-10 list, one query per keystroke
 * (every prefix of what staff type), against the floor of a plain scan that tests every valid name with
 * `matchesSearchQuery`, measured in the same run. Prints p50/p95/p99 per keystroke; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { createIcd10Search } from '#shared/clinical/icd10-search.ts';
import { icd10FullRows } from '#shared/reference-data/icd10-full.generated.ts';
import { icd10Entries } from '#shared/reference-data/icd10-list.ts';
import { icd10Common } from '#shared/reference-data/icd10.generated.ts';
import { isValidOn } from '#shared/reference-data/reference-types.ts';
import { matchesSearchQuery, searchKey } from '#shared/text/search-keys.ts';

const onDate = '2026-12-07';
const typed = [
  'tăng huyết áp',
  'THA',
  'đái tháo đường típ 2',
  'tieu duong',
  'ĐTĐ',
  'Z00',
  'khám sức khỏe',
  'viêm họng cấp',
  'viem phe quan',
  'E11.9',
  'j18',
  'gãy xương đùi',
  'nhiem trung duong tiet nieu',
  'đau lưng',
  'rối loạn lipid máu',
  'sot xuat huyet',
  'thoái hóa khớp gối',
  'ho',
  'cúm',
  'tai bien mach mau nao',
  'viêm dạ dày',
  'suy dinh duong',
  'trầm cảm',
  'i10',
  'covid',
];
// Every prefix of each typed text, one per keystroke (the texts are NFC, one code unit per letter).
const keystrokes = typed.flatMap((text) =>
  Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1)),
);

const built = performance.now();
const entries = icd10Entries(icd10FullRows);
const search = createIcd10Search(entries, onDate, { preferred: new Set(icd10Common.map((e) => e.code)) });
const buildMs = performance.now() - built;
const valid = entries.filter((entry) => isValidOn(entry, onDate)).map((entry) => searchKey(entry.name));

function percentiles(name: string, run: (query: string) => unknown, rounds: number) {
  for (const query of keystrokes) run(query); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of keystrokes) {
      const t = performance.now();
      run(query);
      samples.push(performance.now() - t);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { name, count: samples.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

const picker = percentiles('picker search (index, synonyms)', (query) => search(query), 5);
const floor = percentiles(
  'floor: scan every name',
  (query) => valid.filter((key) => matchesSearchQuery(query, key)),
  2,
);
const say = (line: string) => process.stdout.write(`${line}\n`);
say(
  `ICD-10 search, ${valid.length.toLocaleString('vi-VN')} codes valid on ${onDate} (${entries.length} rows), index built in ${buildMs.toFixed(0)} ms`,
);
say(
  `${'per keystroke'.padEnd(34)} ${'queries'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
);
for (const row of [picker, floor]) {
  say(
    `${row.name.padEnd(34)} ${String(row.count).padStart(8)} ${row.p50.toFixed(2).padStart(8)} ${row.p95.toFixed(2).padStart(8)} ${row.p99.toFixed(2).padStart(8)} ${row.max.toFixed(2).padStart(8)}`,
  );
}
say(`p95 ratio floor/picker: ${(floor.p95 / picker.p95).toFixed(1)}× (target: p95 under 10 ms)`);
