/**
 * `npm run bench`: runs every benchmark in build/bench/*.bench.ts one after another, each in its own process so
 * one cannot warm or pollute another, and prints their figures. Exits non-zero if a benchmark fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = join(root, 'build', 'bench');
const benches = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(benchDir, file)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.stdout.write(`\n${benches.length} benchmark file(s) run, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
