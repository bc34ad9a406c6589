import { toneMarks } from './vietnamese-alphabet.ts';

/**
 * Whether a word can be a Vietnamese syllable: an initial consonant (or none), a vowel nucleus of Vietnamese
 * orthography and a final (or none), whatever its tone. Used to tell which legacy encoding a text was written in
 * (the right decoding yields syllables, a wrong one yields "nguyeón" or "nguyơn"); it is deliberately permissive
 * (some impossible tone/final pairs pass) and never judges a name's spelling.
 */
const INITIAL = '(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?';
const NUCLEI = [
  ...['iêu', 'yêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'ươi', 'ươu', 'uyê', 'uya', 'uyu'],
  ...['ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi'],
  ...['oo', 'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê'],
  ...['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'],
];
const FINAL = '(?:ch|ng|nh|[cmnpt])?';
const SYLLABLE = new RegExp(`^${INITIAL}(?:${NUCLEI.join('|')})${FINAL}$`);
const TONES = new RegExp(`[${toneMarks.join('')}]`, 'g');

/** `word`: letters only, any case and normalisation form. */
export function isVietnameseSyllable(word: string): boolean {
  const bare = word.toLowerCase().normalize('NFD').replace(TONES, '').normalize('NFC');
  return SYLLABLE.test(bare);
}

const NON_ASCII_WORD = /\p{L}*[^\p{ASCII}]\p{L}*/gu;

/**
 * How Vietnamese a text reads: of its words that hold a non-ASCII letter, the share that are syllables (0 when it
 * has none). Plain-ASCII words are left out: they read the same in every encoding.
 */
export function vietnameseScore(text: string): { readonly words: number; readonly syllables: number } {
  let words = 0;
  let syllables = 0;
  for (const match of text.normalize('NFC').matchAll(NON_ASCII_WORD)) {
    words += 1;
    if (isVietnameseSyllable(match[0])) syllables += 1;
  }
  return { words, syllables };
}
