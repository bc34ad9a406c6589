import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { openPgliteFromTemplate } from './pglite-template.test-support.ts';

/**
 * The database backends server tests run against: embedded PGlite always, and real PostgreSQL when `DATABASE_URL`
 * is set (as in CI). Each `open()` gives a fresh, migrated, empty database that `close()` removes again.
 */
export type TestBackend = { readonly name: 'pglite' | 'postgres'; open(): Promise<DatabaseHandle> };

const pglite: TestBackend = { name: 'pglite', open: openPgliteFromTemplate };

function postgres(adminUrl: string): TestBackend {
  return {
    name: 'postgres',
    async open() {
      const name = `hssk_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ databaseUrl: url.toString() });
      return {
        ...handle,
        async close() {
          await handle.close();
          const dropper = new pg.Client({ connectionString: adminUrl });
          await dropper.connect();
          await dropper.query(`drop database if exists ${name} with (force)`);
          await dropper.end();
        },
      };
    },
  };
}

const databaseUrl = process.env['DATABASE_URL'];
export const testBackends: readonly TestBackend[] =
  databaseUrl === undefined || databaseUrl === '' ? [pglite] : [pglite, postgres(databaseUrl)];
