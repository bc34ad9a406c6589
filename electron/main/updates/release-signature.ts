import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import nacl from 'tweetnacl';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../shared/errors/result.ts';
import { updateIssue, type UpdateIssueCode } from './update-issues.ts';

/**
 * The part of the city's signed release manifest the app checks (the full schema is the sync server's
 * `sync-server/src/updates/release-manifest.ts`; the signature covers the manifest's text byte for byte).
 */
const signedManifest = z.object({
  format: z.literal('hssk-release-manifest/1'),
  product: z.literal('hssk-station'),
  channel: z.string(),
  platform: z.enum(['windows', 'linux']),
  version: z.string(),
  files: z.array(z.object({ url: z.string(), sha512: z.string(), size: z.number() })).min(1),
});

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
 * Verifies a downloaded update before it may be installed (issue 6 §2): the feed's manifest must carry a valid
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
  const sig = /^[A-Za-z0-9+/]{86}==$/.test(signature) ? Buffer.from(signature, 'base64') : undefined;
  const message = Buffer.from(text, 'utf8');
  const trusted =
    sig !== undefined && input.trustedKeys.some((key) => nacl.sign.detached.verify(message, sig, key));
  if (!trusted) return fail(updateIssue('update-signature-invalid'));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(updateIssue('update-mismatch', { detail: 'tệp mô tả không đọc được' }));
  }
  const manifest = signedManifest.safeParse(json);
  if (!manifest.success) return fail(updateIssue('update-mismatch', { detail: 'tệp mô tả sai định dạng' }));
  const m = manifest.data;
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
