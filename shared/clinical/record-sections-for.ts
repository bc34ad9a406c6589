import type { PartialDate } from '../dates/partial-date.ts';
import type { PersonSex } from '../schemas/person.ts';
import { ageOn } from './age.ts';

/** Youngest age at which QĐ 831's reproductive-health questions and the obstetrics exam are asked (menarche). */
export const REPRODUCTIVE_FROM_YEARS = 10;
/** QĐ 831 part D's "đánh giá phát triển" is for children: under 16 (Luật Trẻ em 2016, Art. 1). */
export const CHILD_UNTIL_YEARS = 16;

export type RecordSections = {
  /** Part B §7 (sức khỏe sinh sản, KHHGĐ) and part D's "Sản phụ khoa". */
  readonly reproductive: boolean;
  /** Part D's assessment of physical, mental and motor development. */
  readonly childDevelopment: boolean;
};

/**
 * Which sex- and age-dependent parts of the QĐ 831 form apply to a person on `onDate` (yyyy-mm-dd). When the sex is
 * unknown or the birth date only partly known, a part is shown if it may apply: hiding a question that applies
 * loses information; showing one that does not costs a glance.
 */
export function recordSectionsFor(
  person: { sex: PersonSex; dateOfBirth: PartialDate },
  onDate: string,
): RecordSections {
  const age = ageOn(person.dateOfBirth, onDate);
  const maxYears = age.ok ? age.value.maxYears : Number.POSITIVE_INFINITY;
  const minYears = age.ok ? age.value.minYears : 0;
  return {
    reproductive: person.sex !== 'male' && maxYears >= REPRODUCTIVE_FROM_YEARS,
    childDevelopment: minYears < CHILD_UNTIL_YEARS,
  };
}
