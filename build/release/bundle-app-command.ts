/**
 * `npx tsx build/release/bundle-app-command.ts` (release machine, before electron-builder; see build/RELEASING.md):
 * bundles the app into out/app for the version in package.json, with the station config from the environment:
 * HSSK_SERVER_URL, HSSK_RECOVERY_PUBLIC_KEY (base64), HSSK_RELEASE_PUBLIC_KEYS (base64, comma-separated) and
 * HSSK_UPDATE_CHANNEL (default latest). Exit code 0 when bundled, 1 otherwise.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toError } from '#shared/errors/to-error.ts';
import { bundleApp } from './bundle-app.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
const repoRoot = join(import.meta.dirname, '..', '..');

async function main(): Promise<number> {
  const env = process.env;
  const { version } = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const bundled = await bundleApp({
    repoRoot,
    outDir: join(repoRoot, 'out/app'),
    version,
    config: {
      serverUrl: env['HSSK_SERVER_URL'] ?? '',
      recoveryPublicKey: env['HSSK_RECOVERY_PUBLIC_KEY'] ?? '',
      releasePublicKeys: (env['HSSK_RELEASE_PUBLIC_KEYS'] ?? '').split(',').filter((k) => k !== ''),
      updateChannel: env['HSSK_UPDATE_CHANNEL'] ?? 'latest',
    },
  });
  out(`Đã đóng gói ứng dụng ${version} vào ${bundled.outDir}: ${bundled.files.join(', ')}`);
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
