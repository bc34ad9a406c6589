import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  RELEASE_MANIFEST_FORMAT,
  releaseFile,
  releaseKeyId,
  releaseManifest,
  releasePlatforms,
  signReleaseManifest,
  type ReleaseManifest,
  type ReleasePlatform,
} from '#shared/releases/release-manifest.ts';
import { releasePublicKeyOf } from './release-key.ts';
import { artifactSignatureName, releaseFileNames } from './release-files.ts';

/** What electron-builder 26 writes into `latest*.yml` (`UpdateInfo`), as far as a release needs it. */
const builderMetadata = z.object({
  version: z.string(),
  files: z.array(releaseFile.loose()).min(1),
  releaseDate: z.string().optional(),
  releaseNotes: z.string().optional(),
});

export type SignedRelease = {
  readonly platform: ReleasePlatform;
  readonly version: string;
  readonly keyId: string;
  readonly manifestPath: string;
  readonly signaturePath: string;
  readonly artifactSignatures: readonly string[];
};

async function readIfPresent(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
}

/**
 * Signs the release electron-builder left in `dir`: for each platform whose `<channel>[-linux].yml`
 * is there, it re-hashes every artifact (refusing when a file differs from what electron-builder recorded), writes
 * the release manifest and its Ed25519 signature by the city's release key, and a detached signature of each
 * artifact for IT staff to check by hand. Nothing is uploaded: `release:publish` does that, possibly from another
 * machine, so the secret key can stay on an offline one.
 */
export async function signRelease(options: {
  dir: string;
  channel: string;
  secretKey: Uint8Array;
  releaseNotes?: string | undefined;
  now?: () => Date;
}): Promise<SignedRelease[]> {
  const keyId = releaseKeyId(releasePublicKeyOf(options.secretKey));
  const signed: SignedRelease[] = [];
  for (const platform of releasePlatforms) {
    const names = releaseFileNames(options.channel, platform);
    const text = await readIfPresent(join(options.dir, names.builderMetadata));
    if (text === undefined) continue;
    const metadata = builderMetadata.safeParse(parseYaml(text));
    if (!metadata.success) {
      throw new Error(
        `${names.builderMetadata} is not electron-builder update metadata: ${metadata.error.message}`,
      );
    }
    const files: ReleaseManifest['files'] = [];
    const artifactSignatures: string[] = [];
    for (const file of metadata.data.files) {
      const bytes = await readFile(join(options.dir, file.url));
      const sha512 = createHash('sha512').update(bytes).digest('base64');
      if (sha512 !== file.sha512 || bytes.length !== file.size) {
        throw new Error(
          `${file.url} differs from ${names.builderMetadata} (SHA-512 or size): rebuild; never sign a changed file.`,
        );
      }
      files.push({
        url: file.url,
        sha512,
        size: bytes.length,
        ...(file.blockMapSize === undefined ? {} : { blockMapSize: file.blockMapSize }),
        ...(file.isAdminRightsRequired === undefined
          ? {}
          : { isAdminRightsRequired: file.isAdminRightsRequired }),
      });
      const signaturePath = join(options.dir, artifactSignatureName(file.url));
      await writeFile(signaturePath, nacl.sign.detached(bytes, options.secretKey));
      artifactSignatures.push(signaturePath);
    }
    const notes = options.releaseNotes ?? metadata.data.releaseNotes;
    const manifest = releaseManifest.parse({
      format: RELEASE_MANIFEST_FORMAT,
      product: 'hssk-station',
      channel: options.channel,
      platform,
      version: metadata.data.version,
      releaseDate: new Date(metadata.data.releaseDate ?? options.now?.() ?? new Date()).toISOString(),
      ...(notes === undefined ? {} : { releaseNotes: notes }),
      files,
    });
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    const manifestPath = join(options.dir, names.manifest);
    const signaturePath = join(options.dir, names.signature);
    await writeFile(manifestPath, manifestText);
    await writeFile(signaturePath, `${signReleaseManifest(manifestText, options.secretKey)}\n`);
    signed.push({
      platform,
      version: manifest.version,
      keyId,
      manifestPath,
      signaturePath,
      artifactSignatures,
    });
  }
  if (signed.length === 0) {
    const expected = releasePlatforms
      .map((p) => releaseFileNames(options.channel, p).builderMetadata)
      .join(', ');
    throw new Error(`No ${expected} in ${options.dir}: run electron-builder for this channel first.`);
  }
  return signed;
}
