import { readFile, writeFile } from 'node:fs/promises';
import nacl from 'tweetnacl';
import { z } from 'zod';
import { decodeBase64, encodeBase64 } from '#shared/sync/base64.ts';
import { deviceSignatureHeaders, signRequest } from '#shared/sync/device-signature.ts';
import { enrolAnswer } from '#shared/server-api/devices.ts';
import { senderErrorOf } from './sender-error.ts';

/**
 * SIMULATOR of a hospital's sending machine: an Ed25519 key pair enrolled with a one-time code the Department issued
 * for the hospital, after which every interop request is signed with it (DESIGN.md §6, the same signature as a
 * station's). A real hospital keeps the secret key in its own key store; the simulator keeps it in a file readable by
 * its owner only.
 */
export type SendingMachine = {
  readonly deviceId: string;
  readonly secretKey: Uint8Array;
  /** The server's clock minus this machine's, learned from `x-hssk-server-time`; signatures use the server's time. */
  clockOffsetMs: number;
};

const keyFile = z.object({ deviceId: z.string().min(1), secretKey: z.string().min(1) });

/** Enrols a fresh key pair with `code`; answers the machine, or throws the server's refusal (`SenderError`). */
export async function enrolSendingMachine(
  baseUrl: string,
  code: string,
  label: string,
): Promise<SendingMachine> {
  const keys = nacl.sign.keyPair();
  const response = await fetch(`${baseUrl}/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, publicKey: encodeBase64(keys.publicKey), label }),
  });
  if (!response.ok) throw await senderErrorOf(response);
  return {
    deviceId: enrolAnswer.parse(await response.json()).deviceId,
    secretKey: keys.secretKey,
    clockOffsetMs: 0,
  };
}

export async function saveSendingMachine(path: string, machine: SendingMachine): Promise<void> {
  const content = JSON.stringify({ deviceId: machine.deviceId, secretKey: encodeBase64(machine.secretKey) });
  await writeFile(path, `${content}\n`, { mode: 0o600, flag: 'wx' });
}

export async function loadSendingMachine(path: string): Promise<SendingMachine> {
  const stored = keyFile.parse(JSON.parse(await readFile(path, 'utf8')));
  const secretKey = decodeBase64(stored.secretKey);
  if (secretKey?.length !== nacl.sign.secretKeyLength) throw new Error(`${path} holds no Ed25519 secret key`);
  return { deviceId: stored.deviceId, secretKey, clockOffsetMs: 0 };
}

/** The signature headers of one request, on the server's time as last learned. */
export function machineHeaders(
  machine: SendingMachine,
  method: string,
  path: string,
  body?: Uint8Array,
): Record<string, string> {
  return signRequest({
    secretKey: machine.secretKey,
    deviceId: machine.deviceId,
    method,
    path,
    body,
    now: Date.now() + machine.clockOffsetMs,
  });
}

/** Learns the server's clock from an answer, so the next signature falls inside the server's window. */
export function learnServerTime(machine: SendingMachine, response: Response): void {
  const serverTime = Number(response.headers.get(deviceSignatureHeaders.serverTime));
  if (Number.isFinite(serverTime) && serverTime > 0) machine.clockOffsetMs = serverTime - Date.now();
}
