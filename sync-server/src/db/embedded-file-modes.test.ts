import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

/** Every entry under `dir` with its permission bits, directories marked with a trailing `/`. */
async function modesUnder(dir: string): Promise<Map<string, number>> {
  const modes = new Map<string, number>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) continue;
    modes.set(entry.isDirectory() ? `${path}/` : path, (await stat(path)).mode & 0o777);
  }
  return modes;
}

describe('the embedded PGlite database on disk', () => {
  let parent: string | undefined;
  afterEach(async () => {
    if (parent !== undefined) await rm(parent, { recursive: true, force: true });
  });

  it('keeps its folder 0700 and every file 0600, also after writes and a restart', async () => {
    parent = await mkdtemp(join(tmpdir(), 'hssk-pglite-modes-'));
    const dir = join(parent, 'data', 'pglite');
    const first = await openDatabase({ pgliteDir: dir });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    await first.db.execute(sql`create table probe (id int primary key, note text)`);
    await first.db.execute(sql`insert into probe select g, repeat('x', 200) from generate_series(1, 2000) g`);
    await first.close();
    const second = await openDatabase({ pgliteDir: dir });
    await second.db.execute(sql`insert into probe values (2001, 'y')`);
    await second.close();

    const modes = await modesUnder(dir);
    expect(modes.size).toBeGreaterThan(100);
    const loose = [...modes].filter(([path, mode]) => mode !== (path.endsWith('/') ? 0o700 : 0o600));
    expect(loose.map(([path, mode]) => `${mode.toString(8)} ${path.slice(dir.length)}`)).toEqual([]);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(parent, 'data'))).mode & 0o777).toBe(0o700);
  }, 120_000);
});
