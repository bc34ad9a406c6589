import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStationDatabase } from '#electron/station/database/open-station-database.ts';
import type { StationDatabase } from '#electron/station/database/station-collections.ts';
import { getRxStorageSqlite } from '#electron/station/replica/sqlite-rx-storage.ts';
import { createHealthIdIssuer } from '#electron/station/services/health-id-issuer.ts';
import { createClinicalRecords } from '#electron/station/services/clinical-records.ts';
import { createReplicaWriter, withoutTransaction } from '#electron/station/services/replica-writer.ts';
import {
  createResidentRegistration,
  type ResidentDraft,
} from '#electron/station/services/resident-registration.ts';
import { createResidentUpdates } from '#electron/station/services/resident-updates.ts';
import { createOutbox } from '#electron/station/sync/outbox.ts';
import { startStationSync, type StationSync } from '#electron/station/sync/station-sync.ts';
import { createSyncHttpClient } from '#electron/station/sync/sync-http-client.ts';
import { createHlc, serializeHlc } from '#shared/clock/hlc.ts';
import { stampWrite } from '#shared/merge/stamp-write.ts';
import { personFieldGroups } from '#shared/schemas/field-groups.ts';
import { withDerivedPersonFields, type DerivedPersonField } from '#shared/schemas/person-derived-fields.ts';
import type { Person } from '#shared/schemas/person.ts';
import { parseHealthId } from '#shared/identifiers/health-id.ts';
import { unwrap } from '#shared/errors/result.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { until } from '../support/station-sync-parts.ts';
import {
  startStationTestServer,
  type EnrolledStation,
  type StationTestServer,
} from '../support/station-test-server.ts';

/** A station core's sync parts on the real encrypted SQLite replica, pointed at `baseUrl`. */
type StationUnderTest = {
  readonly db: StationDatabase;
  connect(baseUrl: string): StationSync;
  close(): Promise<void>;
};

async function stationCore(station: EnrolledStation, directory: string): Promise<StationUnderTest> {
  // One process holds several stations here: RxDB wants distinct database names for that.
  const db = await openStationDatabase({
    storage: getRxStorageSqlite({ directory, key: nacl.randomBytes(32) }),
    name: `station-${station.device.deviceId.toLowerCase().replace(/[^a-z0-9]/g, '')}`,
  });
  const outbox = createOutbox(db);
  const issuer = createHealthIdIssuer(db, station.device.deviceId);
  const syncs: StationSync[] = [];
  return {
    db,
    connect(baseUrl) {
      const client = createSyncHttpClient({
        baseUrl,
        device: station.device,
        appVersion: '0.1.0',
        clock: { now: () => new Date() },
      });
      const sync = startStationSync({
        db,
        client,
        outbox,
        clock: { now: () => new Date() },
        replicationIdentifier: `test|${station.orgUnitId}`,
        device: { deviceId: station.device.deviceId, orgUnitId: station.orgUnitId },
        appVersion: '0.1.0',
        healthIdsRemaining: () => issuer.remaining(),
        databaseSizeBytes: () => 0,
        retryMs: 200,
      });
      syncs.push(sync);
      return sync;
    },
    async close() {
      for (const sync of syncs) await sync.stop();
      await db.close();
    },
  };
}

function draft(fullName: string, born: string, sex: 'male' | 'female'): ResidentDraft {
  const [familyName = '', ...rest] = fullName.split(' ');
  const givenName = rest.pop() ?? '';
  return {
    fullName,
    familyName,
    middleName: rest.join(' '),
    givenName,
    dateOfBirth: unwrap(parsePartialDate(born)),
    sex,
    phones: [],
    bhytCards: [],
    currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Tổ 5' },
    history: {},
  };
}

/** The replica writer of `station`'s device, crediting its staff member, as the station's services use it. */
function writerOf(core: StationUnderTest, station: EnrolledStation): ReturnType<typeof createReplicaWriter> {
  return createReplicaWriter({
    db: core.db,
    outbox: createOutbox(core.db),
    hlc: createHlc({ node: station.device.deviceId, now: () => Date.now() }),
    clock: { now: () => new Date() },
    author: () => station.staff.userName,
    transaction: withoutTransaction,
  });
}

/** Registers a resident on `station`'s replica with a health ID from its pool; answers the resident's id. */
async function registerOn(
  core: StationUnderTest,
  station: EnrolledStation,
  resident: ResidentDraft,
): Promise<string> {
  const registered = await createResidentRegistration({
    db: core.db,
    issuer: createHealthIdIssuer(core.db, station.device.deviceId),
    writer: writerOf(core, station),
    clock: { now: () => new Date() },
    orgUnitId: station.orgUnitId,
  }).register(resident);
  if (!registered.ok) throw new Error('registration refused');
  return registered.value.id;
}

