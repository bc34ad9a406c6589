import { randomUUID } from 'node:crypto';
import pg from 'pg';
import nacl from 'tweetnacl';
import { encodeBase64 } from '#shared/sync/base64.ts';
import { signRequest } from '#shared/sync/device-signature.ts';
import type { LoadDevice } from './load-device.ts';

/**
 * Seeds `communes` commune stations under one district centre, each with a staff account, and `devices` enrolled
 * station devices spread evenly over them, straight into the server's database (enrolment is not what is measured),
 * then opens each device's own session over the wire (`POST /auth/device-session`, signed as the station does).
 */
export async function seedLoadDevices(options: {
  databaseUrl: string;
  base: string;
  communes: number;
  devices: number;
}): Promise<LoadDevice[]> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const now = new Date();
  const units: { orgUnitId: string; communeCode: string; staffUserName: string }[] = [];
  try {
    for (let i = 0; i < options.communes; i++) {
      const orgUnitId = `load-tyt-${String(i).padStart(4, '0')}`;
      const communeCode = String(90000 + i);
      const staffUserName = `01T00_load${String(i)}`;
      await client.query(
        `insert into org_units (id, kind, name, parent_id, commune_code, commune_scheme, valid_from)
         values ($1, 'commune-station', $2, 'ttyt-kv01', $3, 'dvhc-2025', '2025-07-01')`,
        [orgUnitId, `Trạm Y tế mô phỏng ${String(i)}`, communeCode],
      );
      await client.query(
        `insert into accounts (id, user_name, login_key, display_name, role, org_unit_id, password_hash,
                               must_change_password, created_at, updated_at)
         values ($1, $2, $3, $4, 'station-staff', $5, 'not-used-by-the-benchmark', false, $6, $6)`,
        [
          randomUUID(),
          staffUserName,
          staffUserName.toLowerCase(),
          `Nhân viên mô phỏng ${String(i)}`,
          orgUnitId,
          now,
        ],
      );
      units.push({ orgUnitId, communeCode, staffUserName });
    }
    const keys: { deviceId: string; secretKey: Uint8Array; unit: (typeof units)[number] }[] = [];
    for (let d = 0; d < options.devices; d++) {
      const unit = units[d % units.length];
      if (unit === undefined) throw new Error('no commune');
      const pair = nacl.sign.keyPair();
      const deviceId = `load-dev-${String(d).padStart(4, '0')}`;
      await client.query(
        `insert into devices (id, org_unit_id, public_key, label, enrolled_at) values ($1, $2, $3, $4, $5)`,
        [deviceId, unit.orgUnitId, encodeBase64(pair.publicKey), `Máy mô phỏng ${String(d)}`, now],
      );
      keys.push({ deviceId, secretKey: pair.secretKey, unit });
    }
    const devices: LoadDevice[] = [];
    for (const { deviceId, secretKey, unit } of keys) {
      const body = '{}';
      const path = '/auth/device-session';
      const answer = await fetch(`${options.base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signRequest({ secretKey, deviceId, method: 'POST', path, body, now: Date.now() }),
        },
        body,
      });
      const session = (await answer.json()) as { token?: string };
      if (answer.status !== 201 || session.token === undefined) {
        throw new Error(`device session refused: ${String(answer.status)} ${JSON.stringify(session)}`);
      }
      devices.push({
        deviceId,
        secretKey: encodeBase64(secretKey),
        orgUnitId: unit.orgUnitId,
        communeCode: unit.communeCode,
        staffUserName: unit.staffUserName,
        token: session.token,
      });
    }
    return devices;
  } finally {
    await client.end();
  }
}
