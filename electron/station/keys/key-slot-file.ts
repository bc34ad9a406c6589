import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import nacl from 'tweetnacl';
import { z } from 'zod';
import { isSupportedScryptParams } from './scrypt-kdf.ts';
import { StationKeyError } from './station-key-error.ts';
import { writeFileAtomically } from './write-file-atomically.ts';

/**
 * The key-slot file (`<dataDir>/keyslots.json`): the station database key, never in the clear, wrapped once per way
 * in. Binary fields are base64. Version 1:
 *
 *     { format: 'hssk-station-key-slots', version: 1,
 *       keyCheck,                 // 16 bytes, see key-check.ts — never the key
 *       slots: [
 *         { kind: 'machine', keyStore, protection: 'strong', wrapped },    // KeyStore.wrap(key)
 *         { kind: 'machine', keyStore, protection: 'weak' },               // weak store: key deliberately absent
 *         { kind: 'recovery', recipientPublicKey, ephemeralPublicKey, nonce, sealed },   // nacl.box to the city
 *         { kind: 'staff', userName, kdf: { alg: 'scrypt', N, r, p, salt }, nonce, wrapped } ] }   // secretbox
 *
 * Invariants checked on every read: at most one machine slot, one staff slot per user name, fixed-length fields of the
 * right length, scrypt costs this code will run.
 */
export const KEY_SLOT_FILE_FORMAT = 'hssk-station-key-slots';
export const KEY_SLOT_FILE_VERSION = 1;

function base64Bytes(length?: { exact?: number; min?: number }) {
  return z
    .string()
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/)
    .refine((text) => {
      const size = Buffer.byteLength(text, 'base64');
      return (length?.exact === undefined || size === length.exact) && size >= (length?.min ?? 0);
    });
}

const machineSlot = z.union([
  z.strictObject({
    kind: z.literal('machine'),
    keyStore: z.string().min(1),
    protection: z.literal('strong'),
    wrapped: base64Bytes({ min: 1 }),
  }),
  z.strictObject({ kind: z.literal('machine'), keyStore: z.string().min(1), protection: z.literal('weak') }),
]);

const recoverySlot = z.strictObject({
  kind: z.literal('recovery'),
  recipientPublicKey: base64Bytes({ exact: nacl.box.publicKeyLength }),
  ephemeralPublicKey: base64Bytes({ exact: nacl.box.publicKeyLength }),
  nonce: base64Bytes({ exact: nacl.box.nonceLength }),
  sealed: base64Bytes({ min: nacl.box.overheadLength }),
});

const staffSlot = z.strictObject({
  kind: z.literal('staff'),
  userName: z.string().min(1),
  kdf: z
    .strictObject({
      alg: z.literal('scrypt'),
      N: z.number().int(),
      r: z.number().int(),
      p: z.number().int(),
      salt: base64Bytes({ min: 16 }),
    })
    .refine(isSupportedScryptParams),
  nonce: base64Bytes({ exact: nacl.secretbox.nonceLength }),
  wrapped: base64Bytes({ min: nacl.secretbox.overheadLength }),
});

export const keySlotFile = z
  .strictObject({
    format: z.literal(KEY_SLOT_FILE_FORMAT),
    version: z.literal(KEY_SLOT_FILE_VERSION),
    keyCheck: base64Bytes({ exact: 16 }),
    slots: z.array(z.union([machineSlot, recoverySlot, staffSlot])).min(1),
  })
  .refine((file) => file.slots.filter((slot) => slot.kind === 'machine').length <= 1)
  .refine((file) => {
    const names = file.slots.flatMap((slot) => (slot.kind === 'staff' ? [slot.userName] : []));
    return new Set(names).size === names.length;
  });

export type KeySlotFile = z.infer<typeof keySlotFile>;
export type KeySlot = KeySlotFile['slots'][number];
export type MachineSlot = z.infer<typeof machineSlot>;
export type RecoverySlot = z.infer<typeof recoverySlot>;
export type StaffSlot = z.infer<typeof staffSlot>;

const versionProbe = z.looseObject({ format: z.literal(KEY_SLOT_FILE_FORMAT), version: z.number() });

/**
 * Reads and validates the key-slot file; `undefined` when it does not exist. Anything else that is not a valid
 * version-1 file is a `StationKeyError` ('station-key-slot-file-unreadable', or '…-unsupported' for a newer
 * version). Only reads: the file is never changed here.
 */
export async function readKeySlotFile(file: string): Promise<KeySlotFile | undefined> {
  const fileName = basename(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StationKeyError('station-key-slot-file-unreadable', { file: fileName }, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes file content; the cause is left out on purpose.
    throw new StationKeyError('station-key-slot-file-unreadable', { file: fileName });
  }
  const probe = versionProbe.safeParse(json);
  if (probe.success && probe.data.version > KEY_SLOT_FILE_VERSION) {
    throw new StationKeyError('station-key-slot-file-unsupported', {
      file: fileName,
      version: probe.data.version,
    });
  }
  const parsed = keySlotFile.safeParse(json);
  if (!parsed.success) throw new StationKeyError('station-key-slot-file-unreadable', { file: fileName });
  return parsed.data;
}

/** Writes the key-slot file atomically (mode 0600); `create` refuses to replace an existing file. */
export async function writeKeySlotFile(
  file: string,
  contents: KeySlotFile,
  options: { readonly create?: boolean } = {},
): Promise<void> {
  await writeFileAtomically(file, `${JSON.stringify(contents, null, 2)}\n`, {
    mustNotExist: options.create === true,
  });
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}

/** Decodes a base64 field already validated by `keySlotFile`. */
export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
