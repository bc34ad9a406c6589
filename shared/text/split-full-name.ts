import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { canonicalizeTonePlacement } from './canonical-tone-placement.ts';
import { cleanText } from './clean-text.ts';

/** A full name split into họ (family name), tên đệm (middle name, '' if none) and tên (given name). */
export type NameParts = {
  readonly familyName: string;
  readonly middleName: string;
  readonly givenName: string;
};

/**
 * Multi-word surnames, longest first so the longest one that fits wins. A name is only given one of these when
 * at least one word is left for the tên. Ambiguous cases follow this list; staff correct the split by hand where the
 * person says otherwise. "Nguyễn Phúc" (the former royal clan) is deliberately not listed: Phúc is a common tên đệm,
 * so "Nguyễn Phúc An" is far more often họ Nguyễn, đệm Phúc.
 */
export const compoundSurnames = [
  'Công Tằng Tôn Nữ',
  'Tôn Nữ',
  'Tôn Thất',
  'Âu Dương',
  'Hoàng Phủ',
  'Tư Mã',
  'Gia Cát',
] as const;

const issue = defineIssues({
  'full-name-empty': 'Chưa có họ tên. Nhập họ và tên đầy đủ như trên căn cước, ví dụ: Nguyễn Văn An.',
  'full-name-characters':
    'Họ tên "{input}" có ký tự không được phép: {characters}. Chỉ dùng chữ cái, dấu cách, dấu gạch nối (-) và dấu nháy (\').',
});
export type FullNameIssueCode = Parameters<typeof issue>[0];

// Letters with their marks, space, hyphen and the two apostrophes people type (' and ’).
const NOT_ALLOWED = /[^\p{L}\p{M} '’-]/gu;
const HAS_LETTER = /\p{L}/u;

function surnameKey(words: readonly string[]): string {
  return canonicalizeTonePlacement(words.join(' ')).toLowerCase();
}

const compoundSurnameWords = compoundSurnames.map((surname) => ({
  length: surname.split(' ').length,
  key: surnameKey(surname.split(' ')),
}));

/**
 * Splits a full name the Vietnamese way after `cleanText`: first word họ, last word tên, the words between tên đệm,
 * except that a known compound surname (`compoundSurnames`) is taken whole. A one-word name is a tên alone.
 */
export function splitFullName(fullName: unknown, path?: string): Result<NameParts, FullNameIssueCode> {
  if (typeof fullName !== 'string') return fail(issue('full-name-empty', undefined, path));
  const text = cleanText(fullName);
  const bad = text.match(NOT_ALLOWED);
  if (bad !== null) {
    const characters = [...new Set(bad)].map((ch) => `"${ch}"`).join(', ');
    return fail(issue('full-name-characters', { input: text, characters }, path));
  }
  if (!HAS_LETTER.test(text)) return fail(issue('full-name-empty', undefined, path));
  const words = text.split(' ');
  const givenName = words.at(-1) ?? '';
  if (words.length === 1) return ok({ familyName: '', middleName: '', givenName });
  const surnameLength =
    compoundSurnameWords.find(
      ({ length, key }) => length < words.length && surnameKey(words.slice(0, length)) === key,
    )?.length ?? 1;
  return ok({
    familyName: words.slice(0, surnameLength).join(' '),
    middleName: words.slice(surnameLength, -1).join(' '),
    givenName,
  });
}

/** Joins edited name parts back into one full name (họ, tên đệm, tên), cleaned; empty parts are skipped. */
export function joinNameParts(parts: NameParts): string {
  return cleanText([parts.familyName, parts.middleName, parts.givenName].join(' '));
}
