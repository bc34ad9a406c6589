import type { CodeListEntry } from '#shared/reference-data/reference-types.ts';
import { isValidOn } from '#shared/reference-data/reference-types.ts';
import { matchesSearchQuery, searchKey } from '#shared/text/search-keys.ts';

export type Icd10Match = { readonly code: string; readonly name: string };

/**
 * Search over an ICD-10 list as staff type: by code ("i10", "E119" finds E11.9) or by the Vietnamese name with or
 * without diacritics ("tang huyet ap"), every typed word the start of a word of the name. Codes that start with the
 * query come first, then names, each in list order. Entries not valid on `onDate` are left out.
 */
export function createIcd10Search(list: readonly CodeListEntry[], onDate: string) {
  const entries = list
    .filter((entry) => isValidOn(entry, onDate))
    .map((entry) => ({
      code: entry.code,
      name: entry.name,
      compactCode: entry.code.replace('.', '').toLowerCase(),
      key: searchKey(entry.name),
    }));
  return (query: string, limit = 20): Icd10Match[] => {
    const typed = searchKey(query);
    if (typed === '') return [];
    const compact = typed.replace(/[.\s]/g, '');
    const byCode = entries.filter((entry) => entry.compactCode.startsWith(compact));
    const byName = entries.filter(
      (entry) => !entry.compactCode.startsWith(compact) && matchesSearchQuery(typed, entry.key),
    );
    return [...byCode, ...byName].slice(0, limit).map(({ code, name }) => ({ code, name }));
  };
}
