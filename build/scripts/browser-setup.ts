import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where the browser tests look for Debian's Chromium (`CHROMIUM_PATH` overrides it). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** What `npm test` knows about the machine before deciding how to get a browser. */
export type BrowserMachine = {
  /** The Chromium the browser tests will launch. */
  readonly chromiumPath: string;
  /** Whether `CHROMIUM_PATH` named it (then nothing is installed: the person chose that browser). */
  readonly pathChosen: boolean;
  readonly chromiumPresent: boolean;
  readonly aptGetPresent: boolean;
  /** Running as root: `apt-get install` can run without asking for a password. */
  readonly root: boolean;
};

/** What to do: run the tests, install Debian's Chromium first, or stop at once with one line saying what to run. */
export type BrowserPlan =
  | { readonly kind: 'ready' }
  | { readonly kind: 'install'; readonly commands: readonly (readonly string[])[] }
  | { readonly kind: 'stop'; readonly line: string };

const INSTALL_HINT = 'sudo apt-get update && sudo apt-get install -y chromium';

/**
 * The decision `npm test` takes before anything else runs, so that no browser test file is ever skipped or failed
 * for a missing browser: present → ready; missing at the default path with `apt-get` usable (root) → install it;
 * otherwise stop with the one line that says exactly what to run.
 */
export function planBrowserSetup(machine: BrowserMachine): BrowserPlan {
  if (machine.chromiumPresent) return { kind: 'ready' };
  if (machine.pathChosen) {
    return {
      kind: 'stop',
      line: `npm test: CHROMIUM_PATH=${machine.chromiumPath} is not an executable Chromium; point it at one, or unset it and run: ${INSTALL_HINT}`,
    };
  }
  if (machine.aptGetPresent && machine.root) {
    return {
      kind: 'install',
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium'],
      ],
    };
  }
  return {
    kind: 'stop',
    line: `npm test: the browser tests need Debian's Chromium at ${machine.chromiumPath}; run: ${INSTALL_HINT} (or set CHROMIUM_PATH), then npm test again`,
  };
}

/** Reads the machine facts `planBrowserSetup` decides on from the environment and the file system. */
export function browserMachine(env: NodeJS.ProcessEnv = process.env): BrowserMachine {
  const chosen = env['CHROMIUM_PATH'];
  const chromiumPath = chosen !== undefined && chosen !== '' ? chosen : DEFAULT_CHROMIUM_PATH;
  return {
    chromiumPath,
    pathChosen: chromiumPath !== DEFAULT_CHROMIUM_PATH,
    chromiumPresent: isExecutable(chromiumPath),
    aptGetPresent: (env['PATH'] ?? '')
      .split(delimiter)
      .some((dir) => dir !== '' && isExecutable(join(dir, 'apt-get'))),
    root: process.getuid?.() === 0,
  };
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
