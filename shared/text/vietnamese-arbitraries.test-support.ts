// fast-check generators of Vietnamese text shared by the tests of shared/text and shared/accounts.
// Test support only: production code never imports this file.
import fc from 'fast-check';

import { toneMarks, vietnameseLowercaseLetters } from './vietnamese-alphabet.ts';

const INITIALS = [
  ...['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh'],
  ...['p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'],
] as const;

const RHYMES = [
  ...[
    'a',
    'ai',
    'ao',
    'au',
    'ay',
    'an',
    'ang',
    'anh',
    'ac',
    'ach',
    'am',
    'ap',
    'at',
    'ăn',
    'ăng',
    'ăc',
    'ăm',
  ],
  ...['ăp', 'ăt', 'âu', 'ây', 'ân', 'âng', 'âc', 'âm', 'âp', 'ât', 'e', 'eo', 'en', 'eng', 'ec', 'em', 'ep'],
  ...['et', 'ê', 'êu', 'ên', 'ênh', 'êch', 'êm', 'êp', 'êt', 'i', 'ia', 'iu', 'in', 'inh', 'ich', 'im', 'ip'],
  ...['it', 'iêu', 'iên', 'iêng', 'iêc', 'iêm', 'iêp', 'iêt', 'o', 'oi', 'on', 'ong', 'oc', 'om', 'op', 'ot'],
  ...['oa', 'oai', 'oay', 'oan', 'oang', 'oanh', 'oac', 'oach', 'oat', 'oăn', 'oăc', 'oe', 'oen', 'oet', 'ô'],
  ...['ôi', 'ôn', 'ông', 'ôc', 'ôm', 'ôp', 'ôt', 'ơ', 'ơi', 'ơn', 'ơm', 'ơp', 'ơt', 'u', 'ua', 'ui', 'un'],
  ...['ung', 'uc', 'um', 'up', 'ut', 'uân', 'uât', 'uê', 'uy', 'uyên', 'uyêt', 'uynh', 'uyu', 'uôi', 'uôn'],
  ...['uông', 'uôc', 'uôm', 'uôt', 'ư', 'ưa', 'ưi', 'ưu', 'ưng', 'ưc', 'ưt', 'ươi', 'ươu', 'ươn', 'ương'],
  ...['ươc', 'ươm', 'ươp', 'ươt', 'y', 'yên', 'yêu'],
] as const;

const VOWELS = 'aăâeêioôơuưy';
const MARKED_VOWELS = 'ăâêôơư';

/** Where today's spelling puts the tone in a rhyme (index into the rhyme's letters). */
function tonePosition(rhyme: string): number {
  const letters = Array.from(rhyme);
  const vowelIndexes = letters.flatMap((letter, i) => (VOWELS.includes(letter) ? [i] : []));
  const marked = vowelIndexes.filter((i) => MARKED_VOWELS.includes(letters[i] ?? ''));
  const lastMarked = marked.at(-1);
  if (lastMarked !== undefined) return lastMarked;
  const closed = !VOWELS.includes(letters.at(-1) ?? '');
  if (closed) return vowelIndexes.at(-1) ?? 0;
  return vowelIndexes.length === 3 ? (vowelIndexes[1] ?? 0) : (vowelIndexes[0] ?? 0);
}

/** The letters of a syllable without its tone: an initial consonant and a rhyme (vần). */
export type SyllableShape = { readonly initial: string; readonly rhyme: string };

/** Initial consonants and rhymes that combine into a plausible syllable. */
export const syllableShape: fc.Arbitrary<SyllableShape> = fc
  .record({ initial: fc.constantFrom(...INITIALS), rhyme: fc.constantFrom(...RHYMES) })
  .filter(
    ({ initial, rhyme }) =>
      !(initial === 'qu' && rhyme.startsWith('u')) && !(initial === 'gi' && rhyme.startsWith('i')),
  );

/** Spells a syllable in NFC with tone 0 (none) to 5 (nặng) where today's spelling puts it (hòa, thúy, tiến). */
export function spellSyllable({ initial, rhyme }: SyllableShape, tone: number): string {
  const letters = Array.from(rhyme);
  const at = tonePosition(rhyme);
  const mark = tone === 0 ? '' : (toneMarks[tone - 1] ?? '');
  letters[at] = (letters[at] ?? '') + mark;
  return (initial + letters.join('')).normalize('NFC');
}

/** A lowercase NFC syllable, tone placed the modern way; always a fixed point of `canonicalizeTonePlacement`. */
export const syllable: fc.Arbitrary<string> = fc
  .tuple(syllableShape, fc.integer({ min: 0, max: toneMarks.length }))
  .map(([shape, tone]) => spellSyllable(shape, tone));

/** A syllable with an upper-case first letter, as names are written. */
export const capitalizedSyllable: fc.Arbitrary<string> = syllable.map(
  (word) => word.charAt(0).toUpperCase() + word.slice(1),
);

/** A Vietnamese full name of one to five words, single-spaced and NFC. */
export const fullName: fc.Arbitrary<string> = fc
  .array(capitalizedSyllable, { minLength: 1, maxLength: 5 })
  .map((words) => words.join(' '));

/** The same text as someone might type it: NFC or NFD, extra spaces, tabs or zero-width characters around words. */
export function messySpelling(text: string): fc.Arbitrary<string> {
  const gap = fc.constantFrom(' ', '  ', '\t', ' \u200b', '\u00a0', '\n ');
  return fc
    .record({
      nfd: fc.boolean(),
      gaps: fc.array(gap, { minLength: text.split(' ').length + 1, maxLength: text.split(' ').length + 1 }),
      edges: fc.boolean(),
    })
    .map(({ nfd, gaps, edges }) => {
      const words = text.split(' ');
      const joined = words.map((word, i) => (i === 0 ? '' : (gaps[i] ?? ' ')) + word).join('');
      const padded = edges ? `${gaps[0] ?? ''}${joined} \ufeff` : joined;
      return nfd ? padded.normalize('NFD') : padded;
    });
}

const TRICKY_CHARACTERS = [
  ...[' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u2028', '\u0085', '\u200b', '\u200c', '\u200d'],
  ...['\ufeff', '\u00ad', '\u202e', '\u0000', '\u0007', '\u007f', '\u0300', '\u0301', '\u0302', '\u0303'],
  ...[
    '\u0306',
    '\u0309',
    '\u031b',
    '\u0323',
    '\u0358',
    'A',
    'Z',
    'Đ',
    'İ',
    'ß',
    'ǅ',
    'Ω',
    '\u2126',
    '\u2000',
  ],
  ...['-', "'", '’', '_', '.', '0', '9', '٣', '😀', '𠀀', '\ud800', '\udc00', '\uffff'],
];

/**
 * Any text, weighted towards what the text functions must survive: Vietnamese letters, stray combining marks,
 * every kind of whitespace and invisible character, lone surrogates and astral characters. Cheaper to start than
 * fast-check's `binary` strings, which build their tables on first use.
 */
export const anyText: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...vietnameseLowercaseLetters),
    fc.constantFrom(...TRICKY_CHARACTERS),
    fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
  ),
  maxLength: 40,
});
