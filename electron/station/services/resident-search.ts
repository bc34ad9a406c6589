import { getChangedDocumentsSince } from 'rxdb';
import type { Subscription } from 'rxjs';
import { normalizePhone, phoneSearchForms } from '#shared/identifiers/phone-number.ts';
import { compactIdentifier } from '#shared/identifiers/compact-identifier.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { ResidentSummary } from '#shared/station-api/station-api.ts';
import { prefixRange, searchKey } from '#shared/text/search-keys.ts';
import type { StationDatabase } from '../database/station-collections.ts';

export const DEFAULT_SEARCH_LIMIT = 20;

export type ResidentSearch = {
  /** Results for what the health worker typed, in Vietnamese order (by tên, tên đệm, họ). */
  search(query: string, limit?: number): Promise<ResidentSummary[]>;
  /**
   * Builds the phone/BHYT index now, in the background (the station core calls it at start), so the first such
   * search does not wait for it. Idempotent; a failure (the database closing meanwhile) is swallowed and the next
   * search tries again.
   */
  warm(): Promise<void>;
  close(): void;
};

/** Persons read per page while the phone/BHYT index is built. */
const INDEX_PAGE = 5_000;

/** What a query looks like it is: decided from its shape, so one search box serves every identifier. */
export type QueryKind = 'health-id' | 'personal-id' | 'personal-id-tail' | 'phone' | 'bhyt' | 'name';

/** How many last digits of a CCCD find it (staff read them off a card held at arm's length). */
export const PERSONAL_ID_TAIL = 6;

export function queryKindOf(query: string): QueryKind {
  const compact = compactIdentifier(query) ?? '';
  if (/^01\d{11}$/.test(compact)) return 'health-id';
  if (/^(\d{9}|\d{12})$/.test(compact)) return 'personal-id';
  if (/^\d{6}$/.test(compact)) return 'personal-id-tail';
  if (/^\+?\d{8,15}$/.test(compact)) return 'phone';
  if (/^[A-Za-z]{2}\d{13}$/.test(compact)) return 'bhyt';
  return 'name';
}

/**
 * Resident search on the station replica: names by folded, tone-insensitive prefix over the
 * `searchName` index ("nguyen van a" finds "Nguyễn Văn An"); health ID and CCCD by their indexes; BHYT card and phone
 * through in-memory maps kept current from the collection's change stream (RxDB cannot index array elements). A
 * record merged into another answers as the survivor.
 */
