import { toneRank } from './vietnamese-alphabet.ts';

// A word is a run of letters with their marks; the text is in NFD while words are rewritten.
const WORD = /[\p{L}\p{M}]+/gu;
// One letter with the marks that follow it (or stray marks at the start of a word).
const LETTER_WITH_MARKS = /\p{M}+|\P{M}\p{M}*/gu;
// The clusters written both ways, as bare letters before the tone.
const SWINGING_CLUSTERS: ReadonlySet<string> = new Set(['oa', 'oe', 'uy']);
// Initial consonants that may precede the cluster. `q` and `i` are absent on purpose: after qu and gi the u or i
// belongs to the consonant, so quý, quả and giữa are not the cluster and keep their tone where it is.
const INITIAL_CONSONANTS = /^[bcdđghklmnprstvx]*$/u;

/**
 * Moves the tone of an open syllable ending in oa, oe or uy from the second vowel to the first, so the old and new
 * spellings (hoà/hòa, khoẻ/khỏe, thuỷ/thủy) give one form: tone on the first vowel. Closed syllables (hoàn, khoảng,
 * tuyến) and the clusters after q or gi (quý, quả) are left alone. Applied per word; case is kept; returns NFC.
 */
export function canonicalizeTonePlacement(s: string): string {
  return s.normalize('NFD').replace(WORD, canonicalizeWord).normalize('NFC');
}

function canonicalizeWord(word: string): string {
  const letters = word.match(LETTER_WITH_MARKS) ?? [];
  const last = letters.at(-1);
  const beforeLast = letters.at(-2);
  if (last?.length !== 2 || beforeLast?.length !== 1) return word;
  const lastBase = last.charAt(0);
  const tone = last.charAt(1);
  if (toneRank(tone) === 0) return word;
  if (!SWINGING_CLUSTERS.has((beforeLast + lastBase).toLowerCase())) return word;
  const initial = letters.slice(0, -2).join('');
  if (!INITIAL_CONSONANTS.test(initial.toLowerCase())) return word;
  return initial + beforeLast + tone + lastBase;
}
