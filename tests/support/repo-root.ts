import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (tests run from anywhere). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of an executable installed in node_modules/.bin. */
export function bin(name: string): string {
  return join(repoRoot, 'node_modules', '.bin', name);
}
