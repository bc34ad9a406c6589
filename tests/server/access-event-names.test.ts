import { sql } from 'drizzle-orm';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { openStationDatabase } from '#electron/station/database/open-station-database.ts';
import { getRxStorageSqlite } from '#electron/station/replica/sqlite-rx-storage.ts';
import { createHealthIdIssuer } from '#electron/station/services/health-id-issuer.ts';
import type { AccessEventDocument } from '#shared/schemas/access-event-document.ts';
import { UNKNOWN_USER_NAME } from '#shared/schemas/access-event-user-names.ts';
import { rowsOf } from '#sync-server/src/db/sql-rows.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { clientOf, registerResident, syncOf, until } from '../support/station-sync-parts.ts';
import { useStationTestBed } from '../support/station-test-bed.ts';

/** Access events a device pushes name only its own unit's staff and residents (Art. 9, 22). */
describe.each(testBackends)('whom an access event may name, on $name', (backend) => {
  const bed = useStationTestBed(backend, 'hssk-access-events-');

  let sequence = 0;
  const eventOf = (
    station: { device: { deviceId: string }; orgUnitId: string },
    changes: Partial<AccessEventDocument>,
  ): AccessEventDocument => ({
    id: `ev-test-${String((sequence += 1))}-${station.device.deviceId.slice(0, 8)}`,
    orgUnitId: station.orgUnitId,
    deviceId: station.device.deviceId,
    action: 'login',
    userName: 'x',
    occurredAt: new Date().toISOString(),
    ...changes,
  });
  const reasonsOf = async (ids: readonly string[]) =>
    Object.fromEntries(
      rowsOf(
        await bed.database.db.execute(
          sql`select document_id, reason from quarantine where collection = 'access-events' and document_id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        ),
      ).map((row) => [String(row['document_id']), String(row['reason'])]),
    );
  const auditDetails = async (action: string) =>
    rowsOf(
      await bed.database.db.execute(sql`select detail from audit_log where action = ${action} order by seq`),
    ).map((row) => (typeof row['detail'] === 'string' ? row['detail'] : JSON.stringify(row['detail'])));

  it("quarantines events that credit another unit's staff or read another unit's resident, and keeps its own", async () => {
    const station = await bed.server.enrolStation(0);
    const elsewhere = await bed.server.enrolStation(1);
    // A resident of the other station, on the server through that station's own sync.
    const db = await openStationDatabase({
      storage: getRxStorageSqlite({ directory: bed.directory, key: nacl.randomBytes(32) }),
      name: 'access-events-elsewhere',
    });
    let foreignResident = '';
    try {
      const sync = syncOf(db, elsewhere, bed.server.baseUrl);
      await sync.syncNow();
      await until(async () => (await createHealthIdIssuer(db, elsewhere.device.deviceId).remaining()) > 0);
      foreignResident = (
        await registerResident(db, elsewhere, { fullName: 'Kiều Thị Xa', author: elsewhere.staff.userName })
      ).id;
      await sync.syncNow();
      await until(async () =>
        (await bed.server.storedDocuments('persons')).some((d) => d['id'] === foreignResident),
      );
      await sync.stop();
    } finally {
      await db.close();
    }

    const own = eventOf(station, { action: 'login', userName: station.staff.userName });
    const ownRead = eventOf(station, {
      action: 'person-read',
      userName: station.staff.userName,
      personId: 'offline-0001',
    });
    const otherStaff = eventOf(station, { action: 'login', userName: elsewhere.staff.userName });
    const otherResident = eventOf(station, {
      action: 'person-read',
      userName: station.staff.userName,
      personId: foreignResident,
    });
    const madeUp = eventOf(station, { action: 'logout', userName: '01T99_khongai' });
    const client = clientOf(station, bed.server.baseUrl);
    await client.postJson(
      '/sync/access-events/push',
      [own, ownRead, otherStaff, otherResident, madeUp].map((doc) => ({
        newDocumentState: { ...doc, _deleted: false },
      })),
    );

    const stored = (await bed.server.storedDocuments('access-events')).map((doc) => doc['id']);
    expect(stored).toEqual(expect.arrayContaining([own.id, ownRead.id]));
    expect(stored).not.toEqual(expect.arrayContaining([otherStaff.id]));
    expect(stored).not.toContain(otherResident.id);
    expect(stored).not.toContain(madeUp.id);
    expect(await reasonsOf([otherStaff.id, otherResident.id, madeUp.id])).toEqual({
      [otherStaff.id]: 'access-event-account-unknown',
      [otherResident.id]: 'access-event-person-out-of-scope',
      [madeUp.id]: 'access-event-account-unknown',
    });
    const logins = await auditDetails('login');
    expect(logins.some((detail) => detail.includes(own.id))).toBe(true);
    expect(logins.some((detail) => detail.includes(otherStaff.id))).toBe(false);
  });

  it('never keeps the text of an unknown user name in the audit log (it may be a password)', async () => {
    const station = await bed.server.enrolStation(2);
    const typedPassword = 'MậtKhẩu#GõNhầmÔ9';
    // At the server's own sign-in...
    const answer = await bed.server.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { userName: typedPassword, password: 'bất kỳ' },
    });
    expect(answer.statusCode).toBe(401);
    // ...and through a station's access events: the typed text is refused, the station's marker kept as such.
    const typed = eventOf(station, { action: 'login-failed', userName: typedPassword });
    const unknown = eventOf(station, { action: 'login-failed', userName: UNKNOWN_USER_NAME });
    const known = eventOf(station, { action: 'login-failed', userName: station.staff.userName });
    await clientOf(station, bed.server.baseUrl).postJson(
      '/sync/access-events/push',
      [typed, unknown, known].map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })),
    );
    const failed = await auditDetails('login-failed');
    expect(failed.join('\n')).not.toContain(typedPassword);
    expect(failed.find((detail) => detail.includes(unknown.id))).toContain('"unknownUserName":true');
    expect(failed.find((detail) => detail.includes(unknown.id))).not.toContain(UNKNOWN_USER_NAME);
    expect(failed.find((detail) => detail.includes(known.id))).toContain(station.staff.userName);
    expect(await reasonsOf([typed.id])).toEqual({ [typed.id]: 'access-event-account-unknown' });
  });
});
