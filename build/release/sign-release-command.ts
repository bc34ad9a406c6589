/**
 * `npm run release:sign -- --dir dist --channel latest --key /media/khoa/hssk-release-secret.key [--notes notes.md]`
 * Signs the electron-builder output in `--dir` with the city's release key (see build/RELEASING.md). The key file
 * may also come from HSSK_RELEASE_SECRET_KEY_FILE. Exit code 0 when signed, 1 otherwise.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { toError } from '#shared/errors/to-error.ts';
import { updateChannel } from '#shared/releases/release-manifest.ts';
import { readReleaseSecretKey } from './release-key.ts';
import { signRelease } from './sign-release.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'dist' },
      channel: { type: 'string', default: 'latest' },
      key: { type: 'string' },
      notes: { type: 'string' },
    },
  });
  const keyPath = values.key ?? process.env['HSSK_RELEASE_SECRET_KEY_FILE'];
  if (keyPath === undefined) {
    out('Thiếu khóa phát hành: truyền --key <tệp> hoặc đặt HSSK_RELEASE_SECRET_KEY_FILE.');
    return 1;
  }
  const channel = updateChannel.parse(values.channel);
  const releaseNotes = values.notes === undefined ? undefined : await readFile(values.notes, 'utf8');
  const signed = await signRelease({
    dir: values.dir,
    channel,
    secretKey: await readReleaseSecretKey(keyPath),
    releaseNotes,
  });
  for (const release of signed) {
    out(`Đã ký ${release.platform} ${release.version} bằng khóa ${release.keyId}:`);
    for (const path of [release.manifestPath, release.signaturePath, ...release.artifactSignatures])
      out(`  ${path}`);
  }
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
