import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { repoRoot } from './repo-root.ts';
import { run } from './run.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A new id for every run of the integration project (see test-run-global-setup.ts). */
    testRunId: string;
  }
}

const CACHE = join(repoRoot, 'node_modules', '.cache');
/** Names the test run whose build `renderer/dist` holds (outside it: a release copies the folder as it is). */
const BUILT_FOR_RUN = join(CACHE, 'hssk-renderer-built-for-test-run');
/** Held (created exclusively) by the one test file building, so files running in parallel never build at once. */
const BUILD_LOCK = join(CACHE, 'hssk-renderer-build.lock');
/** A lock older than this was left by a killed run: a build takes seconds. */
const STALE_LOCK_MS = 180_000;

/**
 * `npm run build:renderer`, as a release would run it: in its own process with NODE_ENV=production (inside the test
 * runner NODE_ENV is "test", which would mix React's development JSX runtime into a production build). Once per test
 * run: the first test file that needs the renderer builds it from the sources as they are, later files of the same run
 * (also ones running in parallel, which wait for it) use that build.
 */
export async function buildRendererOnce(): Promise<void> {
  const runId = inject('testRunId');
  for (;;) {
    if ((await builtForRun()) === runId) return;
    if (await takeLock()) {
      try {
        if ((await builtForRun()) !== runId) {
          buildRenderer();
          await writeFile(BUILT_FOR_RUN, runId);
        }
      } finally {
        await rm(BUILD_LOCK, { recursive: true, force: true });
      }
      return;
    }
    await sleep(200);
  }
}

function buildRenderer(): void {
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = run(
    process.execPath,
    [vite, 'build', '--config', join('renderer', 'vite', 'vite.config.ts'), '--logLevel', 'warn'],
    repoRoot,
    { ...process.env, NODE_ENV: 'production' },
  );
  if (built.status !== 0) throw new Error(`renderer build failed:\n${built.output}`);
}

async function builtForRun(): Promise<string | undefined> {
  return readFile(BUILT_FOR_RUN, 'utf8').catch(() => undefined);
}

/** True when this process now holds the lock (a folder: creating one is atomic); removes a stale one first. */
async function takeLock(): Promise<boolean> {
  const since = await stat(BUILD_LOCK).then(
    (s) => s.mtimeMs,
    () => undefined,
  );
  if (since !== undefined && Date.now() - since > STALE_LOCK_MS)
    await rm(BUILD_LOCK, { recursive: true, force: true });
  await mkdir(CACHE, { recursive: true });
  try {
    await mkdir(BUILD_LOCK);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}
