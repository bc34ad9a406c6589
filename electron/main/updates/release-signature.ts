import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { verifyReleaseManifest } from '#shared/releases/release-manifest.ts';
import { updateIssue, type UpdateIssueCode } from './update-issues.ts';

/** The fields the sync server's feed adds to electron-updater's `UpdateInfo` (see `feed-document.ts`). */
export type SignedUpdateInfo = {
  readonly version: string;
  readonly hsskManifest?: unknown;
  readonly hsskSignature?: unknown;
};

async function sha512Of(path: string): Promise<{ sha512: string; size: number }> {
  const hash = createHash('sha512');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { sha512: hash.digest('base64'), size };
}

/**
 * Verifies a downloaded update before it may be installed: the feed's manifest must carry a valid
 * Ed25519 signature by one of the city's release keys, name this platform, channel and version, and list the
 * downloaded file's SHA-512 and size. electron-updater's own check only proves the file matches the feed, and the feed
 * is only as trustworthy as the server; this proves the city released it. Fails closed on anything missing.
 */
export async function verifyDownloadedUpdate(input: {
  info: SignedUpdateInfo;
  downloadedFile: string;
  trustedKeys: readonly Uint8Array[];
  platform: 'windows' | 'linux';
  channel: string;
}): Promise<Result<{ version: string }, UpdateIssueCode>> {
  const { hsskManifest: text, hsskSignature: signature } = input.info;
  if (typeof text !== 'string' || typeof signature !== 'string') return fail(updateIssue('update-unsigned'));
  // The same check the sync server makes before it publishes: the city's signature over the exact text, then the schema.
  const verified = verifyReleaseManifest(text, signature, input.trustedKeys);
  if (!verified.ok) {
    return verified.errors[0].code === 'release-manifest-invalid'
      ? fail(updateIssue('update-mismatch', { detail: 'tệp mô tả sai định dạng' }))
      : fail(updateIssue('update-signature-invalid'));
  }
  const m = verified.value.manifest;
  if (m.platform !== input.platform || m.channel !== input.channel) {
    return fail(updateIssue('update-mismatch', { detail: `bản cho ${m.platform}/${m.channel}` }));
  }
  if (m.version !== input.info.version) {
    return fail(
      updateIssue('update-mismatch', { detail: `đã ký ${m.version}, tải về ${input.info.version}` }),
    );
  }
  const actual = await sha512Of(input.downloadedFile);
  if (!m.files.some((f) => f.sha512 === actual.sha512 && f.size === actual.size)) {
    return fail(updateIssue('update-mismatch', { detail: 'mã SHA-512 của tệp' }));
  }
  return ok({ version: m.version });
}
