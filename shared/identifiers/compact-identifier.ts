/**
 * The text of an identifier as typed or scanned, NFC-normalised, with the separators people put in it removed
 * (whitespace of any kind and dots: `001 099 012 345`, `001.099.012.345`). Returns `undefined` for anything that is
 * not a string, so parsers that take `unknown` can reject it with their own "required" issue.
 */
export function compactIdentifier(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  return input.normalize('NFC').replace(/[\s.]+/gu, '');
}
