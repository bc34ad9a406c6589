import { ageOn } from '#shared/clinical/age.ts';
import type {
  DueResidentSummary,
  ResidentSummary,
  WorklistFilter,
  WorklistSort,
} from '#shared/station-api/station-api.ts';
import { matchesSearchQuery, searchKey } from '#shared/text/search-keys.ts';

type Row = ResidentSummary | DueResidentSummary;

const dueOf = (row: Row): DueResidentSummary['due'] => ('due' in row ? row.due : []);

/**
 * The rows of a worklist (given in Vietnamese name order) that pass `filter`, in `sort` order on `onDate`:
 * - `text`: every word starts a word of the name, the health ID or the address, with or without diacritics;
 * - `sex`; an age range in completed years, met by any age a partial birth date allows;
 * - `vaccineCode`: a dose of that vaccine is due.
 * Sorting is stable, so residents the order cannot tell apart stay in name order.
 */
export function filterWorklist(
  rows: readonly Row[],
  filter: WorklistFilter,
  sort: WorklistSort,
  onDate: string,
): Row[] {
  const text = filter.text ?? '';
  const chosen = rows.filter((row) => {
    if (filter.sex !== undefined && row.sex !== filter.sex) return false;
    if (filter.vaccineCode !== undefined && !dueOf(row).some((d) => d.vaccineCode === filter.vaccineCode))
      return false;
    if (filter.minAgeYears !== undefined || filter.maxAgeYears !== undefined) {
      const age = ageOn(row.dateOfBirth, onDate);
      if (!age.ok) return false;
      if (filter.minAgeYears !== undefined && age.value.maxYears < filter.minAgeYears) return false;
      if (filter.maxAgeYears !== undefined && age.value.minYears > filter.maxAgeYears) return false;
    }
    return (
      text === '' || matchesSearchQuery(text, searchKey([row.fullName, row.healthId, row.address].join(' ')))
    );
  });
  const byBirth = (a: Row, b: Row) =>
    a.dateOfBirth < b.dateOfBirth ? -1 : a.dateOfBirth > b.dateOfBirth ? 1 : 0;
  const firstDue = (row: Row) =>
    dueOf(row).reduce((first, d) => (d.dueDate < first ? d.dueDate : first), '9999-12-31');
  switch (sort) {
    case 'name':
      return chosen;
    case 'age-ascending':
      return chosen.sort((a, b) => byBirth(b, a));
    case 'age-descending':
      return chosen.sort(byBirth);
    case 'most-overdue':
      return chosen.sort((a, b) => (firstDue(a) < firstDue(b) ? -1 : firstDue(a) > firstDue(b) ? 1 : 0));
  }
}
