import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs the *.test.ts files that sit next to their code; `integration` runs tests/
// (crossing process boundaries: real PostgreSQL, real browser, real encrypted SQLite).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{shared,sync-server,electron,renderer,build}/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
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
          fileParallelism: false,
          // Stops the run at once, with the command to run, on a machine without the browser the tests drive.
          globalSetup: ['tests/support/browser-global-setup.ts'],
        },
      },
    ],
  },
});
