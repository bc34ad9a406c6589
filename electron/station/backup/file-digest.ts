import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export type FileDigest = { readonly bytes: number; readonly sha256: string };

/** Size and SHA-256 (lower-case hex) of a file, read as a stream (a replica can be hundreds of megabytes). */
export async function fileDigest(file: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    hash.update(buffer);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Flushes a file or a folder to disk. Folders are best effort: Windows cannot open one for fsync, and there a rename
 * is already durable enough.
 */
export async function syncToDisk(path: string, kind: 'file' | 'folder'): Promise<void> {
  let handle;
  try {
    handle = await open(path, kind === 'file' ? 'r+' : 'r');
  } catch (error) {
    if (kind === 'file') throw error;
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (kind === 'file') throw error;
  } finally {
    await handle.close();
  }
}
