import {
  addRxPlugin,
  createRxDatabase,
  randomToken,
  type MangoQuery,
  type RxCollection,
  type RxDatabase,
} from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { formatHealthId } from '../identifiers/health-id.ts';
import { prefixRange } from '../text/search-keys.ts';
import { comparePeople } from '../text/vietnamese-collation.ts';
import { collections, rxCollectionCreator } from './collections.ts';
import { sampleEncounter, sampleImmunization, samplePerson } from './document-arbitraries.test-support.ts';
import type { Encounter } from './encounter.ts';
import type { Immunization } from './immunization.ts';
import type { Person } from './person.ts';
import { withDerivedPersonFields } from './person-derived-fields.ts';

type Collections = {
  persons: RxCollection<Person>;
  encounters: RxCollection<Encounter>;
  immunizations: RxCollection<Immunization>;
};

disableWarnings();
addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

/** A fresh in-memory database, schema-validated by ajv, with the three collections registered from `collections`. */
async function withDatabase(run: (db: RxDatabase<Collections>) => Promise<void> | void): Promise<void> {
  const db = await createRxDatabase<Collections>({
    name: `hssk-schemas-${randomToken(10)}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  try {
    await db.addCollections({
      persons: rxCollectionCreator(collections.persons),
      encounters: rxCollectionCreator(collections.encounters),
      immunizations: rxCollectionCreator(collections.immunizations),
    });
    await run(db);
  } finally {
    await db.close();
  }
}

/** The index RxDB's query planner picks for a query (the `_deleted` prefix and `id` suffix it adds are dropped). */
function plannedIndex<T>(collection: RxCollection<T>, query: MangoQuery<T>): string[] {
  return collection
    .find(query)
    .getPreparedQuery()
    .queryPlan.index.filter((field) => field !== '_deleted' && field !== 'id');
}

function person(
  serial: number,
  fullName: string,
  [familyName, middleName, givenName]: [string, string, string],
  extra: { orgUnitId?: string; personalId?: string } = {},
): Person {
  const base: Person = { ...samplePerson };
  delete base.personalId;
  return withDerivedPersonFields({
    ...base,
    id: `P${String(serial).padStart(25, '0')}`,
    orgUnitId: extra.orgUnitId ?? 'tyt-00070',
    healthId: formatHealthId(serial),
    ...(extra.personalId === undefined ? {} : { personalId: extra.personalId }),
    fullName,
    familyName,
    middleName,
    givenName,
  });
}

const residents = [
  person(1, 'Nguyễn Thị Hoà', ['Nguyễn', 'Thị', 'Hoà']),
  person(2, 'Trần Văn An', ['Trần', 'Văn', 'An'], { personalId: '001190000123' }),
  person(3, 'Lê Minh Đức', ['Lê', 'Minh', 'Đức']),
  person(4, 'Nguyễn Văn Bình', ['Nguyễn', 'Văn', 'Bình']),
  person(5, 'Phạm Thu Hà', ['Phạm', 'Thu', 'Hà'], { orgUnitId: 'tyt-09556' }),
];

describe('the collection schemas in a real RxDB database', () => {
  it('registers the three collections through the dev-mode schema checks', async () => {
    await withDatabase((db) => {
      expect(Object.keys(db.collections).sort()).toEqual(['encounters', 'immunizations', 'persons']);
    });
  });

  it('finds persons by folded name prefix, health ID, CCCD and the station list order', async () => {
    await withDatabase(async (db) => {
      await db.persons.bulkInsert(residents);

      const range = prefixRange('nguyen');
      const byName: MangoQuery<Person> = {
        selector: { searchName: { $gte: range.gte, ...(range.lt === undefined ? {} : { $lt: range.lt }) } },
      };
      expect(plannedIndex(db.persons, byName)).toEqual(['searchName']);
      const found = await db.persons.find(byName).exec();
      expect(found.map((doc) => doc.fullName).sort()).toEqual(['Nguyễn Thị Hoà', 'Nguyễn Văn Bình']);

      const byHealthId: MangoQuery<Person> = { selector: { healthId: formatHealthId(3) } };
      expect(plannedIndex(db.persons, byHealthId)).toEqual(['healthId']);
      expect((await db.persons.findOne(byHealthId).exec())?.fullName).toBe('Lê Minh Đức');

      const byCccd: MangoQuery<Person> = { selector: { identityKey: '001190000123' } };
      expect(plannedIndex(db.persons, byCccd)).toEqual(['identityKey']);
      expect((await db.persons.findOne(byCccd).exec())?.fullName).toBe('Trần Văn An');

      const stationList: MangoQuery<Person> = {
        selector: { orgUnitId: 'tyt-00070' },
        sort: [{ sortKey: 'asc' }],
      };
      expect(plannedIndex(db.persons, stationList)).toEqual(['orgUnitId', 'sortKey']);
      const listed = (await db.persons.find(stationList).exec()).map((doc) => doc.toJSON());
      const expected = residents.filter((p) => p.orgUnitId === 'tyt-00070').sort(comparePeople);
      expect(listed.map((p) => p.fullName)).toEqual(expected.map((p) => p.fullName));
      expect(listed.map((p) => p.givenName)).toEqual(['An', 'Bình', 'Đức', 'Hoà']);
    });
  });

  it("finds a person's encounters and immunizations by date through the personId+date index", async () => {
    await withDatabase(async (db) => {
      const visits = ['2026-01-05', '2026-03-02', '2025-11-20'].map((date, i) => ({
        ...sampleEncounter,
        id: `E${String(i).padStart(25, '0')}`,
        date,
      }));
      await db.encounters.bulkInsert([
        ...visits,
        { ...sampleEncounter, id: 'E-other', personId: 'someone-else' },
      ]);
      const since2026: MangoQuery<Encounter> = {
        selector: { personId: samplePerson.id, date: { $gte: '2026-01-01' } },
        sort: [{ date: 'asc' }],
      };
      expect(plannedIndex(db.encounters, since2026)).toEqual(['personId', 'date']);
      expect((await db.encounters.find(since2026).exec()).map((doc) => doc.date)).toEqual([
        '2026-01-05',
        '2026-03-02',
      ]);

      await db.immunizations.insert(sampleImmunization);
      const card: MangoQuery<Immunization> = {
        selector: { personId: samplePerson.id },
        sort: [{ date: 'asc' }],
      };
      expect(plannedIndex(db.immunizations, card)).toEqual(['personId', 'date']);
      expect((await db.immunizations.find(card).exec()).map((doc) => doc.vaccineCode)).toEqual(['TT']);
    });
  });

  it('rejects documents that break the schema', async () => {
    await withDatabase(async (db) => {
      await expect(db.persons.insert({ ...samplePerson, healthId: '12' })).rejects.toThrow();
      await expect(db.persons.insert({ ...samplePerson, nickname: 'x' } as Person)).rejects.toThrow();
      await expect(
        db.encounters.insert({ ...sampleEncounter, status: 'lost' } as unknown as Encounter),
      ).rejects.toThrow();
      await expect(db.immunizations.insert({ ...sampleImmunization, dose: 0 })).rejects.toThrow();
      expect(await db.persons.count().exec()).toBe(0);
    });
  });
});