export function createResidentSearch(
  db: StationDatabase,
  options: { readonly indexPage?: number } = {},
): ResidentSearch {
  const indexPage = options.indexPage ?? INDEX_PAGE;
  const byPhone = new Map<string, Set<string>>();
  const byBhyt = new Map<string, Set<string>>();
  const byWord = new Map<string, Set<string>>();
  const byIdTail = new Map<string, Set<string>>();
  const keysOf = new Map<
    string,
    { phones: string[]; cards: string[]; words: string[]; tail: string | undefined; born: string }
  >();
  /** The distinct name words in order, for prefix lookups; rebuilt on the first search after a change. */
  let sortedWords: string[] | null = null;

  const add = (map: Map<string, Set<string>>, key: string, id: string) => {
    const ids = map.get(key) ?? new Set<string>();
    ids.add(id);
    map.set(key, ids);
  };
  const remove = (map: Map<string, Set<string>>, key: string, id: string) => {
    const ids = map.get(key);
    ids?.delete(id);
    if (ids?.size === 0) map.delete(key);
  };
  const index = (
    person:
      | Pick<Person, 'id' | 'phones' | 'landline' | 'bhytCards' | 'searchName' | 'personalId' | 'dateOfBirth'>
      | undefined,
    id: string,
  ) => {
    const previous = keysOf.get(id);
    for (const phone of previous?.phones ?? []) remove(byPhone, phone, id);
    for (const card of previous?.cards ?? []) remove(byBhyt, card, id);
    for (const word of previous?.words ?? []) remove(byWord, word, id);
    if (previous?.tail !== undefined) remove(byIdTail, previous.tail, id);
    sortedWords = null;
    if (person === undefined) {
      keysOf.delete(id);
      return;
    }
    const words = [...new Set(person.searchName.split(' ').filter((word) => word !== ''))];
    for (const word of words) add(byWord, word, id);
    const tail = person.personalId?.slice(-PERSONAL_ID_TAIL);
    if (tail !== undefined) add(byIdTail, tail, id);
    const phones = [...person.phones, ...(person.landline === undefined ? [] : [person.landline])].map(
      normalizePhone,
    );
    const cards = person.bhytCards.map((c) => c.code.toUpperCase());
    for (const phone of phones) add(byPhone, phone, id);
    for (const card of cards) add(byBhyt, card, id);
    keysOf.set(id, { phones, cards, words, tail, born: person.dateOfBirth });
  };

  let ready: Promise<void> | undefined;
  let subscription: Subscription | undefined;
  /**
   * Subscribes to changes first, then reads every stored person page by page straight from the storage, in write
   * order (the storage's indexed change feed, raw documents, no RxDocument per resident). A person changed while the
   * pages are read keeps the state its change event gave it, never the older one a page may hold.
   */
  const ensureIndex = () => {
    ready ??= (async () => {
      const changed = new Set<string>();
      let building = true;
      subscription = db.persons.$.subscribe((event) => {
        if (building) changed.add(event.documentId);
        index(event.operation === 'DELETE' ? undefined : event.documentData, event.documentId);
      });
      let checkpoint: unknown;
      for (;;) {
        const page = await getChangedDocumentsSince(db.persons.storageInstance, indexPage, checkpoint);
        for (const doc of page.documents) {
          if (!doc._deleted && !changed.has(doc.id)) index(doc, doc.id);
        }
        if (page.documents.length < indexPage) break;
        checkpoint = page.checkpoint;
      }
      building = false;
      changed.clear();
    })().catch((error: unknown) => {
      subscription?.unsubscribe();
      subscription = undefined;
      ready = undefined;
      byPhone.clear();
      byBhyt.clear();
      byWord.clear();
      byIdTail.clear();
      keysOf.clear();
      throw error;
    });
    return ready;
  };

  async function byIds(ids: Iterable<string>): Promise<Person[]> {
    const found = await db.persons.findByIds([...ids]).exec();
    return [...found.values()].map((doc) => doc.toJSON() as Person);
  }

  /**
   * A record merged into another (duplicate resolution) answers as the record it was merged into, once: an old card's
   * health ID or a name typed as before still finds the resident. A redirect whose survivor this replica lacks stays.
   */
  async function followRedirects(found: readonly Person[]): Promise<Person[]> {
    const targets = found.flatMap((p) =>
      p.status === 'merged' && p.mergedInto !== undefined ? [p.mergedInto] : [],
    );
    const survivors =
      targets.length === 0
        ? new Map<string, Person>()
        : new Map((await byIds(targets)).map((p) => [p.id, p]));
    const seen = new Set<string>();
    const resolved: Person[] = [];
    for (const person of found) {
      const shown =
        (person.mergedInto === undefined ? undefined : survivors.get(person.mergedInto)) ?? person;
      if (seen.has(shown.id)) continue;
      seen.add(shown.id);
      resolved.push(shown);
    }
    return resolved;
  }

  /**
   * Residents whose name has, for every word of the query, a word starting with it, in any order ("an nguyen van",
   * "ng v an"); a four-digit year among the words is the year of birth ("nguyen van an 1963").
   */
  async function byNameWords(query: string, limit: number): Promise<Person[]> {
    const tokens = searchKey(query)
      .split(' ')
      .filter((token) => token !== '');
    const years = tokens.filter((token) => /^(18|19|20)\d{2}$/.test(token));
    const words = tokens.filter((token) => !years.includes(token));
    if (words.length === 0) return [];
    await ensureIndex();
    sortedWords ??= [...byWord.keys()].sort();
    const all = sortedWords;
    let matched: Set<string> | undefined;
    for (const token of words) {
      const ids = new Set<string>();
      for (let i = lowerBound(all, token); i < all.length && all[i]?.startsWith(token) === true; i++)
        for (const id of byWord.get(all[i] ?? '') ?? [])
          if (matched === undefined || matched.has(id)) ids.add(id);
      matched = ids;
      if (matched.size === 0) return [];
    }
    const chosen = [...(matched ?? [])].filter(
      (id) => years.length === 0 || years.some((year) => keysOf.get(id)?.born.startsWith(year) === true),
    );
    return byIds(chosen.slice(0, limit));
  }

  /** Residents with the phone number `query` in any of its forms (+84, 84, without the leading 0). */
  async function byPhoneForms(query: string): Promise<Person[]> {
    await ensureIndex();
    const ids = new Set(phoneSearchForms(query).flatMap((form) => [...(byPhone.get(form) ?? [])]));
    return byIds(ids);
  }

  return {
    async search(query, limit = DEFAULT_SEARCH_LIMIT) {
      const compact = compactIdentifier(query) ?? '';
      let persons: Person[];
      switch (queryKindOf(query)) {
        case 'health-id':
          persons = (await db.persons.find({ selector: { healthId: compact }, limit }).exec()).map(
            (doc) => doc.toJSON() as Person,
          );
          break;
        case 'personal-id':
          persons = (await db.persons.find({ selector: { identityKey: compact }, limit }).exec()).map(
            (doc) => doc.toJSON() as Person,
          );
          // Nine digits are an old CMND, or a mobile typed without its leading 0.
          if (compact.length === 9) persons = [...persons, ...(await byPhoneForms(compact))];
          break;
        case 'phone':
          persons = await byPhoneForms(query);
          break;
        case 'personal-id-tail':
          await ensureIndex();
          persons = await byIds(byIdTail.get(compact) ?? []);
          break;
        case 'bhyt':
          await ensureIndex();
          persons = await byIds(byBhyt.get(compact.toUpperCase()) ?? []);
          break;
        case 'name': {
          const range = prefixRange(query);
          if (range.gte === '') return [];
          const docs = await db.persons
            .find({
              selector: {
                searchName: range.lt === undefined ? { $gte: range.gte } : { $gte: range.gte, $lt: range.lt },
              },
              sort: [{ searchName: 'asc' }],
              limit,
            })
            .exec();
          persons = docs.map((doc) => doc.toJSON() as Person);
          // Then the names with the query's words in another order, by their initials, or with a year of birth.
          if (persons.length < limit) {
            const seen = new Set(persons.map((p) => p.id));
            persons = [...persons, ...(await byNameWords(query, limit)).filter((p) => !seen.has(p.id))];
          }
        }
      }
      return (await followRedirects(persons.slice(0, limit)))
        .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
        .map(summaryOf);
    },
    async warm() {
      await ensureIndex().catch(() => undefined);
    },
    close() {
      subscription?.unsubscribe();
    },
  };
}

/** The first index of `sorted` whose value is not below `value`. */
function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? '') < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function summaryOf(person: Person): ResidentSummary {
  return {
    id: person.id,
    healthId: person.healthId,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    ...(person.personalId === undefined ? {} : { personalId: person.personalId }),
    status: person.status,
    ...(person.currentAddress.detail === undefined ? {} : { address: person.currentAddress.detail }),
  };
}
