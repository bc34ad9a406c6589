import nacl from 'tweetnacl';
import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { examplePerson } from '#shared/merge/merge-examples.test-support.ts';
import { withDerivedPersonFields } from '#shared/schemas/person-derived-fields.ts';
import type { Person } from '#shared/schemas/person.ts';
import { openStationDatabase } from '../database/open-station-database.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import { getRxStorageSqlite } from '../replica/sqlite-rx-storage.ts';
import { tempDirectory } from '../replica/sqlite-rx-storage.test-support.ts';
import { createResidentSearch } from './resident-search.ts';

const resident = (id: string, changes: Partial<Person>): Person =>
  withDerivedPersonFields({ ...examplePerson, id, ...changes });

describe('resident search on the station replica', () => {
  const open: StationDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });

  it('answers a record merged into another as the survivor, once, by name, health ID or phone', async () => {
    const db = await openStationDatabase({ storage: getRxStorageMemory(), name: `search-${randomToken(8)}` });
    open.push(db);
    await db.persons.bulkInsert([
      resident('p-survivor', {
        fullName: 'Lê Thị Thu',
        givenName: 'Thu',
        familyName: 'Lê',
        middleName: 'Thị',
        healthId: '0100000000017',
        phones: ['0911000111'],
      }),
      resident('p-redirect', {
        fullName: 'Lê Thị Thu',
        givenName: 'Thu',
        familyName: 'Lê',
        middleName: 'Thị',
        healthId: '0100000000025',
        phones: ['0988000222'],
        status: 'merged',
        mergedInto: 'p-survivor',
      }),
    ]);
    const search = createResidentSearch(db);
    try {
      for (const query of ['le thi thu', '0100000000025', '0988 000 222', '0100000000017']) {
        expect(
          (await search.search(query)).map((r) => r.id),
          query,
        ).toEqual(['p-survivor']);
      }
    } finally {
      search.close();
    }
  });

  it('builds the phone and BHYT index in the background, page by page from the encrypted replica, and keeps it current', async () => {
    const db = await openStationDatabase({
      storage: getRxStorageSqlite({ directory: tempDirectory(), key: nacl.randomBytes(32) }),
      name: `search-${randomToken(8)}`,
    });
    open.push(db);
    const card = (n: number) => `GD40101${String(n).padStart(8, '0')}`;
    await db.persons.bulkInsert(
      Array.from({ length: 8 }, (_, n) =>
        resident(`p-${String(n)}`, {
          phones: [`09120000${String(n).padStart(2, '0')}`],
          bhytCards: [{ code: card(n), validFrom: '2026-01-01', validTo: '2026-12-31', areaCode: 'K1' }],
        }),
      ),
    );
    await (await db.persons.findOne('p-7').exec(true)).remove();
    // Pages of three: the eight stored rows (one deleted) take three pages.
    const search = createResidentSearch(db, { indexPage: 3 });
    try {
      await search.warm();
      for (let n = 0; n < 7; n++) {
        expect((await search.search(`0912 0000 0${String(n)}`)).map((r) => r.id)).toEqual([`p-${String(n)}`]);
        expect((await search.search(card(n).toLowerCase())).map((r) => r.id)).toEqual([`p-${String(n)}`]);
      }
      expect(await search.search('0912000007')).toEqual([]);

      // A change after the build moves the person to the new number.
      await (await db.persons.findOne('p-2').exec(true)).incrementalPatch({ phones: ['0988777666'] });
      expect((await search.search('0988777666')).map((r) => r.id)).toEqual(['p-2']);
      expect(await search.search('0912000002')).toEqual([]);
      // The number found however it is typed: +84, 84, without its leading 0; the landline too.
      for (const typed of ['+84 988 777 666', '84988777666', '988777666', '988 777 666'])
        expect(
          (await search.search(typed)).map((r) => r.id),
          typed,
        ).toEqual(['p-2']);
      await (await db.persons.findOne('p-3').exec(true)).incrementalPatch({ landline: '02438251234' });
      expect((await search.search('+84 24 3825 1234')).map((r) => r.id)).toEqual(['p-3']);
    } finally {
      search.close();
    }
  });

  it('finds a name in any order, by the first letters of its words, with a year of birth, and a CCCD by its last six digits', async () => {
    const db = await openStationDatabase({ storage: getRxStorageMemory(), name: `words-${randomToken(8)}` });
    open.push(db);
    const named = (id: string, fullName: string, born: string, personalId?: string): Person => {
      const { personalId: _example, ...withoutId } = resident(id, {
        fullName,
        dateOfBirth: born as Person['dateOfBirth'],
      });
      return withDerivedPersonFields(personalId === undefined ? withoutId : { ...withoutId, personalId });
    };
    await db.persons.bulkInsert([
      named('an-63', 'Nguyễn Văn An', '1963-02-01', '001063012345'),
      named('an-90', 'Nguyễn Văn An', '1990', '001090654321'),
      named('anh', 'Nguyễn Vân Anh', '1985-07-07'),
      named('binh', 'Trần Văn Bình', '1963'),
    ]);
    const search = createResidentSearch(db);
    const ids = async (query: string) => (await search.search(query)).map((r) => r.id).sort();
    try {
      expect(await ids('an nguyen van')).toEqual(['an-63', 'an-90', 'anh']);
      expect(await ids('ng v an')).toEqual(['an-63', 'an-90', 'anh']);
      expect(await ids('ng v anh')).toEqual(['anh']);
      expect(await ids('nguyen van an 1963')).toEqual(['an-63']);
      expect(await ids('van 1963')).toEqual(['an-63', 'binh']);
      expect(await ids('Văn An 1990')).toEqual(['an-90']);
      expect(await ids('012345')).toEqual(['an-63']);
      expect(await ids('654 321')).toEqual(['an-90']);
      expect(await ids('nguyen van an 1971')).toEqual([]);
      expect(await ids('1963')).toEqual([]);
    } finally {
      search.close();
    }
  });
});
