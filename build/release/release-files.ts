import type { ReleasePlatform } from '#shared/releases/release-manifest.ts';

/**
 * The names a release uses in the electron-builder output folder, for one channel and platform:
 * electron-builder's update metadata (`latest.yml`, `latest-linux.yml`), and the signed manifest and its signature
 * that `release:sign` writes beside it. Each signed artifact gets `<artifact>.sig` (raw 64-byte Ed25519 signature).
 */
export function releaseFileNames(channel: string, platform: ReleasePlatform) {
  const base = platform === 'windows' ? channel : `${channel}-linux`;
  return {
    builderMetadata: `${base}.yml`,
    manifest: `${base}.release.json`,
    signature: `${base}.release.sig`,
  };
}

export const artifactSignatureName = (artifact: string) => `${artifact}.sig`;
