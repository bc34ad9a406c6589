/**
 * TCVN3 ("ABC", the .VnTime fonts): the byte encoding of TCVN 5712:1993, one byte per letter. Its table is the
 * standard's VN1 code chart as GNU libiconv carries it ("TCVN-5712"); VN3, what the ABC fonts use, is the same chart
 * without the upper-case toned letters of 0x80–0x9F and the C0 area, which are kept here so a VN1 file converts too.
 * Bytes 0xB0–0xB4 are the five combining tone marks (normalised to NFC by the caller).
 *
 * The ABC fonts' capitals: text set in an upper-case font (.VnTimeH) stores its toned capitals with the
 * lower-case codes, so `decodeTcvn3` raises a field (between tabs, commas, semicolons, bars, quotes or line ends)
 * whose ASCII letters are all capitals, two at least ("NGUYÔN V¨N" → "NGUYỄN VĂN").
 */

/** Bytes 0x80–0xFF, in order. */
const HIGH_HALF =
  'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ' +
  '\u00A0ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ' +
  'ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò' +
  'ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ';

/** The C0 positions VN1 gives to capitals (0x01 Ú … 0x17 Ỵ); every other control byte stays itself. */
const LOW_CAPITALS: Readonly<Record<number, string>> = {
  0x01: 'Ú',
  0x02: 'Ụ',
  0x04: 'Ừ',
  0x05: 'Ử',
  0x06: 'Ữ',
  0x11: 'Ứ',
  0x12: 'Ự',
  0x13: 'Ỳ',
  0x14: 'Ỷ',
  0x15: 'Ỹ',
  0x16: 'Ý',
  0x17: 'Ỵ',
};

const HIGH_CHARS = Array.from(HIGH_HALF);
if (HIGH_CHARS.length !== 128) throw new Error('the TCVN3 table must have 128 entries');

/** The Unicode text of one TCVN3 byte. */
export function tcvn3Char(byte: number): string {
  if (byte >= 0x80) return HIGH_CHARS[byte - 0x80] ?? '';
  return LOW_CAPITALS[byte] ?? String.fromCharCode(byte);
}

const table: readonly string[] = Array.from({ length: 256 }, (_, byte) => tcvn3Char(byte));

/** Where a field ends in a line of a list: a cell written in an upper-case font is raised on its own. */
const FIELD = /([\t\n\r,;|"])/;
const ASCII_LOWER = /[a-z]/;

/** A word of an upper-case ABC font: two ASCII capitals at least, and a toned letter that came out lower case. */
const CAPITALS_WORD = /(?=\p{L}*[A-Z]\p{L}*[A-Z])(?=\p{L}*\p{Ll})\p{L}+/u;

/**
 * A field set in an upper-case ABC font: no ASCII lower-case letter, and a word such as "THÞ" or "NGUYÔN" (two
 * capitals and a lower-case toned letter); its toned letters are raised. "Lª" ("Lê") or "Sè CCCD" ("Số CCCD") stay
 * as they read: one capital before a toned letter is just a capitalised word.
 */
function raiseCapitalField(field: string): string {
  if (ASCII_LOWER.test(field) || !CAPITALS_WORD.test(field)) return field;
  return field.toUpperCase();
}

/** Decodes TCVN3 bytes (each value 0–255) to NFC text. */
export function decodeTcvn3(bytes: ArrayLike<number>): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 1) text += table[bytes[i] ?? 0] ?? '';
  return text.normalize('NFC').split(FIELD).map(raiseCapitalField).join('');
}