/** An edit made on the station while offline: stamped with the device's clock and queued in the outbox. */
async function editLocally(
  core: StationUnderTest,
  station: EnrolledStation,
  id: string,
  changes: Partial<Person>,
): Promise<void> {
  const doc = await core.db.persons.findOne(id).exec(true);
  const current = doc.toJSON() as Person;
  const next = withDerivedPersonFields(
    stampWrite<Omit<Person, DerivedPersonField>>(
      current,
      { ...current, ...changes },
      personFieldGroups,
      serializeHlc(createHlc({ node: station.device.deviceId, now: () => Date.now() }).now()),
      new Date().toISOString(),
      undefined,
    ),
  );
  await doc.incrementalModify(() => next);
  await createOutbox(core.db).record('persons', id, new Date());
}

describe.each(testBackends)('a station syncing with the real sync server on $name', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let directory = '';

  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database);
    directory = await mkdtemp(join(tmpdir(), 'hssk-station-sync-'));
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** Two devices of one station, each on its own replica, synced once, the first with health IDs to give. */
  async function twoDevices(stationIndex: number, name: string) {
    const first = await server.enrolStation(stationIndex);
    const second = await server.enrolStation(stationIndex);
    const one = await stationCore(first, join(directory, `${name}-one`));
    const two = await stationCore(second, join(directory, `${name}-two`));
    const syncOne = one.connect(server.baseUrl);
    const syncTwo = two.connect(server.baseUrl);
    await syncOne.syncNow();
    await syncTwo.syncNow();
    await until(async () => (await createHealthIdIssuer(one.db, first.device.deviceId).remaining()) > 0);
    return { first, second, one, two, syncOne, syncTwo };
  }

  it('registers a resident offline and delivers them, with the health ID from its own pool, once back online', async () => {
    const station = await server.enrolStation(0);
    const core = await stationCore(station, join(directory, 'offline-registration'));
    try {
      const issuer = createHealthIdIssuer(core.db, station.device.deviceId);
      const outbox = createOutbox(core.db);

      // First contact: the device reports no health IDs left; the server allocates a pool it then pulls.
      const first = core.connect(server.baseUrl);
      await first.syncNow();
      await until(async () => (await issuer.remaining()) > 0);
      await first.stop();

      // Offline (nothing listens on port 9): registration still works and the change waits in the outbox.
      const offline = core.connect('http://127.0.0.1:9');
      const registration = createResidentRegistration({
        db: core.db,
        issuer,
        writer: createReplicaWriter({
          db: core.db,
          outbox,
          hlc: createHlc({ node: station.device.deviceId, now: () => Date.now() }),
          clock: { now: () => new Date() },
          author: () => station.staff.userName,
          transaction: withoutTransaction,
        }),
        clock: { now: () => new Date() },
        orgUnitId: station.orgUnitId,
      });
      const registered = await registration.register({
        fullName: 'Trần Thị Mai',
        familyName: 'Trần',
        middleName: 'Thị',
        givenName: 'Mai',
        dateOfBirth: unwrap(parsePartialDate('1990-05-17')),
        sex: 'female',
        phones: ['0912000111'],
        bhytCards: [],
        currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Số 3 ngõ 8' },
        history: {},
      });
      if (!registered.ok) throw new Error(`registration refused: ${registered.errors[0].code}`);
      const person = registered.value;
      await expect(offline.syncNow()).rejects.toMatchObject({ code: 'sync-offline' });
      expect(offline.status()).toMatchObject({ state: 'offline', online: false });
      expect(await outbox.summary()).toMatchObject({ pendingChanges: 1 });
      await offline.stop();

      // Back online: the resident reaches the server with the ID the station issued.
      const online = core.connect(server.baseUrl);
      await online.syncNow();
      await until(async () => (await outbox.summary()).pendingChanges === 0);
      const stored = (await server.storedDocuments('persons')).find((doc) => doc['id'] === person.id);
      expect(stored).toMatchObject({
        healthId: person.healthId,
        orgUnitId: station.orgUnitId,
        fullName: 'Trần Thị Mai',
      });
      const pools = await server.storedDocuments('health-id-pools');
      const serial = unwrap(parseHealthId(person.healthId)).serial;
      expect(
        pools.filter(
          (pool) =>
            pool['deviceId'] === station.device.deviceId &&
            Number(pool['firstSerial']) <= serial &&
            serial <= Number(pool['lastSerial']),
        ),
      ).toHaveLength(1);
      await until(() => online.status().state === 'synced').catch((e: unknown) => {
        throw new Error(JSON.stringify(online.status()), { cause: e });
      });
      expect(online.status()).toMatchObject({ pendingChanges: 0, online: true });
      const reports = await server.storedDocuments('station-status');
      expect(reports.find((r) => r['id'] === station.device.deviceId)).toMatchObject({
        orgUnitId: station.orgUnitId,
        appVersion: '0.1.0',
      });
    } finally {
      await core.close();
    }
  }, 60_000);

  it("converges two devices that edited the same resident offline to the server's merge, on both", async () => {
    const { first, second, one, two, syncOne, syncTwo } = await twoDevices(1, 'merge');
    try {
      const id = await registerOn(one, first, draft('Lê Văn Hùng', '1975-02-03', 'male'));
      await syncOne.syncNow();
      await until(async () => (await two.db.persons.findOne(id).exec()) !== null);
      await syncOne.stop();
      await syncTwo.stop();

      // Both edit offline, different parts of the record.
      await editLocally(one, first, id, { phones: ['0988111222'] });
      await editLocally(two, second, id, { occupationCode: '22110' });

      const againOne = one.connect(server.baseUrl);
      const againTwo = two.connect(server.baseUrl);
      await againOne.syncNow();
      await againTwo.syncNow();
      await againOne.syncNow();
      const expected = { phones: ['0988111222'], occupationCode: '22110' };
      await until(async () => {
        const a = (await one.db.persons.findOne(id).exec())?.toJSON();
        const b = (await two.db.persons.findOne(id).exec())?.toJSON();
        return (
          JSON.stringify(a) === JSON.stringify(b) &&
          a?.occupationCode === '22110' &&
          a.phones[0] === '0988111222'
        );
      });
      const master = (await server.storedDocuments('persons')).find((doc) => doc['id'] === id);
      expect(master).toMatchObject(expected);
      expect((await one.db.persons.findOne(id).exec(true)).toJSON()).toEqual(
        expect.objectContaining({ ...expected, stamps: master?.['stamps'] }),
      );
    } finally {
      await one.close();
      await two.close();
    }
  }, 90_000);

  it("delivers part A's new fields corrected on one device and edited on another to both, through the server's merge", async () => {
    const { first, second, one, two, syncOne, syncTwo } = await twoDevices(1, 'part-a');
    try {
      const id = await registerOn(one, first, draft('Phan Thị Thu', '1985-06-10', 'female'));
      await syncOne.syncNow();
      await until(async () => (await two.db.persons.findOne(id).exec()) !== null);
      await syncOne.stop();
      await syncTwo.stop();

      // Offline, the first device corrects her birth date (with its reason), records her landline, education,
      // marital status and a renewed BHYT card, through the station's own update service.
      const updates = createResidentUpdates({
        db: one.db,
        writer: writerOf(one, first),
        registration: { findDuplicates: () => Promise.resolve([]) },
        clock: { now: () => new Date() },
        userName: () => first.staff.userName,
      });
      const bhytCards = [
        { code: 'GD4010198765432', validFrom: '2025-01-01', validTo: '2025-12-31' },
        { code: 'GD4010198765432', validFrom: '2026-01-01', validTo: '2026-12-31' },
      ];
      const corrected = await updates.update(
        id,
        {
          dateOfBirth: unwrap(parsePartialDate('1986-06-10')),
          educationLevel: 'upper-secondary',
          maritalStatus: 'married',
        },
        { correctionReason: 'Sai năm sinh khi đăng ký' },
      );
      if (!corrected.ok) throw new Error(JSON.stringify(corrected.errors));
      const contact = await updates.update(id, {
        landline: '02438251234',
        phones: ['0988111222'],
        bhytCards,
      });
      if (!contact.ok) throw new Error(JSON.stringify(contact.errors));
      // The second device, also offline, records her household and permanent address.
      await editLocally(two, second, id, {
        household: { id: 'HGD-0042', relationToHead: 'Vợ' },
        permanentAddress: { communeCode: '00004', scheme: 'dvhc-2025', detail: 'Số 3 phố Huế' },
      });

      const againOne = one.connect(server.baseUrl);
      const againTwo = two.connect(server.baseUrl);
      await againOne.syncNow();
      await againTwo.syncNow();
      await againOne.syncNow();
      await until(async () => {
        const a = (await one.db.persons.findOne(id).exec())?.toJSON();
        const b = (await two.db.persons.findOne(id).exec())?.toJSON();
        return (
          JSON.stringify(a) === JSON.stringify(b) && a?.household !== undefined && a.landline !== undefined
        );
      });
      const expected = {
        dateOfBirth: '1986-06-10',
        educationLevel: 'upper-secondary',
        maritalStatus: 'married',
        corrections: [
          {
            field: 'dateOfBirth',
            previous: '1985-06-10',
            reason: 'Sai năm sinh khi đăng ký',
            by: first.staff.userName,
          },
        ],
        landline: '02438251234',
        phones: ['0988111222'],
        bhytCards,
        household: { id: 'HGD-0042', relationToHead: 'Vợ' },
        permanentAddress: { communeCode: '00004', scheme: 'dvhc-2025', detail: 'Số 3 phố Huế' },
      };
      const master = (await server.storedDocuments('persons')).find((doc) => doc['id'] === id);
      expect(master).toMatchObject(expected);
      expect((await two.db.persons.findOne(id).exec(true)).toJSON()).toMatchObject(expected);
    } finally {
      await one.close();
      await two.close();
    }
  }, 90_000);

  it('delivers an exam with a diagnosis written without a code, marked uncoded, to the other device through the server', async () => {
    const { first, one, two, syncOne } = await twoDevices(2, 'uncoded');
    try {
      const personId = await registerOn(one, first, draft('Đỗ Thị Mai', '1968-04-09', 'female'));
      const clinical = createClinicalRecords({
        db: one.db,
        writer: writerOf(one, first),
        clock: { now: () => new Date() },
        orgUnitId: first.orgUnitId,
        facilityCode: '01999',
      });
      const diagnoses = [
        { icd10: 'I10', name: 'Bệnh tăng huyết áp vô căn (nguyên phát)', primary: true },
        { name: 'Đau mỏi vai gáy kéo dài', uncoded: true as const, primary: false },
      ];
      const saved = await clinical.saveExamDraft({
        personId,
        kind: 'periodic-exam',
        date: '2026-12-01',
        diagnoses,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
      const examId = saved.value.id;
      await syncOne.syncNow();
      await until(async () => (await two.db.encounters.findOne(examId).exec()) !== null);
      expect((await two.db.encounters.findOne(examId).exec(true)).toJSON().diagnoses).toEqual(diagnoses);
      const master = (await server.storedDocuments('encounters')).find((doc) => doc['id'] === examId);
      expect(master?.['diagnoses']).toEqual(diagnoses);
    } finally {
      await one.close();
      await two.close();
    }
  }, 90_000);

  it('removes a resident who moved commune from the old station and delivers them to the new one', async () => {
    const oldStation = await server.enrolStation(2);
    const newStation = await server.enrolStation(3);
    const before = await stationCore(oldStation, join(directory, 'move-old'));
    const after = await stationCore(newStation, join(directory, 'move-new'));
    try {
      const syncOld = before.connect(server.baseUrl);
      const syncNew = after.connect(server.baseUrl);
      await syncOld.syncNow();
      await until(
        async () => (await createHealthIdIssuer(before.db, oldStation.device.deviceId).remaining()) > 0,
      );
      const id = await registerOn(before, oldStation, draft('Phạm Thị Lan', '2001-09-09', 'female'));
      await syncOld.syncNow();

      // The district moves the resident to the other commune.
      const current = (await before.db.persons.findOne(id).exec(true)).toJSON() as Person;
      const moved = withDerivedPersonFields(
        stampWrite<Omit<Person, DerivedPersonField>>(
          current,
          { ...current, orgUnitId: newStation.orgUnitId },
          personFieldGroups,
          serializeHlc(createHlc({ node: 'ttyt-kv01', now: () => Date.now() }).now()),
          new Date().toISOString(),
          undefined,
        ),
      );
      const pushed = await server.app.inject({
        method: 'POST',
        url: '/sync/persons/push',
        headers: { authorization: `Bearer ${server.adminToken}` },
        payload: [
          {
            assumedMasterState: { ...current, _deleted: false },
            newDocumentState: { ...moved, _deleted: false },
          },
        ],
      });
      expect(pushed.statusCode, pushed.body).toBe(200);

      await until(async () => (await before.db.persons.findOne(id).exec()) === null);
      await syncNew.syncNow();
      await until(async () => (await after.db.persons.findOne(id).exec()) !== null);
      expect((await after.db.persons.findOne(id).exec(true)).orgUnitId).toBe(newStation.orgUnitId);
      expect((await server.storedDocuments('persons')).find((doc) => doc['id'] === id)).toMatchObject({
        orgUnitId: newStation.orgUnitId,
      });
    } finally {
      await before.close();
      await after.close();
    }
  }, 90_000);
});
