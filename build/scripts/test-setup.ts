import { spawnSync } from 'node:child_process';
import { browserMachine, isExecutable, planBrowserSetup } from './browser-setup.ts';

/**
 * `npm test`'s first step: makes sure the browser tests have their Chromium before the first test runs. Installs
 * Debian's Chromium where it is missing and `apt-get` can run, otherwise stops within seconds with one line naming
 * the command to run (exit code 1).
 */
const machine = browserMachine();
const plan = planBrowserSetup(machine);
if (plan.kind === 'stop') {
  process.stderr.write(`${plan.line}\n`);
  process.exit(1);
}
if (plan.kind === 'install') {
  process.stdout.write(
    `npm test: installing Debian's Chromium for the browser tests (apt-get install chromium)…\n`,
  );
  for (const [command, ...args] of plan.commands) {
    const run = spawnSync(command ?? 'apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (run.status !== 0) {
      process.stderr.write(
        `npm test: \`${[command, ...args].join(' ')}\` failed (exit ${run.status ?? run.signal}); install Chromium yourself (sudo apt-get install -y chromium), then npm test again\n`,
      );
      process.exit(1);
    }
  }
  if (!isExecutable(machine.chromiumPath)) {
    process.stderr.write(
      `npm test: apt-get installed chromium but ${machine.chromiumPath} is still missing; set CHROMIUM_PATH to the Chromium binary, then npm test again\n`,
    );
    process.exit(1);
  }
}
