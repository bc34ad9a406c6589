/**
 * VNI Windows (the VNI-Times fonts): a vowel letter followed by a byte for its marks ("aù" = á, "oâ" = ô,
 * "ôù" = ớ), and single bytes for đ, ơ, ư and the toned i and y. Lower- and upper-case marks are different bytes
 * (ù/Ù, â/Â…). Here as characters of the Windows-1252 reading of the bytes, the form such text takes once it is a
 * string; the table is VNI's as the Vietnamese input methods (Unikey, Bamboo) carry it.
 */

/** Mark bytes after a vowel: tones alone, the vowel mark alone, or the vowel mark with a tone. */
const LOWER_MARKS = {
  tone: { ù: '\u0301', ø: '\u0300', û: '\u0309', õ: '\u0303', ï: '\u0323' },
  circumflex: { â: '', á: '\u0301', à: '\u0300', å: '\u0309', ã: '\u0303', ä: '\u0323' },
  breve: { ê: '', é: '\u0301', è: '\u0300', ú: '\u0309', ü: '\u0303', ë: '\u0323' },
} as const;

/** Single bytes that are a letter by themselves (lower case; capitals are their upper-case forms). */
const LOWER_SINGLES: Readonly<Record<string, string>> = {
  ñ: 'đ',
  ô: 'ơ',
  ö: 'ư',
  í: 'í',
  ì: 'ì',
  æ: 'ỉ',
  ó: 'ĩ',
  ò: 'ị',
  î: 'ỵ',
};

/** Bases a mark byte may follow: plain vowels, and ô/ö standing for ơ/ư. */
const TONE_BASES = ['a', 'e', 'o', 'u', 'y', 'ô', 'ö'] as const;
const CIRCUMFLEX_BASES = { a: 'â', e: 'ê', o: 'ô' } as const;

function buildPairs(): Map<string, string> {
  const pairs = new Map<string, string>();
  const add = (bytes: string, letter: string) => {
    pairs.set(bytes, letter.normalize('NFC'));
    pairs.set(bytes.toUpperCase(), letter.normalize('NFC').toUpperCase());
  };
  for (const base of TONE_BASES) {
    const letter = LOWER_SINGLES[base] ?? base;
    for (const [mark, tone] of Object.entries(LOWER_MARKS.tone)) add(base + mark, letter + tone);
  }
  for (const [base, letter] of Object.entries(CIRCUMFLEX_BASES)) {
    for (const [mark, tone] of Object.entries(LOWER_MARKS.circumflex)) add(base + mark, letter + tone);
  }
  for (const [mark, tone] of Object.entries(LOWER_MARKS.breve)) add(`a${mark}`, `ă${tone}`);
  return pairs;
}

const pairs = buildPairs();
const singles = new Map<string, string>(
  Object.entries(LOWER_SINGLES).flatMap(([byte, letter]) => [
    [byte, letter],
    [byte.toUpperCase(), letter.toUpperCase()],
  ]),
);

/** Decodes VNI text (the Windows-1252 reading of its bytes) to NFC. */
export function decodeVni(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const two = pairs.get(text.slice(i, i + 2));
    if (two !== undefined) {
      out += two;
      i += 2;
      continue;
    }
    const one = text.charAt(i);
    out += singles.get(one) ?? one;
    i += 1;
  }
  return out.normalize('NFC');
}
