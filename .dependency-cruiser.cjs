/**
 * Dependency rules of DESIGN.md §3, checked by `npm run deps:check` (part of `npm run check`).
 * Runtimes: shared (pure TS for all three), renderer (browser), electron (main glue + station core),
 * sync-server (central Node). A runtime imports shared/ and itself, never another runtime; nothing imports tests/.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-nothing-local',
      comment: 'shared/ is pure TypeScript for every runtime: it imports no other project folder.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(renderer|electron|sync-server|build|tests)/' },
    },
    {
      name: 'shared-imports-no-node-builtins',
      comment: 'shared/ runs in the browser too: no Node built-ins.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-imports-only-shared',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron|sync-server|build|tests)/' },
    },
    {
      name: 'renderer-imports-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'electron-imports-only-shared',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^(renderer|sync-server|build|tests)/' },
    },
    {
      name: 'station-core-never-imports-electron',
      comment: 'The station core runs in plain Node (tests, npm start); only electron/main touches Electron.',
      severity: 'error',
      from: { path: '^(electron/station|shared|sync-server|renderer)/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'sync-server-imports-only-shared',
      severity: 'error',
      from: { path: '^sync-server/' },
      to: { path: '^(renderer|electron|build|tests)/' },
    },
    {
      name: 'nothing-imports-tests',
      severity: 'error',
      from: { pathNot: '^tests/' },
      to: { path: '^tests/' },
    },
    {
      name: 'test-support-only-in-tests',
      comment:
        'Generators and fixtures (*.test-support.ts, fast-check, vitest) are for tests, never for shipped code.',
      severity: 'error',
      from: { path: '^(shared|renderer|electron|sync-server)/', pathNot: '\\.test(-support)?\\.tsx?$' },
      to: { path: '\\.test-support\\.ts$|node_modules/(fast-check|vitest|@vitest)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|out|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
    },
  },
};
