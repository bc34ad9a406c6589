/**
 * The byte form of RxDB's indexable strings in SQLite index columns.
 *
 * RxDB orders index keys (`getIndexableStringMonad`, the query planner's bounds) by JavaScript string comparison,
 * that is by UTF-16 code units. SQLite compares TEXT as UTF-8 bytes, which sorts characters outside the BMP (emoji,
 * 𠀀) after U+FFFF, so an `INDEX_MAX`-padded upper bound would drop them. BLOBs compare with memcmp, and memcmp over
 * UTF-16 big-endian bytes is exactly code-unit order: `compare(indexKey(a), indexKey(b))` has the sign of `a < b`.
 */
/** Names the encoding in each table's signature: changing `indexKey` must change it, so old keys get rebuilt. */
export const INDEX_KEY_ENCODING = 'utf16be';

export function indexKey(indexableString: string): Buffer {
  return Buffer.from(indexableString, 'utf16le').swap16();
}
