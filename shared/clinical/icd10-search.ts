import type { CodeListEntry } from '../reference-data/reference-types.ts';
import { isValidOn } from '../reference-data/reference-types.ts';
import { searchKey } from '../text/search-keys.ts';
import { icd10Synonyms, icd10WordAliases, type Icd10Synonym } from './icd10-synonyms.ts';

export type Icd10Match = { readonly code: string; readonly name: string };

export type Icd10SearchOptions = {
  /** Abbreviations and lay words with the codes they mean (default: `icd10Synonyms`). */
  readonly synonyms?: readonly Icd10Synonym[];
  /** Codes listed before others among name matches (the primary-care codes staff pick most). */
  readonly preferred?: ReadonlySet<string>;
};

type Indexed = {
  readonly code: string;
  readonly name: string;
  readonly compactCode: string;
  readonly key: string;
  readonly rank: number;
};

/**
 * Search over the ICD-10 entries valid on `onDate`, as staff type:
 * - a synonym (THA, ĐTĐ, tiểu đường, cao huyết áp…; the query, two letters or more, the start of one of its terms)
 *   puts its codes first;
 * - then codes that start with the query, dot or not ("i10", "E119" finds E11.9), in code order;
 * - then names where every typed word starts a word of the name, in any order, with or without diacritics ("huyet ap
 *   tang"), preferred codes first, then names that start with the query, then shorter codes.
 * One entry per code. Words are looked up in an index of the names' distinct words, so a query costs a pass over
 * those words and the entries they name, and a walk of a fixed order, not a match against every name.
 */
export function createIcd10Search(
  list: readonly CodeListEntry[],
  onDate: string,
  options: Icd10SearchOptions = {},
): (query: string, limit?: number) => Icd10Match[] {
  const preferred = options.preferred ?? new Set<string>();
  const entries: Indexed[] = [];
  const byCode = new Map<string, Indexed>();
  for (const entry of list) {
    if (!isValidOn(entry, onDate) || byCode.has(entry.code)) continue;
    const indexed = {
      code: entry.code,
      name: entry.name,
      compactCode: entry.code.replace('.', '').toLowerCase(),
      key: searchKey(entry.name),
      rank: preferred.has(entry.code) ? 0 : 1,
    };
    entries.push(indexed);
    byCode.set(entry.code, indexed);
  }
  const wordIndex = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    for (const word of new Set(entry.key.split(' '))) {
      if (word === '') continue;
      const holders = wordIndex.get(word) ?? [];
      holders.push(i);
      wordIndex.set(word, holders);
    }
  });
  const words = [...wordIndex.keys()];
  const synonyms = (options.synonyms ?? icd10Synonyms).map((synonym) => ({
    terms: synonym.terms.map(searchKey),
    codes: synonym.codes,
  }));
  // Name matches are listed in this order (preferred codes, then shorter codes, then by code), those whose name
  // starts with the query first within each group: fixed here, so a query only walks it.
  const byShortCode = (a: number, b: number) => {
    const x = entries[a];
    const y = entries[b];
    if (x === undefined || y === undefined) return 0;
    return x.code.length - y.code.length || (x.code < y.code ? -1 : 1);
  };
  const all = entries.map((_, i) => i);
  const groups = [
    all.filter((i) => entries[i]?.rank === 0).sort(byShortCode),
    all.filter((i) => entries[i]?.rank !== 0).sort(byShortCode),
  ];
  // Per query: how many typed words each entry matched, counted once per word.
  const matched = new Uint8Array(entries.length);
  const lastWord = new Int32Array(entries.length).fill(-1);

  return (query, limit = 20) => {
    const typed = searchKey(query);
    if (typed === '') return [];
    const typedWords = typed.split(' ').map((word) => icd10WordAliases[word] ?? word);
    const results: Indexed[] = [];
    const seen = new Set<string>();
    const add = (entry: Indexed | undefined) => {
      if (entry === undefined || seen.has(entry.code)) return;
      seen.add(entry.code);
      results.push(entry);
    };
    // From two letters on: one letter starts too many terms to mean any of them.
    if (typed.length >= 2) {
      // A term typed in full ("tha") before terms it only starts ("thai binh thuong").
      for (const whole of [true, false]) {
        for (const synonym of synonyms) {
          if (!synonym.terms.some((term) => (whole ? term === typed : term.startsWith(typed)))) continue;
          for (const code of synonym.codes) add(byCode.get(code));
        }
      }
    }
    const compact = typed.replace(/[.\s]/g, '');
    if (/^[a-z]\d/.test(compact)) {
      for (const entry of entries) if (entry.compactCode.startsWith(compact)) add(entry);
    }
    if (results.length >= limit) return results.slice(0, limit).map(({ code, name }) => ({ code, name }));
    const queryWords = [...new Set(typedWords)];
    matched.fill(0);
    lastWord.fill(-1);
    queryWords.forEach((prefix, w) => {
      for (const word of words) {
        if (!word.startsWith(prefix)) continue;
        for (const i of wordIndex.get(word) ?? []) {
          if (lastWord[i] === w) continue;
          lastWord[i] = w;
          matched[i] = (matched[i] ?? 0) + 1;
        }
      }
    });
    const phrase = typedWords.join(' ');
    for (const group of groups) {
      for (const startsWithPhrase of [true, false]) {
        for (const i of group) {
          if (results.length >= limit) break;
          const entry = entries[i];
          if (entry === undefined || matched[i] !== queryWords.length) continue;
          if (entry.key.startsWith(phrase) === startsWithPhrase) add(entry);
        }
      }
    }
    return results.slice(0, limit).map(({ code, name }) => ({ code, name }));
  };
}
