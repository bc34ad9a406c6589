/**
 * `npm run release:publish -- --server https://dongbo.soyte.hanoi.gov.vn --channel latest --staging 10
 *   [--areas ttyt-kv01,ttyt-kv02] [--dir dist]`
 * Uploads and publishes what `release:sign` produced. The release account signs in with HSSK_RELEASE_USER and
 * HSSK_RELEASE_PASSWORD (a city or IT admin), or passes a session token in HSSK_RELEASE_TOKEN.
 * Exit code 0 when published, 1 otherwise (the server's Vietnamese reason is printed).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { toError } from '#shared/errors/to-error.ts';
import { updateChannel } from '#shared/releases/release-manifest.ts';
import { publishRelease, signInForRelease } from './publish-release.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      channel: { type: 'string', default: 'latest' },
      staging: { type: 'string' },
      areas: { type: 'string', default: '' },
      dir: { type: 'string', default: 'dist' },
    },
  });
  if (values.server === undefined || values.staging === undefined) {
    out('Cần --server <địa chỉ máy chủ đồng bộ> và --staging <0–100> (tỷ lệ trạm nhận bản này lúc đầu).');
    return 1;
  }
  const stagingPercentage = z.coerce.number().int().min(0).max(100).parse(values.staging);
  const env = process.env;
  const token =
    env['HSSK_RELEASE_TOKEN'] ??
    (await signInForRelease({
      server: values.server,
      userName: z
        .string()
        .min(1)
        .parse(env['HSSK_RELEASE_USER'] ?? ''),
      password: z
        .string()
        .min(1)
        .parse(env['HSSK_RELEASE_PASSWORD'] ?? ''),
    }));
  await publishRelease({
    dir: values.dir,
    server: values.server,
    token,
    channel: updateChannel.parse(values.channel),
    stagingPercentage,
    stagingOrgUnits: values.areas.split(',').filter((a) => a !== ''),
    log: out,
  });
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
