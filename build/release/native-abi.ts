import { readFile } from 'node:fs/promises';

/**
 * Checks that a compiled native module (better-sqlite3 is not N-API) was built for `abi`: its binary exports
 * `node_register_module_v<abi>`. This is the guard against the silent trap named in the Electron notes: with `nodedir` set in
 * npm's config, an "Electron rebuild" compiles against Node's headers, prints success, and ships a module that crashes
 * Electron at start. Returns the ABIs found when they do not match.
 */
export async function checkNativeModuleAbi(
  path: string,
  abi: string,
): Promise<{ ok: true } | { ok: false; found: string[] }> {
  const text = (await readFile(path)).toString('latin1');
  const found = [...new Set([...text.matchAll(/node_register_module_v(\d+)/g)].map((m) => m[1] ?? ''))];
  return found.length === 1 && found[0] === abi ? { ok: true } : { ok: false, found };
}
