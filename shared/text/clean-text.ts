/** Normalises to Unicode NFC, the form TCVN 6909:2001 and the regulation (Art. 4.5) require at every boundary. */
export function toNfc(s: string): string {
  return s.normalize('NFC');
}

// Control (Cc) and invisible format (Cf) characters: zero-width space and joiners, BOM, soft hyphen, bidi controls.
// Whitespace controls (tab, line breaks, NEL) are spared here and become spaces below. JS counts the BOM as `\s`.
const INVISIBLE = /\uFEFF|(?![\s\u0085])[\p{Cc}\p{Cf}]/gu;
const WHITESPACE_RUN = /[\s\u0085]+/gu;

/**
 * Single-line text as it should be stored and compared: NFC, without control, zero-width or BOM characters,
 * trimmed, and with every run of whitespace (line breaks included) collapsed to one space. Idempotent.
 */
export function cleanText(s: string): string {
  // NFC runs again at the end: removing an invisible character can bring a base letter next to its mark.
  return toNfc(s).replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim().normalize('NFC');
}
