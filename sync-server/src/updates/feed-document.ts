import type { ReleaseManifest } from '#shared/releases/release-manifest.ts';

/**
 * The `latest.yml` / `latest-linux.yml` document electron-updater 6's generic provider reads (`UpdateInfo`), built
 * from a signed manifest. It is written as JSON, which is YAML too (electron-updater parses it with js-yaml).
 * `hsskManifest`, `hsskSignature` and `hsskKeyId` carry the city's signature through to the app, which verifies it
 * before installing; electron-updater passes unknown fields through in its `UpdateInfo` untouched.
 * `offered: false` adds `stagingPercentage: 0`, which makes every updater answer "no update".
 */
export function feedDocument(input: {
  manifest: ReleaseManifest;
  manifestText: string;
  signature: string;
  signingKeyId: string;
  offered: boolean;
}): string {
  const { manifest } = input;
  const [first] = manifest.files;
  if (first === undefined) throw new Error('a release manifest has at least one file');
  const document = {
    version: manifest.version,
    files: manifest.files,
    path: first.url,
    sha512: first.sha512,
    releaseDate: manifest.releaseDate,
    ...(manifest.releaseNotes === undefined ? {} : { releaseNotes: manifest.releaseNotes }),
    ...(input.offered ? {} : { stagingPercentage: 0 }),
    hsskManifest: input.manifestText,
    hsskSignature: input.signature,
    hsskKeyId: input.signingKeyId,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
