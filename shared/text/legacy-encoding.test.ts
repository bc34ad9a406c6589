import { describe, expect, it } from 'vitest';
import { decodeWindows1252, detectVietnameseEncoding, fromLegacy } from './legacy-encoding.ts';
import { decodeTcvn3, tcvn3Char } from './tcvn3.ts';
import { isVietnameseSyllable } from './vietnamese-syllable.ts';
import { vietnameseLowercaseLetters } from './vietnamese-alphabet.ts';
import { decodeVni } from './vni.ts';
import { encodeWith, LOWER, UPPER_VNI } from './legacy-tables.test-support.ts';

const latin1Bytes = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

describe('legacy Vietnamese encodings', () => {
  it('hold every letter: 67 lower-case, 67 capitals, as the independent table has them', () => {
    expect(LOWER).toHaveLength(67);
    expect(UPPER_VNI).toHaveLength(67);
    const letters = new Set(
      vietnameseLowercaseLetters.filter((letter) => letter.normalize('NFD') !== letter || letter === 'đ'),
    );
    expect(new Set(LOWER.map(([letter]) => letter))).toEqual(letters);
  });

  it('decode each TCVN3 letter, byte by byte and as a string', () => {
    for (const [letter, tcvn3] of LOWER) {
      expect(decodeTcvn3(latin1Bytes(tcvn3)), letter).toBe(letter);
      expect(fromLegacy(tcvn3, 'tcvn3'), letter).toBe(letter);
    }
  });

  it('decode each VNI letter, lower-case and capital', () => {
    for (const [letter, , vni] of LOWER) expect(decodeVni(vni), letter).toBe(letter);
    for (const [letter, vni] of UPPER_VNI) expect(decodeVni(vni), letter).toBe(letter);
  });

  it('read the whole alphabet in a sentence the same as its Unicode original, in NFC', () => {
    const unicode = LOWER.map(([letter]) => letter).join(' ');
    expect(fromLegacy(LOWER.map(([, tcvn3]) => tcvn3).join(' '), 'tcvn3')).toBe(unicode);
    expect(fromLegacy(LOWER.map(([, , vni]) => vni).join(' '), 'vni')).toBe(unicode);
    expect(fromLegacy(UPPER_VNI.map(([, vni]) => vni).join(' '), 'vni')).toBe(unicode.toUpperCase());
    expect(fromLegacy(unicode.normalize('NFD'), 'unicode')).toBe(unicode);
  });

  it('raises a toned letter of an upper-case ABC font inside a word of capitals, and nothing else', () => {
    expect(fromLegacy('NGUY\u00d4N V\u00a8N AN', 'tcvn3')).toBe('NGUYỄN VĂN AN');
    expect(fromLegacy('Nguy\u00d4n V\u00a8n An', 'tcvn3')).toBe('Nguyễn Văn An');
    expect(fromLegacy('B\u00efi Th\u00de Lan', 'tcvn3')).toBe('Bùi Thị Lan');
    // One capital is a capitalised word, not an upper-case font ("Lª" is "Lê"); each field of a line on its own.
    expect(fromLegacy('L\u00aa', 'tcvn3')).toBe('Lê');
    expect(fromLegacy('L\u00aa TH\u00de TH\u00f1Y;Th\u00abn \u00a7\u00b5i', 'tcvn3')).toBe(
      'LÊ THỊ THỦY;Thôn Đài',
    );
  });

  it('follows the TCVN 5712 chart: VN1 capitals in 0x80–0x9F, combining tones at 0xB0–0xB4, controls kept', () => {
    expect(tcvn3Char(0x80)).toBe('À');
    expect(tcvn3Char(0x9f)).toBe('Ũ');
    expect(tcvn3Char(0xa0)).toBe('\u00a0');
    expect(decodeTcvn3([0x61, 0xb3])).toBe('á');
    expect(decodeTcvn3([0x09, 0x0a, 0x0d, 0x41])).toBe('\t\n\rA');
  });

  it('reads bytes as Windows-1252: its punctuation in 0x80–0x9F, Latin-1 elsewhere', () => {
    const all = Array.from({ length: 256 }, (_, byte) => byte);
    const text = decodeWindows1252(all);
    expect(Array.from(text)).toHaveLength(256);
    expect([0x80, 0x85, 0x8a, 0x8d, 0x91, 0x96, 0x99, 0x9f].map((byte) => text.charAt(byte))).toEqual([
      '€',
      '…',
      'Š',
      '\u008d',
      '‘',
      '–',
      '™',
      'Ÿ',
    ]);
    for (const byte of all.filter((b) => b < 0x80 || b >= 0xa0))
      expect(text.charCodeAt(byte), String(byte)).toBe(byte);
  });

  it('passes through what is already Unicode inside a TCVN3 string', () => {
    expect(fromLegacy('Nguy\u00d4n – ệ', 'tcvn3')).toBe('Nguyễn – ệ');
  });

  it('tells the encoding from a sample by which reading gives Vietnamese syllables', () => {
    const names = [
      'Nguyễn Văn Đức',
      'Trần Thị Hồng Nhung',
      'Phạm Quốc Việt',
      'Lê Thị Thủy',
      'Hoàng Minh Tuấn',
    ];
    const asTcvn3 = names.map((name) => encodeWith(name, 'tcvn3'));
    const asVni = names.map((name) => encodeWith(name, 'vni'));
    expect(detectVietnameseEncoding(names).encoding).toBe('unicode');
    expect(detectVietnameseEncoding(asTcvn3).encoding).toBe('tcvn3');
    expect(detectVietnameseEncoding(asVni).encoding).toBe('vni');
    expect(asTcvn3.map((name) => fromLegacy(name, 'tcvn3'))).toEqual(names);
    expect(asVni.map((name) => fromLegacy(name, 'vni'))).toEqual(names);
    // Nothing but ASCII: nothing to convert.
    expect(detectVietnameseEncoding(['Nguyen Van A', '0912345678'])).toEqual({
      encoding: 'unicode',
      words: 0,
    });
  });

  it('knows a syllable from a wrong decoding', () => {
    for (const word of ['nguyễn', 'Đức', 'khuyến', 'giường', 'quốc', 'ngoèo', 'thuở', 'À'])
      expect(isVietnameseSyllable(word), word).toBe(true);
    for (const word of ['nguyeón', 'nguyơn', 'vân̈', 'xyz', 'vaên'])
      expect(isVietnameseSyllable(word), word).toBe(false);
  });
});
