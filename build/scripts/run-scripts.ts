import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * `tsx build/scripts/run-scripts.ts a b c`: runs the npm scripts a, b and c side by side, as many at once as the
 * machine has cores, starting them in the order given (list the longest first). Each script's output is printed in
 * one piece when it ends, under its name. Exits 1 when any script failed, after all of them ended.
 */
const scripts = process.argv.slice(2);
const npmCli = process.env['npm_execpath'];

type Outcome = { readonly name: string; readonly ok: boolean };

function runScript(name: string): Promise<Outcome> {
  const started = Date.now();
  const [command, args] =
    npmCli === undefined ? ['npm', ['run', name]] : [process.execPath, [npmCli, 'run', name]];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on('error', (error) => {
      output += `${error.message}\n`;
    });
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      const verdict = code === 0 ? 'passed' : `FAILED (exit ${String(code)})`;
      process.stdout.write(`\n── npm run ${name}: ${verdict} in ${String(seconds)} s\n${output}`);
      resolve({ name, ok: code === 0 });
    });
  });
}

const queue = [...scripts];
const outcomes: Outcome[] = [];
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift())
      outcomes.push(await runScript(next));
  }),
);
const failed = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.name);
if (failed.length > 0) {
  process.stderr.write(`\nfailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
