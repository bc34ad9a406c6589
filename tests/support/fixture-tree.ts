import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './repo-root.ts';

/**
 * A throwaway copy of the repository's layout with the given files, the repository's configuration files and a
 * link to its node_modules, so a check (tsc, dependency-cruiser) can be run on deliberately broken code without
 * touching the working tree.
 */
export function createFixtureTree(files: Readonly<Record<string, string>>, configFiles: readonly string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-fixture-'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  for (const config of configFiles) {
    mkdirSync(dirname(join(dir, config)), { recursive: true });
    copyFileSync(join(repoRoot, config), join(dir, config));
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
