import { decodeTcvn3 } from './tcvn3.ts';
import { vietnameseScore } from './vietnamese-syllable.ts';
import { decodeVni } from './vni.ts';

/**
 * Vietnamese text from before Unicode: files and cells written with the TCVN3 (ABC) or VNI fonts. Their letters are
 * bytes that Windows shows as Latin-1 symbols ("NguyÔn V¨n", "Nguyeãn Vaên"); this turns them into NFC Unicode, by
 * choice or by detection (the decoding whose words are Vietnamese syllables wins; text already in Unicode is left
 * alone).
 */
export const vietnameseEncodings = ['unicode', 'tcvn3', 'vni'] as const;
export type VietnameseEncoding = (typeof vietnameseEncodings)[number];

/**
 * Windows-1252's characters for bytes 0x80–0x9F (the WHATWG encoding standard's index; its five unassigned bytes
 * read as the C1 control of the same value). Every other byte reads as the Latin-1 character of its value.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * The byte a character of a legacy string stands for: its Latin-1 value. Windows-1252's own characters of
 * 0x80–0x9F ("–", "’", "€") are left as they are: neither ABC nor VNI fonts put letters there, so in a cell they are
 * the punctuation they look like.
 */
const byteOf = (char: string): number | undefined => {
  const code = char.charCodeAt(0);
  return char.length === 1 && code < 0x100 ? code : undefined;
};

/** The Windows-1252 reading of bytes: how a legacy CSV or text file becomes a string to convert. */
export function decodeWindows1252(bytes: ArrayLike<number>): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] ?? 0;
    text += byte >= 0x80 && byte < 0xa0 ? (WINDOWS_1252_HIGH[byte - 0x80] ?? '') : String.fromCharCode(byte);
  }
  return text;
}

/** The bytes a legacy string was typed as; a character no single byte reads as is kept as itself (undefined). */
function bytesOf(text: string): (number | string)[] {
  return Array.from(text, (char) => byteOf(char) ?? char);
}

/** Converts one string of a legacy encoding (an XLSX cell, a CSV field read as Windows-1252) to NFC. */
export function fromLegacy(text: string, encoding: VietnameseEncoding): string {
  switch (encoding) {
    case 'unicode':
      return text.normalize('NFC');
    case 'vni':
      return decodeVni(text);
    case 'tcvn3': {
      // Runs of characters that are bytes convert together; anything else (already Unicode) passes through.
      let out = '';
      let run: number[] = [];
      for (const part of bytesOf(text)) {
        if (typeof part === 'number') {
          run.push(part);
          continue;
        }
        out += decodeTcvn3(run) + part;
        run = [];
      }
      return (out + decodeTcvn3(run)).normalize('NFC');
    }
  }
}

/** Has any character outside ASCII (otherwise every encoding reads it the same). */
const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * Which encoding `sample` (strings as read) was written in: each decoding is scored by the share of its non-ASCII
 * words that are Vietnamese syllables, Unicode first and kept on a tie. `words` is how many words decided it.
 */
export function detectVietnameseEncoding(sample: readonly string[]): {
  readonly encoding: VietnameseEncoding;
  readonly words: number;
} {
  const text = sample.filter((value) => NON_ASCII.test(value)).join('\n');
  let best: { encoding: VietnameseEncoding; score: number; words: number } = {
    encoding: 'unicode',
    score: -1,
    words: 0,
  };
  for (const encoding of vietnameseEncodings) {
    const { words, syllables } = vietnameseScore(fromLegacy(text, encoding));
    const score = words === 0 ? 0 : syllables / words;
    if (score > best.score) best = { encoding, score, words };
  }
  return { encoding: best.encoding, words: best.words };
}
