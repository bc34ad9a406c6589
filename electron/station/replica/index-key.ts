/**
 * The byte form of RxDB index keys in SQLite index columns: short keys that memcmp in exactly RxDB's order.
 *
 * RxDB orders documents on an index by JavaScript comparison (UTF-16 code units) of an indexable string: every field
 * part padded to a fixed width, strings with trailing spaces up to the field's `maxLength`. Storing that padded
 * string costs its full width for every row (2.3 KB of keys for a person). Instead each field part is encoded alone
 * and the parts are concatenated:
 * - trailing spaces are dropped (`'ab'` and `'ab '` pad to the same string) and one END byte closes the part, so an
 *   absent tail compares as the padding would: as spaces;
 * - each UTF-16 code unit is written like UTF-8 writes a code point, surrogate halves included (CESU-8), which
 *   keeps code-unit order (SQLite's TEXT order is code-point order and puts 😃 after U+FFFF);
 * - the bytes below and around END are reserved so that the comparison with "spaces to the end" comes out as
 *   RxDB's: units below U+0020 take bytes 0x00–0x1F, a space takes SPACE_BEFORE_LOW (0x20) when the first non-space
 *   unit after it is below U+0020 and SPACE_BEFORE_HIGH (0x22) otherwise, END is 0x21 between them, and units from
 *   U+0021 up start at 0x23 (ASCII shifted by 2, then CESU-8 lead bytes 0xC2–0xEF).
 * For field parts no longer than the field's width (numbers and booleans have fixed widths; strings are at most
 * `maxLength`, which RxDB's schema validation enforces), `compare(indexKey(a), indexKey(b))` has the sign of the
 * JavaScript comparison of the padded concatenations. A longer string part still orders field by field, whereas
 * RxDB's padded string would let it spill into the next field.
 */

/** Names the encoding in each table's signature: changing `indexKey` must change it, so old keys get rebuilt. */
export const INDEX_KEY_ENCODING = 'fields-cesu8-shifted-v1';

const SPACE = 0x20;
const SPACE_BEFORE_LOW = 0x20;
const END = 0x21;
const SPACE_BEFORE_HIGH = 0x22;
const ASCII_SHIFT = 2;

/**
 * The key of one index entry from its field parts, in index order: RxDB's string part of each field (a string
 * field's value with or without its padding, a number's fixed-width digits, a boolean's '0'/'1').
 */
export function indexKey(parts: readonly string[]): Buffer {
  let capacity = 0;
  for (const part of parts) capacity += part.length * 3 + 1;
  // Small allocations come from Node's shared pool; the key is a view of the bytes written.
  const out = Buffer.allocUnsafe(capacity);
  let n = 0;
  for (const part of parts) {
    let end = part.length;
    while (end > 0 && part.charCodeAt(end - 1) === SPACE) end--;
    for (let i = 0; i < end; i++) {
      const unit = part.charCodeAt(i);
      if (unit === SPACE) {
        // A run of spaces compares with the padding by the first unit after it (there is one: the tail is trimmed).
        let next = i + 1;
        while (part.charCodeAt(next) === SPACE) next++;
        const byte = part.charCodeAt(next) < SPACE ? SPACE_BEFORE_LOW : SPACE_BEFORE_HIGH;
        for (let j = i; j < next; j++) out[n++] = byte;
        i = next - 1;
      } else if (unit < SPACE) {
        out[n++] = unit;
      } else if (unit < 0x80) {
        out[n++] = unit + ASCII_SHIFT;
      } else if (unit < 0x800) {
        out[n++] = 0xc0 | (unit >> 6);
        out[n++] = 0x80 | (unit & 0x3f);
      } else {
        out[n++] = 0xe0 | (unit >> 12);
        out[n++] = 0x80 | ((unit >> 6) & 0x3f);
        out[n++] = 0x80 | (unit & 0x3f);
      }
    }
    out[n++] = END;
  }
  return out.subarray(0, n);
}
