import nacl from 'tweetnacl';
import { z } from 'zod';
import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { decodeBase64, encodeBase64 } from '../sync/base64.ts';
import { encodeUtf8 } from '../sync/utf8.ts';
import { appVersion } from './app-version.ts';

/** Update channels: electron-updater's `latest` plus prerelease channels such as `beta`. */
export const updateChannel = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'Tên kênh cập nhật không hợp lệ.');

/** The platforms the feed serves: `latest.yml` (Windows NSIS) and `latest-linux.yml` (Linux x64 AppImage/deb). */
export const releasePlatforms = ['windows', 'linux'] as const;
export type ReleasePlatform = (typeof releasePlatforms)[number];

/** An artifact's file name: what electron-builder writes as `files[].url`, relative to the channel's feed. */
export const artifactName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, 'Tên tệp cài đặt chỉ gồm chữ, số và . _ + -.')
  .refine((name) => !name.endsWith('.yml') && !name.includes('..'), 'Tên tệp cài đặt không hợp lệ.');

/** base64 SHA-512 (88 characters), as electron-builder's `hashFile` writes it. */
export const sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'sha512 phải là SHA-512 dạng base64.');

export const releaseFile = z.strictObject({
  url: artifactName,
  sha512: sha512Base64,
  size: z.number().int().positive(),
  blockMapSize: z.number().int().positive().optional(),
  isAdminRightsRequired: z.boolean().optional(),
});
export type ReleaseFile = z.infer<typeof releaseFile>;

export const RELEASE_MANIFEST_FORMAT = 'hssk-release-manifest/1';

/**
 * What the city's release key signs for one release of the station app on one platform: every file with its
 * SHA-512 and size. The signature covers the manifest's JSON text byte for byte (UTF-8), so the text is stored and
 * served verbatim, never re-serialised. The app checks it (and the downloaded file's SHA-512 against it) before it
 * installs anything: electron-builder signs nothing on Linux, and the feed server is not trusted to.
 */
export const releaseManifest = z.strictObject({
  format: z.literal(RELEASE_MANIFEST_FORMAT),
  product: z.literal('hssk-station'),
  channel: updateChannel,
  platform: z.enum(releasePlatforms),
  version: appVersion,
  releaseDate: z.iso.datetime(),
  releaseNotes: z.string().max(20_000).optional(),
  files: z.array(releaseFile).min(1).max(8),
});
export type ReleaseManifest = z.infer<typeof releaseManifest>;

export const releaseSignatureIssue = defineIssues({
  'release-manifest-invalid':
    'Tệp mô tả bản phát hành không đúng định dạng ({detail}). Tạo lại bằng `npm run release:sign` rồi gửi lại.',
  'release-signature-invalid':
    'Chữ ký của bản phát hành không khớp với khóa phát hành của Thành phố. Không cài đặt bản này; báo bộ phận CNTT của Sở Y tế.',
  'release-key-unknown':
    'Bản phát hành được ký bằng một khóa không có trong danh sách khóa phát hành được tin cậy. Báo bộ phận CNTT của Sở Y tế.',
});
export type ReleaseSignatureIssueCode = Parameters<typeof releaseSignatureIssue>[0];

/** A release key's id: the first 8 bytes of SHA-512 of its public key, in hex (printed by the release scripts). */
export function releaseKeyId(publicKey: Uint8Array): string {
  return [...nacl.hash(publicKey).subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Signs a manifest's exact text with a tweetnacl secret key (64 bytes); returns the base64 detached signature. */
export function signReleaseManifest(manifestText: string, secretKey: Uint8Array): string {
  return encodeBase64(nacl.sign.detached(encodeUtf8(manifestText), secretKey));
}

/** Parses a manifest's text (without checking any signature). */
export function parseReleaseManifest(
  manifestText: string,
): Result<ReleaseManifest, ReleaseSignatureIssueCode> {
  let json: unknown;
  try {
    json = JSON.parse(manifestText);
  } catch {
    return fail(releaseSignatureIssue('release-manifest-invalid', { detail: 'không phải JSON' }));
  }
  const parsed = releaseManifest.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const detail = first === undefined ? 'không rõ' : `${first.path.join('.') || 'gốc'}: ${first.message}`;
    return fail(releaseSignatureIssue('release-manifest-invalid', { detail }));
  }
  return ok(parsed.data);
}

/**
 * Verifies `signature` (base64) over `manifestText` with one of the trusted release public keys and parses the
 * manifest. Fails closed: an unparseable signature, an unknown key or a mismatch is an issue, never a pass.
 */
export function verifyReleaseManifest(
  manifestText: string,
  signature: string,
  trustedPublicKeys: readonly Uint8Array[],
): Result<{ manifest: ReleaseManifest; keyId: string }, ReleaseSignatureIssueCode> {
  const sig = /^[A-Za-z0-9+/]{86}==$/.test(signature) ? decodeBase64(signature) : undefined;
  if (sig?.length !== nacl.sign.signatureLength)
    return fail(releaseSignatureIssue('release-signature-invalid'));
  if (trustedPublicKeys.length === 0) return fail(releaseSignatureIssue('release-key-unknown'));
  const message = encodeUtf8(manifestText);
  const key = trustedPublicKeys.find((pk) => nacl.sign.detached.verify(message, sig, pk));
  if (key === undefined) return fail(releaseSignatureIssue('release-signature-invalid'));
  const manifest = parseReleaseManifest(manifestText);
  if (!manifest.ok) return manifest;
  return ok({ manifest: manifest.value, keyId: releaseKeyId(key) });
}
