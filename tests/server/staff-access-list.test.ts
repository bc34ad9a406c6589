import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { clientOf } from '../support/station-sync-parts.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

/** The stations' revocation list (`staff-access`) as the server writes it, and that nobody else can. */
describe.each(testBackends)('the staff-access revocation list on $name', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  const call = (
    method: 'GET' | 'POST',
    url: string,
    token = server.adminToken,
    payload?: Record<string, unknown>,
  ) =>
    server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload }),
    });
  const accessOf = async (accountId: string) =>
    (await server.storedDocuments('staff-access')).find((entry) => entry['id'] === accountId)?.['access'];

  it('follows every act that changes whether station staff may sign in, in the unit of the account', async () => {
    const station = await server.enrolStation(3);
    const { staff } = station;
    const id = (await call('GET', '/auth/session', staff.token)).json<{ account: { id: string } }>().account
      .id;
    // Its first own password made it active for the stations.
    expect(await accessOf(id)).toBe('active');

    expect((await call('POST', `/admin/accounts/${id}/lock`)).statusCode).toBe(200);
    expect(await accessOf(id)).toBe('locked');
    expect((await call('POST', `/admin/accounts/${id}/unlock`)).statusCode).toBe(200);
    expect(await accessOf(id)).toBe('active');
    const reset = await call('POST', `/admin/accounts/${id}/reset-password`);
    expect(await accessOf(id)).toBe('password-reset');
    const temporary = reset.json<{ temporaryPassword: string }>().temporaryPassword;
    const signedIn = await server.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: staff.userName, password: temporary },
    });
    const token = signedIn.json<{ token: string }>().token;
    const changed = await call('POST', '/auth/change-password', token, {
      currentPassword: temporary,
      newPassword: 'Đổi-lại#2026x',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await accessOf(id)).toBe('active');

    // Unused for more than 90 days and signing in before the job ran: locked at the sign-in, and listed.
    await database.db.execute(
      sql`update accounts set last_login_at = now() - interval '100 days', updated_at = now() - interval '100 days' where id = ${id}`,
    );
    const late = await server.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: staff.userName, password: 'Đổi-lại#2026x' },
    });
    expect(late.json()).toMatchObject({ error: { code: 'account-inactivity-locked' } });
    expect(await accessOf(id)).toBe('locked');
    expect((await call('POST', `/admin/accounts/${id}/unlock`)).statusCode).toBe(200);
    expect((await call('POST', `/admin/accounts/${id}/close`)).statusCode).toBe(200);
    const entry = (await server.storedDocuments('staff-access')).find((e) => e['id'] === id);
    expect(entry).toMatchObject({ access: 'closed', orgUnitId: station.orgUnitId, userName: staff.userName });

    // The station's device pulls it; it cannot write it.
    const client = clientOf(station, server.baseUrl);
    const pulled = (await client.getJson('/sync/staff-access/pull?checkpoint=0&limit=100')) as {
      documents: { id: string; access: string }[];
    };
    expect(pulled.documents).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, access: 'closed' })]),
    );
    await client.postJson('/sync/staff-access/push', [
      { newDocumentState: { ...entry, access: 'active', _deleted: false } },
    ]);
    expect(await accessOf(id)).toBe('closed');
  });
});
