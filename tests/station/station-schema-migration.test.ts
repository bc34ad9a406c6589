import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import type { RxJsonSchema } from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStationDatabase } from '#electron/station/database/open-station-database.ts';
import { stationCollectionCreators } from '#electron/station/database/station-collections.ts';
import { getRxStorageSqlite } from '#electron/station/replica/sqlite-rx-storage.ts';
import { createHealthIdIssuer } from '#electron/station/services/health-id-issuer.ts';
import { createOutbox } from '#electron/station/sync/outbox.ts';
import { createHlc, serializeHlc } from '#shared/clock/hlc.ts';
import { stampWrite } from '#shared/merge/stamp-write.ts';
import { personFieldGroups } from '#shared/schemas/field-groups.ts';
import { withDerivedPersonFields, type DerivedPersonField } from '#shared/schemas/person-derived-fields.ts';
import { encounterSchema } from '#shared/schemas/encounter-schema.ts';
import { immunizationSchema } from '#shared/schemas/immunization-schema.ts';
import { personSchema } from '#shared/schemas/person-schema.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { registerResident, syncOf, until } from '../support/station-sync-parts.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

const BABY = {
  dateOfBirth: '2025-06-01',
  history: { birthCondition: { deliveryMode: 'vaginal', birthWeightGrams: 3100 } },
} as const;

/**
 * The collections as the first release shipped them (schema version 0): today's schemas without what versions 1
 * and 2 added (`updatedBy` everywhere, `history.birthCondition.maternalTetanusDoses` on persons, uncoded diagnoses
 * on encounters). A replica written by that app must open in this one.
 */
function version0<T>(current: RxJsonSchema<T>): RxJsonSchema<T> {
  type Properties = Record<string, { properties?: Properties }>;
  const schema = structuredClone(current) as unknown as { properties: Properties };
  delete schema.properties['updatedBy'];
  delete schema.properties['history']?.properties?.['birthCondition']?.properties?.['maternalTetanusDoses'];
  // Version 2 of encounters let a diagnosis go without a code (`uncoded`); before it the code was required.
  const diagnoses = schema.properties['diagnoses'] as
    { items?: { properties?: Properties; required?: string[] } } | undefined;
  const diagnosis = diagnoses?.items;
  if (diagnosis?.properties?.['uncoded'] !== undefined) {
    delete diagnosis.properties['uncoded'];
    diagnosis.required = ['icd10', ...(diagnosis.required ?? [])];
  }
  return { ...(schema as unknown as RxJsonSchema<T>), version: 0 };
}
const version0Creators = {
  persons: { schema: version0(personSchema), migrationStrategies: {} },
  encounters: { schema: version0(encounterSchema), migrationStrategies: {} },
  immunizations: { schema: version0(immunizationSchema), migrationStrategies: {} },
};

