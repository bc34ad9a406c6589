import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addRxPlugin, createRxDatabase, randomToken, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { collections, rxCollectionCreator } from '#shared/schemas/collections.ts';
import { sampleEncounter, samplePerson } from '#shared/schemas/document-arbitraries.test-support.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Person } from '#shared/schemas/person.ts';
import { getRxStorageSqlite } from './sqlite-rx-storage.ts';
import { tempDirectory, TEST_KEY } from './sqlite-rx-storage.test-support.ts';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBAttachmentsPlugin);
addRxPlugin(RxDBCleanupPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

type Collections = { persons: RxCollection<Person>; encounters: RxCollection<Encounter> };

async function openStation(directory: string, name: string): Promise<RxDatabase<Collections>> {
  const db = await createRxDatabase<Collections>({
    name,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageSqlite({ directory, key: TEST_KEY }) }),
    multiInstance: false,
    cleanupPolicy: { awaitReplicationsInSync: false, waitForLeadership: false, runEach: 60_000 },
  });
  await db.addCollections({
    persons: rxCollectionCreator(collections.persons),
    encounters: {
      ...rxCollectionCreator(collections.encounters),
      schema: { ...collections.encounters.schema, attachments: {} },
    },
  });
  return db;
}

describe('SQLite RxStorage under a real RxDB database', () => {
  it("persists the project's collections across a reopen, with queries on their indexes", async () => {
    const directory = tempDirectory();
    const name = `station-${randomToken(6)}`;
    const db = await openStation(directory, name);
    await db.persons.insert(samplePerson);
    await db.encounters.insert(sampleEncounter);
    const inserted = await db.persons.findOne(samplePerson.id).exec();
    await inserted?.incrementalPatch({ updatedAt: '2026-03-02T02:00:00.000Z' });
    await db.close();
    expect(readdirSync(directory)).toEqual([`${name}.db`]);
    expect(readFileSync(join(directory, `${name}.db`)).includes(Buffer.from(samplePerson.fullName))).toBe(
      false,
    );

    const reopened = await openStation(directory, name);
    const person = await reopened.persons
      .findOne({ selector: { orgUnitId: samplePerson.orgUnitId }, sort: [{ sortKey: 'asc' }] })
      .exec();
    expect(person?.updatedAt).toBe('2026-03-02T02:00:00.000Z');
    const visits = await reopened.encounters
      .find({ selector: { personId: samplePerson.id }, sort: [{ date: 'asc' }] })
      .exec();
    expect(visits.map((v) => v.id)).toEqual([sampleEncounter.id]);
    await reopened.close();
  });

  it('stores attachments through the RxDB attachments plugin', async () => {
    const db = await openStation(tempDirectory(), `station-${randomToken(6)}`);
    const encounter = await db.encounters.insert(sampleEncounter);
    await encounter.putAttachment({
      id: 'phieu-xet-nghiem.txt',
      data: new Blob(['Đường huyết: 5,4 mmol/L'], { type: 'text/plain' }),
      type: 'text/plain',
    });
    const stored = await db.encounters.findOne(sampleEncounter.id).exec();
    const text = await stored?.getAttachment('phieu-xet-nghiem.txt')?.getStringData();
    expect(text).toBe('Đường huyết: 5,4 mmol/L');
    await db.close();
  });

  it('purges deleted documents through RxDB cleanup and deletes the file on database remove', async () => {
    const directory = tempDirectory();
    const name = `station-${randomToken(6)}`;
    const db = await openStation(directory, name);
    const doc = await db.persons.insert(samplePerson);
    await doc.remove();
    await db.persons.cleanup(0);
    const stillThere = await db.persons.storageInstance.findDocumentsById([samplePerson.id], true);
    expect(stillThere).toEqual([]);
    await db.remove();
    expect(existsSync(join(directory, `${name}.db`))).toBe(false);
  });
});
