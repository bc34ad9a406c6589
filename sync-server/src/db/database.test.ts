import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { rowsOf } from './sql-rows.ts';

const postgres = testBackends.find((b) => b.name === 'postgres');

/** Runs only when `DATABASE_URL` names a PostgreSQL server (`.ci/run` sets it); PGlite has no idle connections to lose. */
describe('the database pool on PostgreSQL', () => {
  it.runIf(postgres !== undefined)(
    'survives PostgreSQL terminating its idle connections, and keeps answering',
    async () => {
      if (postgres === undefined) return;
      const database = await postgres.open();
      try {
        await database.db.execute(sql`select 1`);
        await database.db.execute(
          sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
        );
        await database.db.execute(sql`select pg_terminate_backend(pg_backend_pid())`).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await database.ping()).toBe(true);
      } finally {
        await database.close();
      }
    },
  );
});

describe('the serving pool on PostgreSQL', () => {
  it.runIf(postgres !== undefined)(
    'ends a stuck statement and an abandoned transaction instead of holding a connection for ever',
    async () => {
      if (postgres === undefined) return;
      const database = await postgres.open();
      try {
        const settings = await database.db.execute(
          sql`select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle`,
        );
        expect(rowsOf(settings)[0]).toEqual({ statement: '30s', idle: '1min' });
      } finally {
        await database.close();
      }
    },
  );
});
