/** What an uploaded file really is, by its first bytes (never by its name). */
export type FileKind = 'xlsx' | 'xls' | 'text' | 'unknown';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Signatures of files people upload by mistake: PDF, PNG, JPEG, GIF, RAR, 7z, gzip. */
const NOT_TABLES = [
  [0x25, 0x50, 0x44, 0x46],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x52, 0x61, 0x72, 0x21],
  [0x37, 0x7a, 0xbc, 0xaf],
  [0x1f, 0x8b],
];

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((byte, index) => bytes[index] === byte);

/**
 * `xlsx`: a ZIP (its parts are checked when it is opened); `xls`: an Excel 97–2003 compound file; `text`: no NUL
 * byte in the first KiB outside a UTF-16 text (a CSV, whatever its encoding); `unknown`: anything else.
 */
export function sniffFileKind(head: Uint8Array): FileKind {
  if (startsWith(head, ZIP)) return 'xlsx';
  if (startsWith(head, OLE2)) return 'xls';
  if (NOT_TABLES.some((signature) => startsWith(head, signature))) return 'unknown';
  const sample = head.subarray(0, 1024);
  if (utf16Order(sample) !== undefined) return 'text';
  return sample.includes(0) ? 'unknown' : 'text';
}

/**
 * The byte order of UTF-16 text: by its BOM, or, without one, by ASCII text's zero bytes all on one side (a Latin
 * or Vietnamese list is mostly ASCII). Undefined when the bytes are not UTF-16.
 */
export function utf16Order(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenZeros += 1;
    if (head[i + 1] === 0) oddZeros += 1;
  }
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return undefined;
  if (oddZeros >= pairs * 0.4 && evenZeros === 0) return 'utf-16le';
  if (evenZeros >= pairs * 0.4 && oddZeros === 0) return 'utf-16be';
  return undefined;
}
