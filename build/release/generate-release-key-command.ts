/**
 * `npx tsx build/release/generate-release-key-command.ts --out /media/khoa-phat-hanh`
 * Creates the city's release key pair once (see build/RELEASING.md, "Key custody"): the secret key (base64, mode
 * 0600) for the offline signing medium only, and the public key as base64 (for HSSK_RELEASE_PUBLIC_KEYS and the
 * app) and as PEM (for `openssl pkeyutl -verify`). Never overwrites an existing key.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import nacl from 'tweetnacl';
import { toError } from '#shared/errors/to-error.ts';
import { releaseKeyId } from '#shared/releases/release-manifest.ts';
import { releasePublicKeyPem } from './release-key.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (values.out === undefined) {
    out('Cần --out <thư mục trên thiết bị giữ khóa>.');
    return 1;
  }
  await mkdir(values.out, { recursive: true });
  const pair = nacl.sign.keyPair();
  const write = (name: string, text: string, mode: number) =>
    writeFile(join(values.out ?? '.', name), text, { flag: 'wx', mode });
  await write('hssk-release-secret.key', `${Buffer.from(pair.secretKey).toString('base64')}\n`, 0o600);
  await write('hssk-release-public.b64', `${Buffer.from(pair.publicKey).toString('base64')}\n`, 0o644);
  await write('hssk-release-public.pem', releasePublicKeyPem(pair.publicKey), 0o644);
  out(`Khóa phát hành mới, mã khóa ${releaseKeyId(pair.publicKey)}, ghi vào ${values.out}.`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    out(toError(error).message);
    process.exitCode = 1;
  },
);
