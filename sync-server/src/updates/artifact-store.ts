import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An uploaded file held aside until the service decides to keep it. */
export type StagedArtifact = {
  readonly sha512: string;
  readonly size: number;
  /** Moves the file to its final name (replacing a leftover of an upload that never committed). */
  commit(): Promise<void>;
  discard(): Promise<void>;
};

export type StoredArtifact = {
  readonly size: number;
  /** A stream of bytes `start`..`end` inclusive (the whole file without arguments). */
  read(range?: { start: number; end: number }): Readable;
};

/**
 * Where installer files live. The database lists which artifacts exist and their SHA-512; the bytes live
 * here. With several server instances the directory must be shared storage (a network volume), as the release
 * metadata are in PostgreSQL. Names are validated by the caller (`artifactName`), never used as paths unchecked.
 */
export type ArtifactStore = {
  /** Streams `source` to a staging file, hashing it; fails with `too-large` past `maxBytes` and keeps nothing. */
  stage(
    channel: string,
    name: string,
    source: AsyncIterable<Uint8Array>,
    maxBytes: number,
  ): Promise<StagedArtifact | 'too-large'>;
  open(channel: string, name: string): Promise<StoredArtifact | undefined>;
};

class TooLarge extends Error {}

/** The artifact store on a local or mounted directory: `<root>/<channel>/<name>`. */
export function createDirectoryArtifactStore(root: string): ArtifactStore {
  return {
    async stage(channel, name, source, maxBytes) {
      const dir = join(root, channel);
      await mkdir(dir, { recursive: true });
      const staging = join(dir, `.incoming-${randomUUID()}`);
      const hash = createHash('sha512');
      let size = 0;
      async function* counted(): AsyncIterable<Uint8Array> {
        for await (const chunk of source) {
          size += chunk.byteLength;
          if (size > maxBytes) throw new TooLarge();
          hash.update(chunk);
          yield chunk;
        }
      }
      try {
        await pipeline(counted, createWriteStream(staging, { flags: 'wx' }));
      } catch (error) {
        await rm(staging, { force: true });
        if (error instanceof TooLarge) return 'too-large';
        throw error;
      }
      return {
        sha512: hash.digest('base64'),
        size,
        commit: () => rename(staging, join(dir, name)),
        discard: () => rm(staging, { force: true }),
      };
    },
    async open(channel, name) {
      const path = join(root, channel, name);
      const info = await stat(path).catch(() => undefined);
      if (info === undefined || !info.isFile()) return undefined;
      return {
        size: info.size,
        read: (range) =>
          range === undefined
            ? createReadStream(path)
            : createReadStream(path, { start: range.start, end: range.end }),
      };
    },
  };
}
