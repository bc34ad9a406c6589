/**
 * Tables of Vietnamese orthography shared by folding, tone canonicalisation and collation.
 * Marks are the combining characters that precomposed Vietnamese letters decompose into (NFD).
 */

/** The 29 letters of the Vietnamese alphabet plus the loan letters f, j, w, z, in dictionary (ICU `vi`) order. */
export const vietnameseAlphabet = [
  ...['a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'],
  ...['n', 'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z'],
] as const;
export type VietnameseAlphabetLetter = (typeof vietnameseAlphabet)[number];

/** The twelve vowel letters; only they carry a tone mark. */
export const vietnameseVowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;

/**
 * The five combining tone marks in dictionary order: huyền (grave), hỏi (hook), ngã (tilde), sắc (acute),
 * nặng (dot below). The unmarked tone (ngang) sorts before all of them.
 */
export const toneMarks = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323'] as const;
export type ToneMark = (typeof toneMarks)[number];

/** Combining marks that make another letter rather than a tone: breve (ă), circumflex (â ê ô), horn (ơ ư). */
export const vowelMarks = ['\u0306', '\u0302', '\u031B'] as const;

/** The position of a tone mark in `toneMarks` counted from 1, or 0 when `mark` is not a tone mark. */
export function toneRank(mark: string): number {
  return (toneMarks as readonly string[]).indexOf(mark) + 1;
}

/** Every lowercase Vietnamese letter in NFC: the consonants, and each vowel with each of the six tones (89). */
export const vietnameseLowercaseLetters: readonly string[] = [
  ...vietnameseAlphabet.filter(
    (letter) => !'fjwz'.includes(letter) && !(vietnameseVowels as readonly string[]).includes(letter),
  ),
  ...vietnameseVowels.flatMap((vowel) => [
    vowel,
    ...toneMarks.map((tone) => (vowel + tone).normalize('NFC')),
  ]),
];