describe.each(testBackends)('a station replica written by the previous schema, on $name', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let directory = '';

  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database);
    directory = await mkdtemp(join(tmpdir(), 'hssk-station-migration-'));
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('opens in the new app with every resident and pending change, and syncs on from where it was', async () => {
    const station = await server.enrolStation(0);
    const storage = () => getRxStorageSqlite({ directory, key });
    const key = nacl.randomBytes(32);
    const name = 'station-migration';

    // The previous app: syncs, registers one resident (delivered) and one more offline (pending). It synced with a
    // server of its own version; this server stands in for it, so the client names the versions this server stores.
    const old = await openStationDatabase({
      storage: storage(),
      name,
      creators: version0Creators,
    });
    expect([old.persons, old.encounters, old.immunizations].map((c) => c.schema.version)).toEqual([0, 0, 0]);
    const first = syncOf(old, station, server.baseUrl);
    await first.syncNow();
    await until(async () => (await createHealthIdIssuer(old, station.device.deviceId).remaining()) > 0);
    const delivered = await registerResident(old, station, {
      ...BABY,
      fullName: 'Phạm Thị Lan',
      author: undefined,
    });
    await first.syncNow();
    await until(async () => (await createOutbox(old).summary()).pendingChanges === 0);
    await first.stop();
    const caughtUp = syncOf(old, station, server.baseUrl);
    await caughtUp.syncNow();
    const expectedBefore = caughtUp.status().expected['persons'];
    await caughtUp.stop();
    const pending = await registerResident(old, station, {
      ...BABY,
      fullName: 'Đỗ Thị Hoa',
      author: undefined,
    });
    const before = (await old.persons.find().exec()).map((doc) => doc.toJSON()).sort(byId);
    expect(before).toHaveLength(2);
    await old.close();

    // The new app opens the same file: the current versions, the same residents, the offline change still waiting.
    const db = await openStationDatabase({ storage: storage(), name });
    try {
      expect([db.persons, db.encounters, db.immunizations].map((c) => c.schema.version)).toEqual([2, 4, 3]);
      expect((await db.persons.find().exec()).map((doc) => doc.toJSON()).sort(byId)).toEqual(before);
      expect(await createOutbox(db).summary()).toMatchObject({ pendingChanges: 1 });

      // It takes what version 1 added.
      const doc = await db.persons.findOne(delivered.id).exec(true);
      const current = doc.toJSON() as Person;
      const history = {
        ...current.history,
        birthCondition: { ...current.history.birthCondition, maternalTetanusDoses: 2 },
      };
      await doc.incrementalModify(() =>
        withDerivedPersonFields(
          stampWrite<Omit<Person, DerivedPersonField>>(
            current,
            { ...current, history },
            personFieldGroups,
            serializeHlc(createHlc({ node: station.device.deviceId, now: () => Date.now() }).now()),
            new Date().toISOString(),
            station.staff.userName,
          ),
        ),
      );
      await createOutbox(db).record('persons', delivered.id, new Date());

      // The replication checkpoints moved with the data: nothing more to pull than before the update.
      const sync = syncOf(db, station, server.baseUrl);
      await sync.syncNow();
      expect(sync.status().expected['persons']).toBe(expectedBefore);
      await until(async () => (await createOutbox(db).summary()).pendingChanges === 0);
      await sync.stop();
      const stored = await server.storedDocuments('persons');
      expect(stored.find((d) => d['id'] === pending.id)).toMatchObject({ fullName: 'Đỗ Thị Hoa' });
      expect(stored.find((d) => d['id'] === delivered.id)).toMatchObject({
        updatedBy: station.staff.userName,
        history: { birthCondition: { maternalTetanusDoses: 2, birthWeightGrams: 3100 } },
      });
    } finally {
      await db.close();
    }
  }, 90_000);

  it('refuses an app built with an older or newer persons schema, keeps its writes, and lets the other collections sync', async () => {
    const station = await server.enrolStation(0);
    const key = nacl.randomBytes(32);
    const db = await openStationDatabase({
      storage: getRxStorageSqlite({ directory: join(directory, 'out-of-step'), key }),
      name: 'station-out-of-step',
    });
    try {
      const current = db.persons.schema.version;
      // What this app stores every collection in, with persons changed as another app version would have it.
      const versions = Object.fromEntries(
        Object.entries(stationCollectionCreators).map(([name, creator]) => [name, creator.schema.version]),
      );
      const older = syncOf(db, station, server.baseUrl, { ...versions, persons: current - 1 });
      await older.syncNow().catch(() => undefined);
      // The health-ID pools (same version on both sides) still arrive, so registration works offline as usual.
      await until(async () => (await createHealthIdIssuer(db, station.device.deviceId).remaining()) > 0);
      const person = await registerResident(db, station, {
        ...BABY,
        fullName: 'Vũ Thị Thu',
        author: station.staff.userName,
      });
      await older.syncNow().catch(() => undefined);
      await until(() => older.status().errors.some((e) => e.code === 'schema-version-outdated'));
      expect(older.status().state).toBe('needs-attention');
      expect(older.status().errors.find((e) => e.collection === 'persons')?.message).toContain(
        'cập nhật phần mềm',
      );
      expect(await createOutbox(db).summary()).toMatchObject({ pendingChanges: 1 });
      expect((await server.storedDocuments('persons')).some((d) => d['id'] === person.id)).toBe(false);
      await older.stop();

      // An app from before the header (it sends none) is held to version 0.
      const beforeHeader = syncOf(db, station, server.baseUrl, {});
      await beforeHeader.syncNow().catch(() => undefined);
      await until(() => beforeHeader.status().errors.some((e) => e.code === 'schema-version-outdated'));
      expect(await createOutbox(db).summary()).toMatchObject({ pendingChanges: 1 });
      await beforeHeader.stop();

      // A newer app: the server refuses its pulls, and the app itself does not push to a server that is behind.
      const newer = syncOf(db, station, server.baseUrl, { ...versions, persons: current + 1 });
      await newer.syncNow().catch(() => undefined);
      await until(() => {
        const codes = newer.status().errors.map((e) => e.code);
        return codes.includes('schema-version-ahead') && codes.includes('schema-version-server-behind');
      });
      expect(await createOutbox(db).summary()).toMatchObject({ pendingChanges: 1 });
      await newer.stop();

      // Updated (the versions agree): the kept write is delivered.
      const updated = syncOf(db, station, server.baseUrl);
      await updated.syncNow();
      await until(async () => (await createOutbox(db).summary()).pendingChanges === 0);
      expect((await server.storedDocuments('persons')).some((d) => d['id'] === person.id)).toBe(true);
      await updated.stop();
    } finally {
      await db.close();
    }
  }, 90_000);
});

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : 1;
}
