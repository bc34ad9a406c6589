import { canonicalizeTonePlacement } from './canonical-tone-placement.ts';
import { cleanText } from './clean-text.ts';
import type { NameParts } from './split-full-name.ts';
import { toneRank, vietnameseAlphabet, vowelMarks } from './vietnamese-alphabet.ts';

/** The longest sort key (`sortKey` on persons has `maxLength` 300). */
export const SORT_KEY_MAX_LENGTH = 300;

// One collator for the module: it is immutable, and building one per comparison is slow.
const viCollator = new Intl.Collator('vi');

/** Vietnamese dictionary order by ICU/CLDR `vi` (Intl.Collator): negative, zero or positive like `localeCompare`. */
export function compareVietnamese(a: string, b: string): number {
  return viCollator.compare(a, b);
}

// Sort keys are printable ASCII, so byte, UTF-16 and code point order agree in every store. Layout:
//   ' ' (0x20) separates the parts of a person key; '!' separates a key's letters from its tones;
//   from '"' up, one character per primary unit in ICU order: space, punctuation, other symbols, digits,
//   the 33 letters, then a marker followed by 6 hex digits of the code point for any other letter or digit.
const PART_SEPARATOR = ' ';
const TONE_SEPARATOR = '!';
const OTHER_SYMBOL = 'other-symbol';
const OTHER_LETTER = 'other-letter';
// ASCII punctuation and symbols in the order of the CLDR root collation.
const PUNCTUATION_ORDER = '_-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';
const primaryOrder: readonly string[] = [
  ' ',
  ...Array.from(PUNCTUATION_ORDER),
  OTHER_SYMBOL,
  ...Array.from('0123456789'),
  ...vietnameseAlphabet,
  OTHER_LETTER,
];
const primaryWeight = new Map(primaryOrder.map((unit, i) => [unit, String.fromCharCode(0x22 + i)]));
// Look-alikes typed for the ASCII hyphen and apostrophe, weighted as those.
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2013', '-'],
  ['\u2019', "'"],
  ['\u02bc', "'"],
]);
const LETTER_WITH_MARKS = /\p{M}+|\P{M}\p{M}*/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function weightOf(unit: string): string {
  return primaryWeight.get(unit) ?? '';
}

function primaryOf(base: string, marks: string): string {
  const vowelMark = Array.from(marks).find((mark) => (vowelMarks as readonly string[]).includes(mark)) ?? '';
  const letter = (base + vowelMark).normalize('NFC');
  const known = primaryWeight.get(letter) ?? primaryWeight.get(ALIASES.get(base) ?? base);
  if (known !== undefined) return known;
  if (!LETTER_OR_DIGIT.test(base)) return weightOf(OTHER_SYMBOL);
  return weightOf(OTHER_LETTER) + (base.codePointAt(0) ?? 0).toString(16).padStart(6, '0');
}

/**
 * A printable-ASCII key whose plain `<` order is Vietnamese dictionary order: letters a ă â b c d đ e ê … ư v x y
 * first (primary), then tones as a secondary difference (none < huyền < hỏi < ngã < sắc < nặng), ignoring case
 * and tone placement (hoà = hòa). Agrees with `compareVietnamese` on Vietnamese words up to case. At most 300 chars.
 */
export function viSortKey(text: string): string {
  const prepared = canonicalizeTonePlacement(cleanText(text).toLowerCase()).normalize('NFD');
  let primary = '';
  let tones = '';
  for (const unit of prepared.match(LETTER_WITH_MARKS) ?? []) {
    const base = String.fromCodePoint(unit.codePointAt(0) ?? 0);
    if (/\p{M}/u.test(base)) continue;
    const marks = unit.slice(base.length);
    primary += primaryOf(base, marks);
    tones += String(Math.max(0, ...Array.from(marks).map(toneRank)));
  }
  // Trailing unmarked tones change nothing in the order ('0' is the lowest tone digit), so they are dropped.
  tones = tones.replace(/0+$/, '');
  const key = tones === '' ? primary : primary + TONE_SEPARATOR + tones;
  return key.slice(0, SORT_KEY_MAX_LENGTH);
}

/**
 * The `sortKey` of a person: Vietnamese lists order people by tên, then tên đệm, then họ. The parts' keys are
 * joined by a separator below every other key character, so a shorter part sorts first. At most 300 chars.
 */
export function personSortKey(name: NameParts): string {
  return [name.givenName, name.middleName, name.familyName]
    .map(viSortKey)
    .join(PART_SEPARATOR)
    .slice(0, SORT_KEY_MAX_LENGTH);
}

/** Orders people by tên, then tên đệm, then họ, each by `compareVietnamese`. */
export function comparePeople(a: NameParts, b: NameParts): number {
  return (
    compareVietnamese(a.givenName, b.givenName) ||
    compareVietnamese(a.middleName, b.middleName) ||
    compareVietnamese(a.familyName, b.familyName)
  );
}
