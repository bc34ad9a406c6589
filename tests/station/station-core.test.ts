import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import nacl from 'tweetnacl';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStationCore, type StationCore } from '#electron/station/core/station-core.ts';
import { openStationDatabase } from '#electron/station/database/open-station-database.ts';
import {
  replicatedCollectionNames,
  type StationDatabase,
} from '#electron/station/database/station-collections.ts';
import { getRxStorageSqlite, type SqliteRxStorage } from '#electron/station/replica/sqlite-rx-storage.ts';
import { createStationBackups } from '#electron/station/backup/create-station-backups.ts';
import {
  createStationBackupService,
  type StationBackupService,
} from '#electron/station/services/station-backup-service.ts';
import { unwrap } from '#shared/errors/result.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import type { ResidentDraftInput, SyncStatusView } from '#shared/station-api/station-api.ts';
import { normalizeLoginName } from '#shared/accounts/user-name.ts';
import { bearer, createActiveAccount, units } from '#sync-server/src/accounts/accounts-app.test-support.ts';
import { lockInactiveAccounts } from '#sync-server/src/accounts/lock-inactive-accounts.ts';
import { createAuditLog } from '#sync-server/src/audit/audit-log.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { rowsOf } from '#sync-server/src/db/sql-rows.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import {
  startStationTestServer,
  type EnrolledStation,
  type StationTestServer,
} from '../support/station-test-server.ts';

const CHEAP_VERIFIER = { memoryCost: 1024, timeCost: 1 };

const draft = (changes: Partial<ResidentDraftInput> = {}): ResidentDraftInput => ({
  fullName: 'Trần Thị Minh',
  familyName: 'Trần',
  middleName: 'Thị',
  givenName: 'Minh',
  dateOfBirth: unwrap(parsePartialDate('1988-07-01')),
  sex: 'female',
  personalId: '001188012345',
  phones: ['0913555777'],
  bhytCards: [{ code: 'GD4010198765432', validFrom: '2026-01-01', validTo: '2026-12-31', areaCode: 'K1' }],
  currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Số 7 ngõ 2' },
  history: {},
  ...changes,
});

/** The backups of a test replica (these tests do not back up: tests/station/station-backup.test.ts does). */
function backupsOf(
  db: StationDatabase,
  storage: SqliteRxStorage,
  dataDir: string,
  station: EnrolledStation,
  databaseName = 'hssk-station',
): Promise<StationBackupService> {
  return createStationBackupService({
    db,
    backups: createStationBackups({
      storage,
      databaseName,
      dataDir,
      clock: { now: () => new Date() },
      deviceId: station.device.deviceId,
      orgUnitId: station.orgUnitId,
      appVersion: '0.1.0',
    }),
  });
}

