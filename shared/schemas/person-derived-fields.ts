import { nameSearchKey } from '../text/search-keys.ts';
import { personSortKey } from '../text/vietnamese-collation.ts';
import type { Person } from './person.ts';

/** Fields of a person computed from its other fields; never edited, never merged, recomputed after every merge. */
export const derivedPersonFields = ['searchName', 'sortKey', 'identityKey'] as const;
export type DerivedPersonField = (typeof derivedPersonFields)[number];

/**
 * The person with its search fields recomputed: `searchName` (folded full name, for prefix search), `sortKey`
 * (Vietnamese order by tên, tên đệm, họ) and `identityKey` (the CCCD/CMND number, '' when unknown, for exact lookup).
 * Call it on every write and after every merge.
 */
export function withDerivedPersonFields(person: Omit<Person, DerivedPersonField>): Person {
  return {
    ...person,
    searchName: nameSearchKey(person.fullName),
    sortKey: personSortKey(person),
    identityKey: person.personalId ?? '',
  };
}
