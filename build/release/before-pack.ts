import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rebuild } from '@electron/rebuild';
import type { AfterPackContext } from 'electron-builder';
import { checkNativeModuleAbi } from './native-abi.ts';

/** electron-builder passes `beforePack` the same context as `afterPack` (it exports only the latter's name). */
type BeforePackContext = AfterPackContext;

/** The native modules the packaged app loads (the station core's encrypted SQLite). */
export const NATIVE_MODULES = ['better-sqlite3-multiple-ciphers'] as const;

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'] as const;

async function nodeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.node')).map((e) => join(e.parentPath, e.name));
}

/**
 * electron-builder's `beforePack` (release machine only, needs internet for Electron's headers): rebuilds the native
 * modules in the bundled app folder for the target Electron and architecture, then refuses to continue unless every
 * `.node` file exports Electron's ABI (see `checkNativeModuleAbi`). `npm_config_nodedir` is cleared first so node-gyp
 * cannot fall back to the local Node headers.
 */
export async function beforePack(context: BeforePackContext): Promise<void> {
  const appDir = context.packager.info.appDir;
  const electronVersion = context.packager.config.electronVersion;
  if (electronVersion == null)
    throw new Error('electronVersion must be set in the electron-builder configuration');
  const abi = (
    await readFile(join(context.packager.info.projectDir, 'node_modules/electron/abi_version'), 'utf8')
  ).trim();
  delete process.env['npm_config_nodedir'];
  delete process.env['NPM_CONFIG_NODEDIR'];
  await rebuild({
    buildPath: appDir,
    electronVersion,
    arch: ARCH_NAMES[context.arch],
    onlyModules: [...NATIVE_MODULES],
    force: true,
    mode: 'sequential',
  });
  for (const module of NATIVE_MODULES) {
    const files = await nodeFiles(join(appDir, 'node_modules', module));
    if (files.length === 0) throw new Error(`${module}: no compiled .node file after the Electron rebuild`);
    for (const file of files) {
      const result = await checkNativeModuleAbi(file, abi);
      if (!result.ok) {
        throw new Error(
          `${file} exports ABI ${result.found.join(', ') || 'none'}, Electron ${electronVersion} needs ${abi}: the rebuild compiled for Node. Unset nodedir and rebuild.`,
        );
      }
    }
  }
}
