/** One inclusive byte range of a file. */
export type ByteRange = { readonly start: number; readonly end: number };

/** At most this many ranges in one request (electron-updater asks for far fewer; more is abuse). */
const MAX_RANGES = 256;

/**
 * Parses an HTTP `Range` header (RFC 9110 §14) against a file of `size` bytes: `none` when there is no usable
 * `bytes=` header (answer 200 with the whole file), `unsatisfiable` when no range overlaps the file (416), else the
 * ranges in the order asked — electron-updater's multipart downloader reads the parts in the order it requested them.
 */
export function parseByteRanges(
  header: string | undefined,
  size: number,
): 'none' | 'unsatisfiable' | ByteRange[] {
  if (header === undefined) return 'none';
  const match = /^bytes=(.+)$/i.exec(header.trim());
  if (match?.[1] === undefined) return 'none';
  const specs = match[1].split(',').map((s) => s.trim());
  if (specs.length > MAX_RANGES) return 'none';
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    const m = /^(\d*)-(\d*)$/.exec(spec);
    if (m === null) return 'none';
    const [, first = '', last = ''] = m;
    if (first === '' && last === '') return 'none';
    if (first === '') {
      const suffix = Number(last);
      if (suffix === 0) continue;
      ranges.push({ start: Math.max(0, size - suffix), end: size - 1 });
      continue;
    }
    const start = Number(first);
    const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
    if (last !== '' && Number(last) < start) return 'none';
    if (start >= size) continue;
    ranges.push({ start, end });
  }
  return ranges.length === 0 ? 'unsatisfiable' : ranges;
}
