import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { build } from 'esbuild';
import { stationAppConfig, type StationAppConfig } from '#electron/main/app/station-app-config.ts';

/**
 * Native modules the core loads at run time, kept out of the bundle: better-sqlite3-multiple-ciphers (copied as
 * sources, rebuilt for Electron in `beforePack`) and @node-rs/argon2 (N-API, so its prebuilt package for the build
 * machine's platform works in Electron as is: build each platform on its own OS).
 */
const NATIVE_EXTERNALS = ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'] as const;
const COPIED_PACKAGES = [
  'better-sqlite3-multiple-ciphers',
  'bindings',
  'file-uri-to-path',
  '@node-rs/argon2',
];

/** ESM bundles may still meet `require` inside bundled CommonJS dependencies. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __hsskCreateRequire } from 'node:module'; const require = __hsskCreateRequire(import.meta.url);";

export type BundledApp = {
  readonly outDir: string;
  readonly files: readonly string[];
};

/**
 * Builds the folder electron-builder packs (`directories.app` = out/app): the main process (`main.mjs`), the preload
 * as one CommonJS file (`preload.cjs`: a sandboxed preload cannot load local modules), the station core's utility
 * process (`station-core.mjs`), the built renderer, `station-config.json` and a package.json naming only the native
 * module, whose sources are copied for `beforePack` to rebuild. Runs here and on the release machine; only packing
 * needs the Electron binary.
 */
export async function bundleApp(options: {
  repoRoot: string;
  outDir: string;
  version: string;
  config: StationAppConfig;
  rendererDir?: string;
}): Promise<BundledApp> {
  const config = stationAppConfig.parse(options.config);
  const { repoRoot, outDir } = options;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    sourcemap: false,
    logLevel: 'silent' as const,
    legalComments: 'none' as const,
  };
  await build({
    ...common,
    entryPoints: [join(repoRoot, 'electron/main/main.ts')],
    outfile: join(outDir, 'main.mjs'),
    format: 'esm',
    external: ['electron'],
    banner: { js: ESM_REQUIRE_BANNER },
  });
  await build({
    ...common,
    entryPoints: [join(repoRoot, 'electron/main/preload/station-preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
  await build({
    ...common,
    entryPoints: [join(repoRoot, 'electron/main/core-process/station-core-process.ts')],
    outfile: join(outDir, 'station-core.mjs'),
    format: 'esm',
    external: [...NATIVE_EXTERNALS],
    banner: { js: ESM_REQUIRE_BANNER },
  });
  await cp(options.rendererDir ?? join(repoRoot, 'renderer/dist'), join(outDir, 'renderer'), {
    recursive: true,
  });
  await writeFile(join(outDir, 'station-config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const versionOf = async (name: string) =>
    (
      JSON.parse(await readFile(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const platformPackages = (await readdir(join(repoRoot, 'node_modules/@node-rs')))
    .filter((name) => name.startsWith('argon2-'))
    .map((name) => `@node-rs/${name}`);
  const dependencies: Record<string, string> = {};
  for (const name of [...NATIVE_EXTERNALS, ...platformPackages]) dependencies[name] = await versionOf(name);
  await writeFile(
    join(outDir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'hssk-tram',
        productName: 'HSSK Trạm Y tế',
        version: options.version,
        description: 'Hồ sơ sức khỏe điện tử Hà Nội — phần mềm trạm y tế',
        author: { name: 'Sở Y tế Hà Nội', email: 'cntt@soyte.hanoi.gov.vn' },
        main: 'main.mjs',
        type: 'module',
        dependencies,
      },
      null,
      2,
    )}\n`,
  );
  for (const name of [...COPIED_PACKAGES, ...platformPackages]) {
    const from = join(repoRoot, 'node_modules', name);
    // The local build is a Node build (see native-abi.ts): never ship it; beforePack compiles for Electron.
    await cp(from, join(outDir, 'node_modules', name), {
      recursive: true,
      filter: (source) =>
        !source.startsWith(`${join(from, 'build')}${sep}`) && source !== join(from, 'build'),
    });
  }
  // At run time the module needs only `bindings`; `prebuild-install` (and the install script running it) would fetch
  // a prebuilt binary from GitHub. Without them the rebuild in `beforePack` compiles from the copied sources.
  const sqlitePackage = join(outDir, 'node_modules', NATIVE_EXTERNALS[0], 'package.json');
  const sqliteMeta = JSON.parse(await readFile(sqlitePackage, 'utf8')) as {
    dependencies?: Record<string, string>;
    scripts?: Record<string, string>;
  };
  const { install: _install, ...scripts } = sqliteMeta.scripts ?? {};
  const { ['prebuild-install']: _prebuild, ...runtimeDependencies } = sqliteMeta.dependencies ?? {};
  await writeFile(
    sqlitePackage,
    `${JSON.stringify({ ...sqliteMeta, scripts, dependencies: runtimeDependencies }, null, 2)}\n`,
  );
  return {
    outDir,
    files: ['main.mjs', 'preload.cjs', 'station-core.mjs', 'renderer', 'station-config.json', 'package.json'],
  };
}
