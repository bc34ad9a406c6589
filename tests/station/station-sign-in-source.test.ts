import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { openStation } from '#electron/station/open-station.ts';
import { rowsOf } from '#sync-server/src/db/sql-rows.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { useStationTestBed } from '../support/station-test-bed.ts';

/** Wrong passwords typed at a station count against that station's device, not the address it shares. */
describe.each(testBackends)('where a station sign-in comes from (server on $name)', (backend) => {
  const bed = useStationTestBed(backend, 'hssk-station-source-');

  it('locks out only the station where the wrong passwords were typed, and records it as the source', async () => {
    const { orgUnitId, staff } = await bed.server.createStaff(4);
    const station = await openStation({
      dataDir: join(bed.directory, 'station'),
      serverUrl: bed.server.baseUrl,
      passphrase: 'máy trạm thử',
      recoveryPublicKey: nacl.box.keyPair().publicKey,
      enrolmentCode: await bed.server.issueEnrolmentCode(orgUnitId),
      appVersion: '0.1.0',
    });
    try {
      for (let i = 0; i < 5; i++) {
        expect(
          await station.core.call('session.login', { userName: staff.userName, password: 'Sai#mật-khẩu1' }),
        ).toMatchObject({ ok: false, errors: [{ code: 'login-failed' }] });
      }
      // Locked out at this station, even with the right password...
      expect(
        await station.core.call('session.login', { userName: staff.userName, password: staff.password }),
      ).toMatchObject({ ok: false, errors: [{ code: 'login-failed' }] });
      // ...not from elsewhere on the same address (the console on this machine).
      const console = await bed.server.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { userName: staff.userName, password: staff.password },
      });
      expect(console.statusCode, console.body).toBe(200);
      const sources = rowsOf(
        await bed.database.db.execute(
          sql`select distinct source from sign_in_failures where reason = 'wrong-password'`,
        ),
      ).map((row) => String(row['source']));
      expect(sources).toEqual([`device:${station.device.deviceId}`]);
    } finally {
      await station.close();
    }
  }, 120_000);
});
