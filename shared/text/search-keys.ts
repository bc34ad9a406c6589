import { canonicalizeTonePlacement } from './canonical-tone-placement.ts';
import { cleanText } from './clean-text.ts';
import { foldDiacritics } from './fold-diacritics.ts';

/** The longest `searchName` stored on a person (its RxDB schema `maxLength`). */
export const NAME_SEARCH_KEY_MAX_LENGTH = 200;

/**
 * The folded form text is searched by: cleaned, lowercase, tone placement canonicalised, diacritics removed
 * (đ → d), so 'Nguyễn Thị Hoà', 'nguyen thi hòa' and their NFD spellings share one key. Idempotent.
 */
export function searchKey(text: string): string {
  // Lowercase before folding (İ lowercases to i + a combining dot), and clean again after: a stray combining
  // mark next to a space folds away and can leave a space at an edge.
  return cleanText(foldDiacritics(canonicalizeTonePlacement(cleanText(text).toLowerCase())));
}

/** The `searchName` of a person: the search key of the full name, at most 200 UTF-16 units, a prefix of the key. */
export function nameSearchKey(fullName: string): string {
  const key = searchKey(fullName);
  if (key.length <= NAME_SEARCH_KEY_MAX_LENGTH) return key;
  let end = NAME_SEARCH_KEY_MAX_LENGTH;
  // Never split a surrogate pair: stop before a lone high surrogate.
  const lastUnit = key.charCodeAt(end - 1);
  if (lastUnit >= 0xd800 && lastUnit <= 0xdbff) end -= 1;
  return key.slice(0, end).trimEnd();
}

/**
 * True when every word of the folded query is the start of some word of `key` (a stored search key), so
 * "ng th h" and "Thị Hoà" both find "nguyen thi hoa". An empty query matches everything.
 */
export function matchesSearchQuery(query: string, key: string): boolean {
  const keyWords = key.split(' ');
  return searchKey(query)
    .split(' ')
    .filter((word) => word !== '')
    .every((word) => keyWords.some((keyWord) => keyWord.startsWith(word)));
}

/** Bounds on a string index: keys `k` with `gte <= k < lt`; `lt` is absent when there is no upper bound. */
export type PrefixRange = { readonly gte: string; readonly lt?: string };

/**
 * The index range holding exactly the keys that start with the folded query, in JavaScript string order (UTF-16
 * code units, the order RxDB compares index strings in). An empty query gives the whole index.
 */
export function prefixRange(query: string): PrefixRange {
  const prefix = searchKey(query);
  // The first string after every extension of `prefix`: drop trailing U+FFFF units, then bump the last unit.
  let end = prefix.length;
  while (end > 0 && prefix.charCodeAt(end - 1) === 0xffff) end -= 1;
  if (end === 0) return { gte: prefix };
  return { gte: prefix, lt: prefix.slice(0, end - 1) + String.fromCharCode(prefix.charCodeAt(end - 1) + 1) };
}
