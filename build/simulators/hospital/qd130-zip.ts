import { ZipFile } from 'yazl';

/** SIMULATOR: a back-filling batch as a hospital would zip it — each hồ sơ giám định as its own `.xml` file. */
export async function qd130ZipBatch(
  files: readonly { readonly name: string; readonly content: string | Buffer }[],
): Promise<Buffer> {
  const zip = new ZipFile();
  for (const file of files) {
    zip.addBuffer(
      typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content,
      file.name,
    );
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
