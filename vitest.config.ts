import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs the *.test.ts files that sit next to their code; `integration` runs tests/
// (crossing process boundaries: real PostgreSQL, real browser, real encrypted SQLite).
export default defineConfig({
  test: {
    // One test file per core. Vitest's default keeps a core for its main process, which mostly waits while files
    // run: on a 2-core machine that would run one file at a time.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{shared,sync-server,electron,renderer,build}/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          // Files run side by side (one per core): a CPU-bound test that takes 2 s alone can take over 5 s then.
          testTimeout: 30_000,
          // Opening a migrated PGlite database in a beforeAll can take over 10 s on a loaded 2-core machine.
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Files run side by side: each opens its own databases, temporary folders, ports and browser; the one
          // thing they share, the renderer build in renderer/dist, is built once per run (tests/support/renderer-build.ts).
          // Stops the run at once, with the command to run, on a machine without the browser the tests drive.
          globalSetup: ['tests/support/browser-global-setup.ts', 'tests/support/test-run-global-setup.ts'],
        },
      },
    ],
  },
});
