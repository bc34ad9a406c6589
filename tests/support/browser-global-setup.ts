import { browserMachine, planBrowserSetup } from '#build/scripts/browser-setup.ts';

/**
 * Vitest global set-up of the integration project: without the browser the tests need, the run stops before the
 * first file with the one line `npm test` would print, instead of failing the browser files minutes later.
 * (`npm test` itself installs Chromium first where it can; this covers `npm run test:integration` run alone.)
 */
export function setup(): void {
  const plan = planBrowserSetup(browserMachine());
  if (plan.kind === 'ready') return;
  const line =
    plan.kind === 'stop'
      ? plan.line
      : 'npm test: Chromium is missing; run npm test (it installs Debian’s Chromium) or: sudo apt-get install -y chromium';
  throw new Error(line);
}
