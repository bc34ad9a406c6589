import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { examplePerson } from '../../../shared/merge/merge-examples.test-support.ts';
import { withDerivedPersonFields } from '../../../shared/schemas/person-derived-fields.ts';
import type { Person } from '../../../shared/schemas/person.ts';
import { openStationDatabase } from '../database/open-station-database.ts';
import type { StationDatabase } from '../database/station-collections.ts';
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
});
