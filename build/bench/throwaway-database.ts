import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '#sync-server/src/db/database.ts';

/** The PostgreSQL server benchmarks create their databases on (DATABASE_URL, default the local trust-auth server). */
export const benchAdminUrl = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, migrated PostgreSQL database for one benchmark run; `close()` closes it and drops it again, so runs never
 * see each other's data.
 */
export async function openThrowawayDatabase(): Promise<DatabaseHandle & { readonly url: string }> {
  const name = `hssk_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: benchAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(benchAdminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: benchAdminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
