/**
 * `npm start`: runs what the system has today on its embedded defaults, and says plainly what it does not have yet.
 * Today: the sync server on embedded PGlite (data in .data/sync-server, demo keys generated there), and a summary of
 * the demo station's synthetic residents. The station core (issue 4) and station app (issue 5) join here when they
 * exist. Ctrl+C stops everything.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { immunizationsDue } from '../../shared/clinical/immunization-due.ts';
import { hanoiOrgUnits } from '../../shared/org-units/hanoi-org-units.ts';
import { createOrgUnitTree } from '../../shared/org-units/org-unit-tree.ts';
import { tcmrSchedule } from '../../shared/reference-data/vaccine-schedule.ts';
import { generateSyntheticPopulation } from '../../shared/synthetic/synthetic-population.ts';
import {
  DEMO_COMMUNE_CODE,
  DEMO_STATION_ID,
  syntheticStationFor,
} from '../../shared/synthetic/synthetic-station.ts';

const say = (line = '') => process.stdout.write(`${line}\n`);
const today = new Date().toISOString().slice(0, 10);

const tree = createOrgUnitTree(hanoiOrgUnits());
if (!tree.ok) {
  process.stderr.write(`Shipped org units are invalid: ${tree.errors.map((e) => e.message).join('; ')}\n`);
  process.exit(1);
}
const station = syntheticStationFor(DEMO_COMMUNE_CODE);
const stationUnit = tree.value.get(DEMO_STATION_ID);
if (!station || !stationUnit) {
  process.stderr.write(`Demo station ${DEMO_STATION_ID} is missing from the shipped org units.\n`);
  process.exit(1);
}

say('HSSK Hà Nội — hồ sơ sức khỏe điện tử');
say();
say('Not built yet: station core with the encrypted replica (issue 4), station app (issue 5),');
say('  Electron shell (issue 6), admin console (issue 7). The sync server (issue 3) is starting below.');
say('Shared domain kernel:');
say(
  `  org units: ${tree.value.units.length} (${tree.value.stationsUnder('so-y-te-ha-noi').length} commune stations of the 2025 scheme; centre assignment illustrative)`,
);
say(
  `  demo station: ${stationUnit.name} (${stationUnit.id}, facility code ${station.facilityCode}, illustrative)`,
);

const population = [
  ...generateSyntheticPopulation({ seed: 1, size: 100, referenceDate: today, stations: [station] }),
];
const households = new Set(population.map((r) => r.person.household?.id)).size;
const exams = population.reduce((n, r) => n + r.encounters.length, 0);
const doses = population.reduce((n, r) => n + r.immunizations.length, 0);
let dueOrOverdue = 0;
for (const r of population) {
  if (r.person.dateOfBirth.length !== 10 || r.immunizations.length === 0) continue;
  const due = immunizationsDue({
    dateOfBirth: r.person.dateOfBirth,
    givenDoses: r.immunizations,
    onDate: today,
    schedule: tcmrSchedule,
  });
  if (due.ok) dueOrOverdue += due.value.filter((d) => d.status !== 'upcoming').length;
}
say();
say(`SYNTHETIC residents (DỮ LIỆU GIẢ LẬP — not real people), seed 1, as of ${today}:`);
say(
  `  ${population.length} residents in ${households} households, ${exams} signed exams, ${doses} vaccine doses,`,
);
say(`  ${dueOrOverdue} vaccine doses due or overdue today`);
for (const { person } of population.slice(0, 5)) {
  say(
    `  ${person.healthId}  ${person.fullName.padEnd(28)} ${person.dateOfBirth.padEnd(10)}  ${person.household?.relationToHead ?? ''}`,
  );
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = process.env['HSSK_DATA_DIR'] ?? join(root, '.data', 'sync-server');
say();
say(
  `Starting the sync server on embedded PGlite (data in ${dataDir}); it prints its address when it listens.`,
);
say('OpenAPI: /openapi.json · health: /health/ready · metrics: /metrics');
say();
const server = spawn(
  join(root, 'node_modules', '.bin', 'tsx'),
  [join(root, 'sync-server', 'src', 'main.ts')],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, HSSK_DATA_DIR: dataDir },
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.kill(signal);
  });
}
server.on('exit', (code) => {
  process.exitCode = code ?? 1;
});
