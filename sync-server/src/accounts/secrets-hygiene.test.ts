import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../testing/test-databases.test-support.ts';
import {
  bearer,
  login,
  rowsOf,
  startAccountsApp,
  units,
  type AccountsTestApp,
} from './accounts-app.test-support.ts';

describe.each(testBackends)('tokens and passwords at rest and in logs on $name', (backend) => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp(backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  /** Every row of every table, as text. */
  async function wholeDatabase(): Promise<string> {
    const tables: unknown = await t.database.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const dumps: string[] = [];
    for (const { table_name } of rowsOf<{ table_name: string }>(tables)) {
      const rows: unknown = await t.database.db.execute(
        sql`select row_to_json(t)::text as row from ${sql.identifier(table_name)} t`,
      );
      dumps.push(...rowsOf<{ row: string }>(rows).map((r) => r.row));
    }
    return dumps.join('\n');
  }

  it('stores and logs no session token and no password in clear', async () => {
    const secrets = [t.cityAdmin.token, t.cityAdmin.password];
    const created = await t.app.inject({
      method: 'POST',
      url: '/admin/accounts',
      headers: bearer(t.cityAdmin.token),
      payload: { fullName: 'Kim Đồng', role: 'station-staff', orgUnitId: await t.stationOf(units.centre1) },
    });
    const { account, initialPassword } = created.json<{
      account: { id: string; userName: string };
      initialPassword: string;
    }>();
    secrets.push(initialPassword, await login(t.app, account.userName, initialPassword));
    const reset = await t.app.inject({
      method: 'POST',
      url: `/admin/accounts/${account.id}/reset-password`,
      headers: bearer(t.cityAdmin.token),
    });
    const { temporaryPassword } = reset.json<{ temporaryPassword: string }>();
    secrets.push(temporaryPassword, await login(t.app, account.userName, temporaryPassword));
    await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: account.userName, password: 'Gõ-nhầm#Mật-khẩu1' },
    });
    secrets.push('Gõ-nhầm#Mật-khẩu1');

    const logs = t.logLines.join('');
    expect(logs).toContain('incoming request');
    expect(logs).toContain('/auth/login');
    const stored = await wholeDatabase();
    expect(stored).toContain(account.id);
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
  });
});
