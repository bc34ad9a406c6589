import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS_FOLDER, type DatabaseHandle } from '../db/database.ts';

/**
 * A fresh in-memory PGlite database, migrated, as `openDatabase({})` opens one: but loaded from a copy of a database
 * created and migrated once, since creating a PGlite database (initdb) and migrating it costs seconds and loading the
 * copy a fraction of that. The copy is a tarball of the data folder kept under the system's temporary folder, named by
 * a hash of every migration file and PGlite's version, so a new or edited migration or another PGlite makes a new one.
 * Migrations still run on every database opened (a no-op on an up-to-date copy).
 */
export async function openPgliteFromTemplate(): Promise<DatabaseHandle> {
  const client = await PGlite.create({ loadDataDir: await template() });
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    driver: 'pglite',
    async ping() {
      try {
        await db.execute(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    },
    close: () => client.close(),
  };
}

const TEMPLATE_DIR = join(tmpdir(), 'hssk-test-templates');
const PGLITE_PACKAGE_JSON = fileURLToPath(
  new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url),
);

/** One per test file (each runs in its own process): read from disk, or created and saved there by the first. */
let loaded: Promise<Blob> | undefined;
function template(): Promise<Blob> {
  loaded ??= loadOrCreateTemplate();
  return loaded;
}

async function loadOrCreateTemplate(): Promise<Blob> {
  const file = join(TEMPLATE_DIR, `pglite-${await templateKey()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const client = new PGlite();
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
  const dump = await client.dumpDataDir('none');
  await client.close();
  // Written aside, then renamed: test files starting together never read half a file.
  await mkdir(TEMPLATE_DIR, { recursive: true });
  const partial = `${file}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return dump;
}

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(PGLITE_PACKAGE_JSON));
  const entries = await readdir(MIGRATIONS_FOLDER, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const path of files) {
    hash.update(`${relative(MIGRATIONS_FOLDER, path)}\0`);
    hash.update(await readFile(path));
  }
  return hash.digest('hex').slice(0, 16);
}
