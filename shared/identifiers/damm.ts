/**
 * The Damm check-digit algorithm over decimal digits: one check digit that catches every single-digit substitution
 * and every transposition of two adjacent digits. The table is the standard totally anti-symmetric quasigroup of
 * order 10 with a zero diagonal (Damm 2004), which is why the check digit itself is covered as well.
 */
const table: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

const DIGITS = /^\d*$/;

function interim(digits: string): number {
  let state = 0;
  for (const ch of digits) state = table[state]?.[ch.charCodeAt(0) - 48] ?? Number.NaN;
  return state;
}

/** The check digit (0–9) to append to `digits`; throws a RangeError for non-digits, which is a caller bug. */
export function dammCheckDigit(digits: string): number {
  if (!DIGITS.test(digits)) throw new RangeError(`dammCheckDigit expects decimal digits, got "${digits}"`);
  return interim(digits);
}

/** True when `digitsWithCheck` is a non-empty digit string whose last digit is its Damm check digit. */
export function isDammValid(digitsWithCheck: string): boolean {
  return digitsWithCheck !== '' && DIGITS.test(digitsWithCheck) && interim(digitsWithCheck) === 0;
}
