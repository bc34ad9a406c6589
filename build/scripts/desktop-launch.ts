import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNativeModuleAbi } from '../release/native-abi.ts';

/** Whether `npm start` can open the desktop app, or why the station app runs in a browser instead. */
export type DesktopPlan =
  | { readonly kind: 'desktop'; readonly electron: string }
  | { readonly kind: 'browser'; readonly reason: string };

/** What the plan looks at on this machine (injected in tests). */
export type DesktopProbe = {
  /** The Electron binary `npm install` downloaded, or undefined when it did not (as on the project's machines). */
  electronBinary(): string | undefined;
  /** The module ABI of that Electron (`node_modules/electron/abi_version`). */
  electronAbi(): string | undefined;
  /** Whether the station's native SQLite module is built for `abi`, with the ABIs found when not. */
  nativeModuleFor(abi: string): Promise<{ ok: true } | { ok: false; found: string[] }>;
};

/**
 * The desktop app opens only when it can really run: the Electron binary is installed AND better-sqlite3 is built
 * for Electron's ABI (an ordinary `npm install` builds it for Node, and an "Electron rebuild" with npm's `nodedir`
 * set silently builds for Node again — see notes/electron.md). Otherwise it says why, in one line, and `npm start`
 * runs the same station in a browser.
 */
export async function desktopPlan(probe: DesktopProbe): Promise<DesktopPlan> {
  const electron = probe.electronBinary();
  if (electron === undefined) {
    return {
      kind: 'browser',
      reason: 'Electron is not installed here (no binary): the station app runs in a browser (browser mode).',
    };
  }
  const abi = probe.electronAbi();
  if (abi === undefined)
    return { kind: 'browser', reason: 'Electron is installed but its ABI is unknown: browser mode.' };
  const native = await probe.nativeModuleFor(abi);
  if (!native.ok) {
    return {
      kind: 'browser',
      reason:
        `Electron is installed, but better-sqlite3 is built for ABI ${native.found.join(', ') || '?'}, not Electron's ${abi} ` +
        '(run `npx @electron/rebuild -f -w better-sqlite3-multiple-ciphers` without npm’s nodedir): browser mode.',
    };
  }
  return { kind: 'desktop', electron };
}

/** The real probe of this repository's node_modules. */
export function repositoryProbe(root: string): DesktopProbe {
  const electronDir = join(root, 'node_modules', 'electron');
  return {
    electronBinary() {
      const pathFile = join(electronDir, 'path.txt');
      if (!existsSync(pathFile)) return undefined;
      const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
      return existsSync(binary) ? binary : undefined;
    },
    electronAbi() {
      const file = join(electronDir, 'abi_version');
      return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
    },
    nativeModuleFor: (abi) =>
      checkNativeModuleAbi(
        join(
          root,
          'node_modules',
          'better-sqlite3-multiple-ciphers',
          'build',
          'Release',
          'better_sqlite3.node',
        ),
        abi,
      ),
  };
}
