import { randomBytes } from 'node:crypto';
import { link, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `file` with `contents` so that a crash leaves either the old file or the new one, never a mix: write a
 * temporary file in the same folder (mode 0600, created exclusively), fsync it, rename it over `file`, then fsync the
 * folder so the rename itself is durable. On failure the temporary file is removed and `file` is untouched.
 * With `mustNotExist` the final step is a hard link instead of a rename, which fails with EEXIST rather than replace a
 * file that appeared meanwhile (used when creating).
 */
export async function writeFileAtomically(
  file: string,
  contents: string,
  options: { readonly mustNotExist?: boolean } = {},
): Promise<void> {
  const directory = dirname(file);
  const temporary = join(directory, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.mustNotExist === true) {
      await link(temporary, file);
      await rm(temporary, { force: true });
    } else {
      await rename(temporary, file);
    }
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/** Best effort: Windows cannot open a folder for fsync, and there a rename is already durable enough. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported on this platform; the rename has still happened.
  }
}
