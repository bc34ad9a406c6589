const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;

/**
 * Removes Vietnamese tone and vowel marks (and every other mark in U+0300–U+036F) and maps đ/Đ to d/D, which
 * have no decomposition. Case is kept. The result is NFC; each precomposed Vietnamese letter becomes one letter.
 */
export function foldDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING_DIACRITICS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}