/** The station API end to end: the core on the real encrypted replica, signing in against the real server. */
describe.each(testBackends)(
  'the station core behind the station API, against the server on $name',
  (backend) => {
    let database: DatabaseHandle;
    let server: StationTestServer;
    let directory = '';
    let station: EnrolledStation;
    let db: StationDatabase;
    let backups: StationBackupService;

    beforeAll(async () => {
      database = await backend.open();
      server = await startStationTestServer(database);
      directory = await mkdtemp(join(tmpdir(), 'hssk-station-core-'));
      station = await server.enrolStation(4);
      const storage = getRxStorageSqlite({ directory, key: nacl.randomBytes(32) });
      db = await openStationDatabase({ storage });
      backups = await backupsOf(db, storage, directory, station);
    }, 120_000);
    afterAll(async () => {
      await db.close();
      await server.close();
      await database.close();
      await rm(directory, { recursive: true, force: true });
    });

    const coreAt = (serverUrl: string): StationCore =>
      createStationCore({
        db,
        serverUrl,
        device: { ...station.device, orgUnitId: station.orgUnitId },
        clock: { now: () => new Date() },
        appVersion: '0.1.0',
        verifierCost: CHEAP_VERIFIER,
        syncRetryMs: 200,
        backups,
      });

    it('signs in online, registers, finds and syncs a resident; refuses bad input with clear issues', async () => {
      const core = coreAt(server.baseUrl);
      try {
        expect(await core.call('residents.search', { query: 'tran' })).toMatchObject({
          ok: false,
          errors: [{ code: 'station-not-signed-in' }],
        });
        const login = await core.call('session.login', {
          userName: station.staff.userName,
          password: station.staff.password,
        });
        expect(login).toMatchObject({
          ok: true,
          value: { signedIn: true, mode: 'online', mustChangePassword: false },
        });

        // A first sync brings this device's health-ID pool.
        const synced = await core.call('sync.now', {});
        expect(synced.ok).toBe(true);
        await expect
          .poll(async () => (await db['health-id-pools'].count().exec()) > 0, { timeout: 15_000 })
          .toBe(true);

        const registered = await core.call('residents.register', { draft: draft() });
        if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
        const person = registered.value.person;
        expect(person.healthId).toMatch(/^01\d{11}$/);

        for (const query of [
          'tran thi m',
          'Trần Thị Minh',
          person.healthId,
          '001188012345',
          '0913 555 777',
          'gd4010198765432',
        ]) {
          const found = await core.call('residents.search', { query });
          expect(found, query).toMatchObject({ ok: true, value: { residents: [{ id: person.id }] } });
        }
        expect(await core.call('residents.get', { id: person.id })).toMatchObject({
          ok: true,
          value: { person: { id: person.id }, encounters: [], immunizations: [] },
        });

        // Born after today (a slip of the year): refused with the date as people read it, nothing written.
        const nextYear = String(new Date().getFullYear() + 1);
        const { personalId: _noCccd, ...unborn } = draft({
          fullName: 'Lý Văn Tương',
          familyName: 'Lý',
          givenName: 'Tương',
          middleName: 'Văn',
          dateOfBirth: unwrap(parsePartialDate(`${nextYear}-03-21`)),
        });
        const future = await core.call('residents.register', { draft: unborn });
        expect(future).toMatchObject({
          ok: false,
          errors: [{ code: 'date-of-birth-in-future', path: 'dateOfBirth' }],
        });
        expect(future.ok ? '' : (future.errors[0]?.message ?? '')).toContain(
          `Ngày sinh 21/03/${nextYear} ở sau hôm nay`,
        );
        expect(await core.call('residents.search', { query: 'Lý Văn Tương' })).toMatchObject({
          ok: true,
          value: { residents: [] },
        });

        // The same CCCD again: held with the candidate side by side, registered once acknowledged.
        const twin = draft({ fullName: 'Trần Thị Minh Anh', givenName: 'Anh', middleName: 'Thị Minh' });
        const held = await core.call('residents.register', { draft: twin });
        expect(held).toMatchObject({
          ok: false,
          errors: [{ code: 'resident-possible-duplicate' }],
          candidates: [{ person: { id: person.id }, reason: 'same-personal-id' }],
        });
        expect(
          await core.call('residents.register', { draft: twin, acknowledgedDuplicateIds: [person.id] }),
        ).toMatchObject({
          ok: true,
        });

        // Bad input never reaches a service.
        expect(await core.call('residents.search', { query: 42 })).toMatchObject({
          ok: false,
          errors: [{ code: 'schema-invalid', path: 'query' }],
        });
        expect(await core.call('residents.register', { draft: { ...draft(), sex: 'robot' } })).toMatchObject({
          ok: false,
          errors: [{ code: 'schema-invalid' }],
        });
        expect(await core.call('no.such' as never, {})).toMatchObject({
          ok: false,
          errors: [{ code: 'station-command-unknown' }],
        });

        // Sync now delivers both registrations.
        const after = await core.call('sync.now', {});
        expect(after).toMatchObject({ ok: true, value: { state: 'synced', pendingChanges: 0 } });
        const stored = (await server.storedDocuments('persons')).map((doc) => doc['id']);
        expect(stored).toContain(person.id);
        // The read of the record above reached the server's audit chain, with who and on which device.
        await core.call('sync.now', {});
        await expect
          .poll(
            async () =>
              rowsOf(
                await database.db.execute(
                  sql`select actor_device_id, detail->>'userName' as user_name from audit_log
                       where action = 'person-read' and target_id = ${person.id}`,
                ),
              ),
            { timeout: 20_000 },
          )
          .toEqual([{ actor_device_id: station.device.deviceId, user_name: station.staff.userName }]);
      } finally {
        await core.close();
      }
    }, 90_000);

    it('syncs under its own device session while nobody is signed in, and says so plainly once revoked', async () => {
      const other = await server.enrolStation(5);
      const otherDirectory = await mkdtemp(join(tmpdir(), 'hssk-station-alone-'));
      const otherStorage = getRxStorageSqlite({ directory: otherDirectory, key: nacl.randomBytes(32) });
      const otherDb = await openStationDatabase({ storage: otherStorage, name: 'station-alone' });
      const core = createStationCore({
        db: otherDb,
        serverUrl: server.baseUrl,
        device: { ...other.device, orgUnitId: other.orgUnitId },
        clock: { now: () => new Date() },
        appVersion: '0.1.0',
        verifierCost: CHEAP_VERIFIER,
        syncRetryMs: 200,
        backups: await backupsOf(otherDb, otherStorage, otherDirectory, other, 'station-alone'),
      });
      const seen: SyncStatusView[] = [];
      const stop = core.subscribe('sync.status', (status) => seen.push(status));
      try {
        // Nobody signs in: the status report goes up and the device's health-ID pool comes down.
        await expect
          .poll(async () => (await otherDb['health-id-pools'].count().exec()) > 0, { timeout: 20_000 })
          .toBe(true);
        await expect.poll(() => seen.at(-1)?.state, { timeout: 20_000 }).toBe('synced');
        // First-sync progress: the server said, per collection, how much there was to receive.
        expect(Object.keys(seen.at(-1)?.expected ?? {}).sort()).toEqual(
          [...replicatedCollectionNames].sort(),
        );
        expect(await server.storedDocuments('station-status')).toEqual(
          expect.arrayContaining([expect.objectContaining({ id: other.device.deviceId })]),
        );

        const revoked = await server.app.inject({
          method: 'POST',
          url: `/admin/devices/${other.device.deviceId}/revoke`,
          headers: { authorization: `Bearer ${server.adminToken}` },
        });
        expect(revoked.statusCode, revoked.body).toBe(200);
        await core.call('session.login', { userName: other.staff.userName, password: other.staff.password });
        const after = await core.call('sync.now', {});
        expect(after).toMatchObject({
          ok: true,
          value: {
            state: 'needs-attention',
            errors: expect.arrayContaining([expect.objectContaining({ code: 'device-revoked' })]) as unknown,
          },
        });
      } finally {
        stop();
        await core.close();
        await otherDb.close();
        await rm(otherDirectory, { recursive: true, force: true });
      }
    }, 90_000);

    it('credits an offline sign-in at the next sync, so someone who signs in only offline is not locked as unused', async () => {
      const loginKey = normalizeLoginName(station.staff.userName);
      const lastLogin = async () =>
        rowsOf(
          await database.db.execute(sql`select last_login_at from accounts where login_key = ${loginKey}`),
        ).map((row) => new Date(String(row['last_login_at'])).getTime())[0] ?? 0;
      // Unused on the server for 100 days, as far as it knows.
      await database.db.execute(
        sql`update accounts set last_login_at = now() - interval '100 days', updated_at = now() - interval '100 days'
             where login_key = ${loginKey}`,
      );
      const offline = coreAt('http://127.0.0.1:9');
      const signedInAt = Date.now();
      try {
        expect(
          await offline.call('session.login', {
            userName: station.staff.userName,
            password: station.staff.password,
          }),
        ).toMatchObject({ ok: true, value: { mode: 'offline' } });
      } finally {
        await offline.close();
      }
      // The station syncs under its own device session: nobody signs in online.
      const online = coreAt(server.baseUrl);
      try {
        await expect
          .poll(
            async () => {
              await online.call('sync.now', {});
              return lastLogin();
            },
            { timeout: 20_000 },
          )
          .toBeGreaterThanOrEqual(signedInAt - 1000);
        // The daily inactivity job now finds the account used today.
        const clock = { now: () => new Date() };
        const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
        expect(await lockInactiveAccounts({ db: database.db, audit, clock })).toEqual([]);
      } finally {
        await online.close();
      }
    }, 60_000);

    it('signs the same person in offline with the cached verifier, and locks after five wrong passwords', async () => {
      const core = coreAt('http://127.0.0.1:9');
      try {
        expect(
          await core.call('session.login', {
            userName: station.staff.userName,
            password: station.staff.password,
          }),
        ).toMatchObject({
          ok: true,
          value: { signedIn: true, mode: 'offline' },
        });
        expect(await core.call('residents.search', { query: 'tran thi' })).toMatchObject({ ok: true });
        // Registered while offline: it waits in the pending list, named, with the sign-in that preceded it.
        const offline = await core.call('residents.register', {
          draft: draft({
            fullName: 'Trần Thị Ngoại Tuyến',
            middleName: 'Thị Ngoại',
            givenName: 'Tuyến',
            personalId: '001188099999',
          }),
        });
        if (!offline.ok) throw new Error(JSON.stringify(offline.errors));
        const pending = await core.call('sync.pending', {});
        if (!pending.ok) throw new Error(JSON.stringify(pending.errors));
        expect(pending.value.changes).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              collection: 'persons',
              documentId: offline.value.person.id,
              personName: 'Trần Thị Ngoại Tuyến',
            }),
            expect.objectContaining({ collection: 'access-events' }),
          ]),
        );
        expect(pending.value.total).toBeGreaterThanOrEqual(pending.value.changes.length);
        await core.call('session.logout', {});
        expect(await core.call('session.login', { userName: 'unknown_user', password: 'x' })).toMatchObject({
          ok: false,
          errors: [{ code: 'station-login-offline-unknown' }],
        });
        for (let attempt = 1; attempt <= 4; attempt++) {
          expect(
            await core.call('session.login', {
              userName: station.staff.userName,
              password: 'Sai-mật-khẩu#1',
            }),
          ).toMatchObject({
            ok: false,
            errors: [{ code: 'station-login-offline-wrong-password' }],
          });
        }
        expect(
          await core.call('session.login', { userName: station.staff.userName, password: 'Sai-mật-khẩu#1' }),
        ).toMatchObject({
          ok: false,
          errors: [{ code: 'station-login-offline-locked' }],
        });
        expect(
          await core.call('session.login', {
            userName: station.staff.userName,
            password: station.staff.password,
          }),
        ).toMatchObject({
          ok: false,
          errors: [{ code: 'station-login-offline-locked' }],
        });
      } finally {
        await core.close();
      }
    }, 60_000);

    it('corrects part A: a reason for a birth date or sex, fields removed, Vietnamese phones, duplicates asked again', async () => {
      const core = coreAt(server.baseUrl);
      try {
        await core.call('session.login', {
          userName: station.staff.userName,
          password: station.staff.password,
        });
        await expect
          .poll(async () => (await db['health-id-pools'].count().exec()) > 0, { timeout: 15_000 })
          .toBe(true);
        const registered = await core.call('residents.register', {
          draft: draft({
            fullName: 'Đỗ Thị Hằng',
            familyName: 'Đỗ',
            middleName: 'Thị',
            givenName: 'Hằng',
            personalId: '001190054321',
            dateOfBirth: unwrap(parsePartialDate('1985-04-02')),
            bhytCards: [],
          }),
        });
        if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
        const id = registered.value.person.id;
        // The CCCD says 1990: registration kept 1985 with the kernel's warning; the birth year is corrected now.
        const born1990 = unwrap(parsePartialDate('1990-04-02'));
        expect(await core.call('residents.update', { id, changes: { dateOfBirth: born1990 } })).toMatchObject(
          {
            ok: false,
            errors: [{ code: 'correction-reason-required', path: 'correctionReason' }],
          },
        );
        const corrected = await core.call('residents.update', {
          id,
          changes: { dateOfBirth: born1990 },
          correctionReason: 'Nhập nhầm năm sinh, đã đối chiếu CCCD',
        });
        expect(corrected).toMatchObject({
          ok: true,
          value: {
            person: {
              dateOfBirth: '1990-04-02',
              updatedBy: station.staff.userName,
              corrections: [
                {
                  field: 'dateOfBirth',
                  previous: '1985-04-02',
                  reason: 'Nhập nhầm năm sinh, đã đối chiếu CCCD',
                  by: station.staff.userName,
                },
              ],
            },
          },
        });
        // The same value again is no correction and needs no reason.
        expect(await core.call('residents.update', { id, changes: { dateOfBirth: born1990 } })).toMatchObject(
          {
            ok: true,
          },
        );
        expect(
          await core.call('residents.update', {
            id,
            changes: { dateOfBirth: unwrap(parsePartialDate('2031-01-01')) },
            correctionReason: 'thử',
          }),
        ).toMatchObject({ ok: false, errors: [{ code: 'date-of-birth-in-future' }] });

        // Phones: +84 stored in national form, a landline apart, a 9-digit mobile refused by the station API.
        expect(
          await core.call('residents.update', {
            id,
            changes: { phones: ['+84 913 555 778'], landline: '024 3825 1234', email: 'hang@example.com' },
          }),
        ).toMatchObject({
          ok: true,
          value: { person: { phones: ['0913555778'], landline: '02438251234', email: 'hang@example.com' } },
        });
        const short = await core.call('residents.update', { id, changes: { phones: ['091355577'] } });
        expect(short.ok ? undefined : short.errors[0]).toMatchObject({ path: 'changes.phones.0' });
        expect(short.ok ? '' : short.errors[0]?.message).toContain('10 chữ số');

        // Removing: the email is cleared, a field both changed and cleared keeps its change.
        const cleared = await core.call('residents.update', {
          id,
          changes: { landline: '02438251235' },
          clear: ['email', 'landline'],
        });
        if (!cleared.ok) throw new Error(JSON.stringify(cleared.errors));
        expect(cleared.value.person.email).toBeUndefined();
        expect(cleared.value.person.landline).toBe('02438251235');

        // A CCCD corrected to another resident's number is held with that resident, until acknowledged.
        const other = await core.call('residents.register', {
          draft: draft({
            fullName: 'Lê Văn Khoa',
            familyName: 'Lê',
            middleName: 'Văn',
            givenName: 'Khoa',
            sex: 'male',
            personalId: '001090077777',
            bhytCards: [],
          }),
        });
        if (!other.ok) throw new Error(JSON.stringify(other.errors));
        const held = await core.call('residents.update', { id, changes: { personalId: '001090077777' } });
        expect(held).toMatchObject({
          ok: false,
          errors: [{ code: 'resident-possible-duplicate' }],
          candidates: [{ person: { id: other.value.person.id }, reason: 'same-personal-id' }],
        });
        expect(
          await core.call('residents.update', {
            id,
            changes: { personalId: '001090077777' },
            acknowledgedDuplicateIds: [other.value.person.id],
          }),
        ).toMatchObject({ ok: true, value: { person: { personalId: '001090077777' } } });
        // Changing something else of hers is not held by the duplicate it already acknowledged.
        expect(
          await core.call('residents.update', {
            id,
            changes: { occupationCode: '22110', educationLevel: 'university', maritalStatus: 'married' },
          }),
        ).toMatchObject({
          ok: true,
          value: { person: { occupationCode: '22110', educationLevel: 'university' } },
        });
      } finally {
        await core.close();
      }
    }, 120_000);

    it('keeps the record: updates, exams drafted, signed and amended, doses recorded and due, deaths', async () => {
      const core = coreAt(server.baseUrl);
      try {
        await core.call('session.login', {
          userName: station.staff.userName,
          password: station.staff.password,
        });
        await expect
          .poll(async () => (await db['health-id-pools'].count().exec()) > 0, { timeout: 15_000 })
          .toBe(true);
        const { personalId, ...withoutCccd } = draft({
          fullName: 'Ngô Bảo Châu',
          familyName: 'Ngô',
          middleName: 'Bảo',
          givenName: 'Châu',
          sex: 'male',
          dateOfBirth: unwrap(parsePartialDate('2026-09-01')),
          bhytCards: [],
          phones: [],
        });
        const child = await core.call('residents.register', { draft: withoutCccd });
        if (!child.ok) throw new Error(JSON.stringify(child.errors));
        const id = child.value.person.id;

        const updated = await core.call('residents.update', { id, changes: { phones: ['0977000111'] } });
        expect(updated).toMatchObject({ ok: true, value: { person: { phones: ['0977000111'] } } });

        const saved = await core.call('exams.saveDraft', {
          draft: {
            personId: id,
            kind: 'periodic-exam',
            date: '2026-11-20',
            vitals: { weightKg: 6.2, heightCm: 60 },
            diagnoses: [{ icd10: 'Z00.1', name: 'Khám sức khỏe trẻ em định kỳ', primary: true }],
          },
        });
        if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
        expect(saved.value.encounter.vitals?.bmi).toBeCloseTo(17.2, 1);
        const examId = saved.value.encounter.id;
        expect(await core.call('exams.sign', { id: examId })).toMatchObject({
          ok: true,
          value: { encounter: { status: 'signed', signer: { practitionerId: station.staff.userName } } },
        });
        expect(
          await core.call('exams.saveDraft', {
            id: examId,
            draft: { personId: id, kind: 'periodic-exam', date: '2026-11-20', diagnoses: [] },
          }),
        ).toMatchObject({ ok: false, errors: [{ code: 'exam-signed-read-only' }] });
        expect(await core.call('exams.amend', { id: examId })).toMatchObject({
          ok: true,
          value: { encounter: { status: 'draft', amends: examId } },
        });

        // A programme dose needs its lot number.
        expect(
          await core.call('immunizations.record', {
            entry: { personId: id, vaccineCode: 'BCG', dose: 1, date: '2026-09-02' },
          }),
        ).toMatchObject({ ok: false, errors: [{ code: 'dose-lot-required', path: 'lot' }] });
        const dose = await core.call('immunizations.record', {
          entry: { personId: id, vaccineCode: 'BCG', dose: 1, date: '2026-09-02', lot: 'BCG-0926' },
        });
        expect(dose).toMatchObject({
          ok: true,
          value: { immunization: { status: 'recorded', vaccineCode: 'BCG' } },
        });
        const due = await core.call('immunizations.due', { personId: id, onDate: '2026-11-26' });
        if (!due.ok) throw new Error(JSON.stringify(due.errors));
        expect(due.value.due.length).toBeGreaterThan(0);
        expect(due.value.due.some((d) => d.vaccineCode === 'BCG')).toBe(false);
        // DPT-VGB-Hib at ten days old is refused until the health worker says why it was given so.
        const tooEarly = {
          personId: id,
          vaccineCode: 'DPT_VGB_HIB',
          dose: 1,
          date: '2026-09-11',
          lot: 'DPT-0926',
        };
        expect(await core.call('immunizations.record', { entry: tooEarly })).toMatchObject({
          ok: false,
          errors: [{ code: 'dose-before-minimum-age' }],
        });
        // A dose past the series is recorded only with its reason, kept with the dose (and warned once recorded);
        // a dose recorded by mistake is marked, never deleted.
        const beyond = { personId: id, vaccineCode: 'BCG', dose: 2, date: '2026-09-03', lot: 'BCG-0926' };
        expect(await core.call('immunizations.record', { entry: beyond })).toMatchObject({
          ok: false,
          errors: [{ code: 'dose-beyond-series' }],
        });
        const extra = await core.call('immunizations.record', {
          entry: beyond,
          reason: 'Mũi BCG nhắc lại theo chỉ định của bác sĩ',
        });
        if (!extra.ok) throw new Error(JSON.stringify(extra.errors));
        expect(extra.value.warnings.map((w) => w.code)).toEqual(['dose-beyond-series']);
        expect(extra.value.immunization.safetyOverride).toEqual({
          reason: 'Mũi BCG nhắc lại theo chỉ định của bác sĩ',
          findings: ['dose-beyond-series'],
        });
        // The same vaccine twice on one day is refused, whatever the reason.
        expect(
          await core.call('immunizations.record', { entry: { ...beyond, dose: 1 }, reason: 'thử lại' }),
        ).toMatchObject({ ok: false, errors: [{ code: 'dose-same-vaccine-same-day' }] });
        const extraId = extra.value.immunization.id;
        expect(await core.call('immunizations.markEnteredInError', { id: extraId })).toMatchObject({
          ok: false,
          errors: [{ code: 'schema-invalid' }],
        });
        expect(
          await core.call('immunizations.markEnteredInError', { id: extraId, confirmed: true }),
        ).toMatchObject({ ok: true, value: { immunization: { id: extraId, status: 'entered-in-error' } } });

        // A service vaccine is recorded without a lot; "Chưa chủng ngừa" is noted for a dose not had (it stays due),
        // never for a dose already given.
        expect(
          await core.call('immunizations.record', {
            entry: { personId: id, vaccineCode: 'PCV', dose: 1, date: '2026-11-20' },
          }),
        ).toMatchObject({ ok: true, value: { immunization: { status: 'recorded' }, warnings: [] } });
        const notHad = await core.call('immunizations.record', {
          entry: { personId: id, vaccineCode: 'OPV', dose: 1, date: '2026-11-25', lot: 'ignored' },
          notVaccinated: true,
        });
        if (!notHad.ok) throw new Error(JSON.stringify(notHad.errors));
        expect(notHad.value.immunization).toMatchObject({ status: 'not-vaccinated', vaccineCode: 'OPV' });
        expect(notHad.value.immunization.lot).toBeUndefined();
        const stillDue = await core.call('immunizations.due', { personId: id, onDate: '2026-11-26' });
        expect(stillDue.ok && stillDue.value.due.some((d) => d.vaccineCode === 'OPV' && d.dose === 1)).toBe(
          true,
        );
        expect(
          await core.call('immunizations.record', {
            entry: { personId: id, vaccineCode: 'BCG', dose: 1, date: '2026-11-25' },
            notVaccinated: true,
          }),
        ).toMatchObject({ ok: false, errors: [{ code: 'dose-already-given' }] });

        expect(
          await core.call('residents.markDeceased', { id, deathDate: '2026-11', confirmed: false }),
        ).toMatchObject({
          ok: false,
          errors: [{ code: 'schema-invalid' }],
        });
        expect(
          await core.call('residents.markDeceased', { id, deathDate: '2026-11', confirmed: true }),
        ).toMatchObject({
          ok: true,
          value: { person: { status: 'deceased', deathDate: '2026-11' } },
        });
        expect(
          await core.call('immunizations.record', {
            entry: { personId: id, vaccineCode: 'BCG', dose: 2, date: '2026-11-26' },
          }),
        ).toMatchObject({ ok: false, errors: [{ code: 'resident-not-active' }] });

        const worklists = await core.call('worklists.summary', { onDate: '2026-11-26' });
        if (!worklists.ok) throw new Error(JSON.stringify(worklists.errors));
        const review = worklists.value.lists.find((list) => list.kind === 'annual-review');
        expect(review?.residents.map((r) => r.id)).toContain(id);
        // One list filtered and sorted; exported as a workbook, which the access log records with its size.
        const filtered = await core.call('worklists.list', {
          kind: 'annual-review',
          onDate: '2026-11-26',
          filter: { text: 'zzzz không ai tên này' },
        });
        expect(filtered.ok && [filtered.value.count, filtered.value.total > 0]).toEqual([0, true]);
        const exported = await core.call('worklists.export', { kind: 'annual-review', onDate: '2026-11-26' });
        if (!exported.ok) throw new Error(JSON.stringify(exported.errors));
        expect(exported.value.fileName).toBe('Rà-soát-hằng-năm-chuyển-đi-tử-vong-nghi-trùng_26-11-2026.xlsx');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(Buffer.from(exported.value.xlsxBase64, 'base64') as unknown as ArrayBuffer);
        const sheet = workbook.getWorksheet('Danh sách');
        const names: unknown[] = [];
        sheet?.eachRow((row, number) => {
          if (number > 5) names.push(row.getCell(2).value);
        });
        expect(names).toHaveLength(exported.value.rows);
        expect(names.length).toBeGreaterThan(0);
        expect(await core.call('worklists.printed', { kind: 'missing-phone', count: 3 })).toMatchObject({
          ok: true,
        });

        expect(await core.call('sync.now', {})).toMatchObject({ ok: true, value: { pendingChanges: 0 } });
        expect(
          rowsOf(
            await database.db.execute(
              sql`select action, detail->>'worklist' as worklist, (detail->>'rows')::int as rows from audit_log
                   where action in ('worklist-exported', 'worklist-printed') order by action`,
            ),
          ),
        ).toEqual([
          { action: 'worklist-exported', worklist: 'annual-review', rows: exported.value.rows },
          { action: 'worklist-printed', worklist: 'missing-phone', rows: 3 },
        ]);
        const exams = (await server.storedDocuments('encounters')).filter((doc) => doc['personId'] === id);
        expect(exams.map((doc) => doc['status']).sort()).toEqual(['draft', 'signed']);
        expect((await server.storedDocuments('persons')).find((doc) => doc['id'] === id)).toMatchObject({
          status: 'deceased',
        });
        // The district finds the resident by health ID and corrects the death recorded by mistake, with the reason;
        // the station has the person alive again at its next sync.
        const healthId = String(
          (await server.storedDocuments('persons')).find((doc) => doc['id'] === id)?.['healthId'],
        );
        const admin = { authorization: `Bearer ${server.adminToken}` };
        const found = await server.app.inject({
          url: `/admin/residents?healthId=${healthId}`,
          headers: admin,
        });
        expect(found.json()).toMatchObject({ resident: { id, status: 'deceased', deathDate: '2026-11' } });
        // Another district's admin finds nobody by that health ID and cannot correct the person.
        const other = await createActiveAccount(server.app, server.adminToken, {
          fullName: 'Phạm Văn Ngoài',
          role: 'district-admin',
          orgUnitId: units.centre2,
        });
        const otherAdmin = bearer(other.token);
        expect(
          (
            await server.app.inject({ url: `/admin/residents?healthId=${healthId}`, headers: otherAdmin })
          ).json(),
        ).toMatchObject({ error: { code: 'resident-not-found' } });
        const otherCorrect = await server.app.inject({
          method: 'POST',
          url: `/admin/residents/${id}/death-correction`,
          headers: otherAdmin,
          payload: { correction: { kind: 'alive' }, reason: 'Thử sửa hồ sơ của quận khác.' },
        });
        expect(otherCorrect.json()).toMatchObject({ error: { code: 'resident-not-found' } });
        const correct = (payload: Record<string, unknown>) =>
          server.app.inject({
            method: 'POST',
            url: `/admin/residents/${id}/death-correction`,
            headers: admin,
            payload,
          });
        const beforeBirth = await correct({
          correction: { kind: 'death-date', deathDate: '1900' },
          reason: 'Theo giấy báo tử của UBND phường',
        });
        expect(beforeBirth.json()).toMatchObject({ error: { code: 'death-date-before-birth' } });
        expect((await correct({ correction: { kind: 'alive' }, reason: 'ngắn' })).statusCode).toBe(400);
        const alive = await correct({
          correction: { kind: 'alive' },
          reason: 'Gia đình xác nhận bà vẫn sống; ghi nhầm người cùng tên.',
        });
        expect(alive.json()).toMatchObject({ resident: { id, status: 'active' } });
        expect(
          (await correct({ correction: { kind: 'alive' }, reason: 'Gửi lại lần nữa cho chắc.' })).statusCode,
        ).toBe(409);
        await expect
          .poll(
            async () => {
              await core.call('sync.now', {});
              const held = (await db.persons.findOne(id).exec())?.toJSON();
              return [held?.status, held?.deathDate];
            },
            { timeout: 20_000 },
          )
          .toEqual(['active', undefined]);
        expect(
          rowsOf(
            await database.db.execute(
              sql`select detail->>'reason' as reason from audit_log where action = 'death-corrected' and target_id = ${id}`,
            ),
          ),
        ).toEqual([{ reason: 'Gia đình xác nhận bà vẫn sống; ghi nhầm người cùng tên.' }]);
        // The server accepted the mark as the one change a recorded dose allows.
        expect(
          (await server.storedDocuments('immunizations')).find((doc) => doc['id'] === extraId),
        ).toMatchObject({
          status: 'entered-in-error',
        });
        expect(
          (await server.storedDocuments('immunizations')).find(
            (doc) => doc['id'] === notHad.value.immunization.id,
          ),
        ).toMatchObject({ status: 'not-vaccinated' });
      } finally {
        await core.close();
      }
    }, 90_000);

    it('lists the writes the server refused or merged, with whose record each is; offline it says why not', async () => {
      const core = coreAt(server.baseUrl);
      try {
        await core.call('session.login', {
          userName: station.staff.userName,
          password: station.staff.password,
        });
        const registered = await core.call('residents.register', {
          draft: draft({
            fullName: 'Lê Văn Khước',
            familyName: 'Lê',
            middleName: 'Văn',
            givenName: 'Khước',
            personalId: '001088012399',
            phones: [],
            bhytCards: [],
          }),
        });
        if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
        const personId = registered.value.person.id;
        const saved = await core.call('exams.saveDraft', {
          draft: { personId, kind: 'periodic-exam', date: '2026-11-20', diagnoses: [] },
        });
        if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
        await core.call('exams.sign', { id: saved.value.encounter.id });
        expect(await core.call('sync.now', {})).toMatchObject({ ok: true, value: { pendingChanges: 0 } });

        // An older app version (or a hand-edited replica) changes the signed exam: the server keeps the write in its
        // quarantine, answers the signed master, and the sync panel says so with the resident's name.
        const signed = await db.encounters.findOne(saved.value.encounter.id).exec();
        await signed?.incrementalPatch({ advice: 'Sửa sau khi ký' });
        await core.call('sync.now', {});
        await expect
          .poll(async () => (await db.encounters.findOne(saved.value.encounter.id).exec())?.advice, {
            timeout: 15_000,
          })
          .toBeUndefined();
        const outcomes = await core.call('sync.outcomes', {});
        if (!outcomes.ok) throw new Error(JSON.stringify(outcomes.errors));
        // (Earlier tests' writes may be listed too: a quick register-then-edit can arrive as an insert the server
        // merges. This test looks at its own resident.)
        expect(outcomes.value.outcomes.filter((outcome) => outcome.personId === personId)).toEqual([
          expect.objectContaining({
            kind: 'quarantined',
            collection: 'encounters',
            documentId: saved.value.encounter.id,
            reason: 'signed-record-changed',
            resolution: null,
            personId,
            personName: 'Lê Văn Khước',
          }),
        ]);
        expect(await core.call('sync.outcomes', { limit: 0 })).toMatchObject({
          ok: false,
          errors: [{ code: 'schema-invalid' }],
        });
      } finally {
        await core.close();
      }
      const offline = coreAt('http://127.0.0.1:9');
      try {
        await offline.call('session.login', {
          userName: station.staff.userName,
          password: station.staff.password,
        });
        expect(await offline.call('sync.outcomes', {})).toMatchObject({
          ok: false,
          errors: [
            {
              code: 'sync-offline',
              message: expect.stringContaining('Không kết nối được máy chủ') as unknown,
            },
          ],
        });
      } finally {
        await offline.close();
      }
    }, 90_000);

    it('lets the district code a diagnosis written without a code, and the station gets the code', async () => {
      const core = coreAt(server.baseUrl);
      try {
        await core.call('session.login', {
          userName: station.staff.userName,
          password: station.staff.password,
        });
        const registered = await core.call('residents.register', {
          draft: draft({
            fullName: 'Trịnh Văn Lưng',
            familyName: 'Trịnh',
            middleName: 'Văn',
            givenName: 'Lưng',
            personalId: '001088055511',
          }),
        });
        if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
        const words = 'Đau lưng lâu ngày khi mang vác nặng';
        const saved = await core.call('exams.saveDraft', {
          draft: {
            personId: registered.value.person.id,
            kind: 'sick-visit',
            date: '2026-11-30',
            diagnoses: [{ name: words, uncoded: true, primary: true }],
          },
        });
        if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
        const examId = saved.value.encounter.id;
        await core.call('exams.sign', { id: examId });
        expect(await core.call('sync.now', {})).toMatchObject({ ok: true, value: { pendingChanges: 0 } });

        const admin = { authorization: `Bearer ${server.adminToken}` };
        const queue = await server.app.inject({ url: '/admin/coding-queue', headers: admin });
        expect(queue.json<{ items: unknown[] }>().items).toContainEqual(
          expect.objectContaining({ encounterId: examId, name: words, signed: true, date: '2026-11-30' }),
        );
        const code = (icd10: string) =>
          server.app.inject({
            method: 'POST',
            url: `/admin/coding-queue/${examId}/code`,
            headers: admin,
            payload: { name: words, icd10 },
          });
        // Another district's admin neither sees the diagnosis nor codes it.
        const other = await createActiveAccount(server.app, server.adminToken, {
          fullName: 'Lê Thị Khác',
          role: 'district-admin',
          orgUnitId: units.centre2,
        });
        const otherAdmin = bearer(other.token);
        const otherQueue = await server.app.inject({ url: '/admin/coding-queue', headers: otherAdmin });
        expect(
          otherQueue.json<{ items: { encounterId: string }[] }>().items.map((item) => item.encounterId),
        ).not.toContain(examId);
        const otherCode = await server.app.inject({
          method: 'POST',
          url: `/admin/coding-queue/${examId}/code`,
          headers: otherAdmin,
          payload: { name: words, icd10: 'M54.5' },
        });
        expect(otherCode.json()).toMatchObject({ error: { code: 'coding-diagnosis-not-found' } });
        expect((await code('U99.9')).json()).toMatchObject({ error: { code: 'coding-code-unknown' } });
        expect((await code('M54.5')).json()).toMatchObject({
          coded: { encounterId: examId, icd10: 'M54.5' },
        });
        expect((await code('M54.5')).statusCode).toBe(404);
        await expect
          .poll(
            async () => {
              await core.call('sync.now', {});
              return (await db.encounters.findOne(examId).exec())?.toJSON().diagnoses;
            },
            { timeout: 20_000 },
          )
          .toEqual([{ name: words, icd10: 'M54.5', codedBy: expect.any(String) as unknown, primary: true }]);
        expect((await db.encounters.findOne(examId).exec())?.toJSON().status).toBe('signed');
        const after = await server.app.inject({ url: '/admin/coding-queue', headers: admin });
        expect(
          after.json<{ items: { encounterId: string }[] }>().items.map((item) => item.encounterId),
        ).not.toContain(examId);
      } finally {
        await core.close();
      }
    }, 60_000);

    it('reports misuse and locks the own account from the station (Art. 23); offline it says to call an admin', async () => {
      const signIn = (core: StationCore) =>
        core.call('session.login', { userName: station.staff.userName, password: station.staff.password });
      const offline = coreAt('http://127.0.0.1:9');
      try {
        await signIn(offline);
        expect(await offline.call('session.lockOwnAccount', { confirmed: true })).toMatchObject({
          ok: false,
          errors: [{ code: 'station-account-safety-offline' }],
        });
      } finally {
        await offline.close();
      }
      const core = coreAt(server.baseUrl);
      try {
        await signIn(core);
        expect(
          await core.call('session.reportMisuse', {
            description: 'Có người dùng tài khoản của tôi lúc nửa đêm.',
            lockAccount: false,
          }),
        ).toMatchObject({ ok: true, value: { signedIn: true } });
        expect(await core.call('session.lockOwnAccount', { confirmed: true })).toMatchObject({
          ok: true,
          value: { signedIn: false },
        });
        const actions = rowsOf(
          await database.db.execute(
            sql`select action from audit_log where action in ('misuse-reported', 'account-lock-requested') order by seq`,
          ),
        ).map((row) => row['action']);
        expect(actions).toEqual(['misuse-reported', 'account-lock-requested']);
      } finally {
        await core.close();
      }
      // Forgotten on this station too: no offline sign-in any more.
      const after = coreAt('http://127.0.0.1:9');
      try {
        expect(await signIn(after)).toMatchObject({
          ok: false,
          errors: [{ code: 'station-login-offline-unknown' }],
        });
      } finally {
        await after.close();
      }
    }, 60_000);
  },
);
