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
        },
      },
    ],
  },
});
