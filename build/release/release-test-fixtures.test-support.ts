import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sha512Base64 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('base64');

/** Deterministic fake installer bytes. */
export function fakeArtifact(seed: string, size = 300_000): Buffer {
  const bytes = Buffer.alloc(size);
  const salt = createHash('sha256').update(seed).digest();
  for (let i = 0; i < size; i += 1) bytes[i] = ((salt[i % 32] ?? 0) + i) % 256;
  return bytes;
}

/**
 * An electron-builder 26 output folder as its Linux target leaves it: the AppImage and `<channel>-linux.yml`
 * in electron-builder's own YAML layout (`updateInfoBuilder.ts`, `PublishManagerTest.js.snap`).
 */
export async function fakeBuilderOutput(input: {
  version: string;
  channel?: string;
  platform?: 'linux' | 'windows';
}): Promise<{ dir: string; artifact: string; bytes: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'hssk-release-'));
  const channel = input.channel ?? 'latest';
  const windows = input.platform === 'windows';
  const artifact = windows
    ? `HSSK-Tram-Setup-${input.version}.exe`
    : `HSSK-Tram-${input.version}-x86_64.AppImage`;
  const bytes = fakeArtifact(artifact);
  await writeFile(join(dir, artifact), bytes);
  const sha512 = sha512Base64(bytes);
  const yml = [
    `version: ${input.version}`,
    'files:',
    `  - url: ${artifact}`,
    `    sha512: ${sha512}`,
    `    size: ${bytes.length}`,
    ...(windows ? ['    isAdminRightsRequired: true'] : ['    blockMapSize: 1234']),
    `path: ${artifact}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-03-02T02:00:00.000Z'",
    '',
  ].join('\n');
  await writeFile(join(dir, windows ? `${channel}.yml` : `${channel}-linux.yml`), yml);
  return { dir, artifact, bytes };
}
