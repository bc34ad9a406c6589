import { fail, ok, type Result } from '#shared/errors/result.ts';
import { decodeBase64 } from '#shared/sync/base64.ts';
import {
  DEVICE_ID_PATTERN,
  DEVICE_NONCE_PATTERN,
  deviceSignatureHeaders,
} from '#shared/sync/device-signature.ts';
import { deviceIssue, type DeviceIssueCode } from './device-issues.ts';

export type DeviceSignatureClaim = {
  readonly deviceId: string;
  readonly timestamp: number;
  readonly nonce: string;
  readonly signature: Uint8Array;
};

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const single = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** The device header when it is present and well formed (for the audit entry of a rejected request). */
export function claimedDeviceId(headers: Headers): string | undefined {
  const device = single(headers, deviceSignatureHeaders.device);
  return device !== undefined && DEVICE_ID_PATTERN.test(device) ? device : undefined;
}

/**
 * Reads the four signature headers of a request. All absent → `device-signature-missing`; any absent, repeated or
 * malformed → `device-signature-invalid`.
 */
export function parseDeviceSignatureHeaders(headers: Headers): Result<DeviceSignatureClaim, DeviceIssueCode> {
  const names = [
    deviceSignatureHeaders.device,
    deviceSignatureHeaders.timestamp,
    deviceSignatureHeaders.nonce,
    deviceSignatureHeaders.signature,
  ];
  if (names.every((name) => headers[name] === undefined))
    return fail(deviceIssue('device-signature-missing'));
  const deviceId = claimedDeviceId(headers);
  const timestamp = single(headers, deviceSignatureHeaders.timestamp);
  const nonce = single(headers, deviceSignatureHeaders.nonce);
  const signatureText = single(headers, deviceSignatureHeaders.signature);
  const signature = signatureText === undefined ? undefined : decodeBase64(signatureText);
  if (
    deviceId === undefined ||
    timestamp === undefined ||
    !/^\d{1,15}$/.test(timestamp) ||
    nonce === undefined ||
    !DEVICE_NONCE_PATTERN.test(nonce) ||
    signature?.length !== 64
  ) {
    return fail(deviceIssue('device-signature-invalid'));
  }
  return ok({ deviceId, timestamp: Number(timestamp), nonce, signature });
}
