import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { nextZipEntry } from '../zip/next-zip-entry.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { intakeIssue, type IntakeIssue, type IntakeIssueCode } from './intake-issues.ts';

/** One file of a batch: its bytes, or why it was not read. */
export type BatchFile = { readonly name: string } & (
  { readonly bytes: Buffer } | { readonly issue: IntakeIssue }
);

export type BatchLimits = {
  readonly maxFiles: number;
  /** Decompressed bytes of one envelope. */
  readonly maxFileBytes: number;
  /** Decompressed bytes of the whole batch. */
  readonly maxTotalBytes: number;
};

async function readAll(zip: ZipFile, entry: Entry, limit: number): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    // yauzl checks the size against the declared one as well; this stops a lying entry within the limit anyway.
    if (size > limit) {
      stream.destroy();
      throw new Error('entry larger than declared');
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * The envelopes of a batch sent as a ZIP (yauzl, chosen as the maintained ZIP reader that checks every entry's real
 * size against its declared one): each `.xml` file read, in the order of the archive. Sizes are checked from the
 * central directory before a byte is inflated — a file over `maxFileBytes`, or a batch over `maxTotalBytes`, is never
 * decompressed — so a ZIP bomb costs nothing. A file that is not `.xml` or does not inflate is answered on its own.
 */
export async function readZipEnvelopes(
  buffer: Buffer,
  limits: BatchLimits,
): Promise<Result<BatchFile[], IntakeIssueCode>> {
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(buffer, {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (error) {
    return fail(
      intakeIssue('batch-not-zip', { detail: error instanceof Error ? error.message : String(error) }),
    );
  }
  try {
    if (zip.entryCount > limits.maxFiles) {
      return fail(intakeIssue('batch-too-many-files', { limit: limits.maxFiles }));
    }
    const files: BatchFile[] = [];
    let total = 0;
    for (let entry = await nextZipEntry(zip); entry !== undefined; entry = await nextZipEntry(zip)) {
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      if (!name.toLowerCase().endsWith('.xml')) {
        files.push({ name, issue: intakeIssue('batch-file-not-xml', { name }) });
        continue;
      }
      if (entry.uncompressedSize > limits.maxFileBytes) {
        files.push({
          name,
          issue: intakeIssue('batch-file-too-large', {
            name,
            bytes: entry.uncompressedSize,
            limit: limits.maxFileBytes,
          }),
        });
        continue;
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes)
        return fail(intakeIssue('batch-too-large', { limit: limits.maxTotalBytes }));
      try {
        files.push({ name, bytes: await readAll(zip, entry, entry.uncompressedSize) });
      } catch (error) {
        files.push({
          name,
          issue: intakeIssue('batch-file-unreadable', {
            name,
            detail: error instanceof Error ? error.message : String(error),
          }),
        });
      }
    }
    return ok(files);
  } catch (error) {
    return fail(
      intakeIssue('batch-not-zip', { detail: error instanceof Error ? error.message : String(error) }),
    );
  } finally {
    zip.close();
  }
}
