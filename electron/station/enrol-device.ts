import { randomBytes } from 'node:crypto';
import nacl from 'tweetnacl';
import { defineIssues, type Issue } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { apiProblemOf } from '#shared/errors/api-problem.ts';
import { enrolAnswer, type EnrolRequest } from '#shared/server-api/devices.ts';
import { encodeBase64 } from '#shared/sync/base64.ts';
import type { StationDatabase } from './database/station-collections.ts';
import { syncTransportIssue } from './sync/sync-request-error.ts';

/**
 * The enrolled device, kept inside the encrypted replica (its secret key never sits in a plain file), with the sync
 * server it was enrolled with: the device belongs to that server (older records have none: the configured one).
 */
export type DeviceRecord = {
  readonly deviceId: string;
  readonly orgUnitId: string;
  readonly secretKey: string;
  readonly serverUrl?: string;
};

export const enrolmentIssue = defineIssues({
  'station-enrolment-refused':
    'Máy chủ không đăng ký được máy trạm ({status}). Thử lại; nếu lỗi lặp lại, báo bộ phận CNTT.',
});

/** This device as the replica stores it, or null before enrolment. */
export async function storedDevice(db: StationDatabase): Promise<DeviceRecord | null> {
  const stored = await db.getLocal<DeviceRecord>('device');
  return stored === null ? null : stored.toJSON().data;
}

/**
 * Enrols this device with an admin's one-time code (`POST /devices/enrol`): a fresh Ed25519 key pair, of which only
 * the public key leaves the machine; the device id, its commune and the secret key are stored in the encrypted
 * replica. The server's refusal (wrong, used or expired code) comes back as its own issue and Vietnamese message; an
 * unreachable server as `sync-offline`. Nothing is stored unless the server enrolled the device.
 */
export async function enrolDevice(
  db: StationDatabase,
  request: { serverUrl: string; code: string; label?: string | undefined; fetch?: typeof fetch },
): Promise<Result<DeviceRecord>> {
  const keys = nacl.sign.keyPair();
  let response: Response;
  try {
    response = await (request.fetch ?? fetch)(`${request.serverUrl.replace(/\/+$/, '')}/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        code: request.code.trim(),
        publicKey: encodeBase64(keys.publicKey),
        label: request.label ?? `Máy trạm ${randomBytes(2).toString('hex')}`,
      } satisfies EnrolRequest),
    });
  } catch {
    return fail(syncTransportIssue('sync-offline'));
  }
  const body: unknown = await response.json().catch(() => undefined);
  const answer = response.ok ? enrolAnswer.safeParse(body) : undefined;
  if (answer?.success !== true) {
    const problem = apiProblemOf(body);
    const issue: Issue = problem ?? enrolmentIssue('station-enrolment-refused', { status: response.status });
    return fail(issue);
  }
  const record: DeviceRecord = {
    deviceId: answer.data.deviceId,
    orgUnitId: answer.data.orgUnitId,
    secretKey: encodeBase64(keys.secretKey),
    serverUrl: request.serverUrl,
  };
  await db.upsertLocal<DeviceRecord>('device', record);
  return ok(record);
}
