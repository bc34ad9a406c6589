import { createHlc, type Hlc } from '#shared/clock/hlc.ts';
import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import type { Issue } from '#shared/errors/issue.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import type { Person } from '#shared/schemas/person.ts';
import { SCHEDULED_BACKUP_USER_NAME, UNKNOWN_USER_NAME } from '#shared/schemas/access-event-user-names.ts';
import { validateDocument } from '#shared/schemas/validate-document.ts';
import {
  stationCommandArgs,
  type StationAnswer,
  type StationEndpoint,
  type StationCommand,
  type StationCommandArgs,
  type StationCommandResults,
  type PendingChangeView,
  type StationEvents,
} from '#shared/station-api/station-api.ts';
import { defineIssues } from '#shared/errors/issue.ts';
import { deviceOutcomesAnswer } from '#shared/sync/device-outcomes-wire.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import { createAccessLog } from '../services/access-log.ts';
import { createClinicalRecords } from '../services/clinical-records.ts';
import { createHealthIdIssuer } from '../services/health-id-issuer.ts';
import { createResidentUpdates, type ResidentUpdates } from '../services/resident-updates.ts';
import type { StationBackupService } from '../services/station-backup-service.ts';
import { computeWorklists } from '../services/worklists.ts';
import { createResidentRegistration, type ResidentDraft } from '../services/resident-registration.ts';
import { createResidentSearch, summaryOf } from '../services/resident-search.ts';
import { createStationSession } from '../services/station-session.ts';
import { createOutbox } from '../sync/outbox.ts';
import { startStationSync, type StationSync } from '../sync/station-sync.ts';
import { createSyncHttpClient, type DeviceCredentials } from '../sync/sync-http-client.ts';
import { SyncRequestError, syncTransportIssue } from '../sync/sync-request-error.ts';
import { initialSyncStatus } from '../sync/sync-status.ts';

export type StationCoreOptions = {
  readonly db: StationDatabase;
  readonly serverUrl: string;
  readonly device: DeviceCredentials & { readonly orgUnitId: string };
  /** The station's facility code (mã cơ sở KCB) written as the source of its exams and doses; default from the org units. */
  readonly facilityCode?: string;
  readonly clock: { now(): Date };
  readonly appVersion: string;
  readonly fetch?: typeof fetch;
  readonly databaseSizeBytes?: () => number;
  /** Cheaper offline-login verifiers for tests; production uses the default cost. */
  readonly verifierCost?: { memoryCost: number; timeCost: number };
  /** Sync retry base delay (default 2 s). */
  readonly syncRetryMs?: number;
  /** The device's clock resumed from its last stamp (`openStationHlc`); default a fresh one (tests). */
  readonly hlc?: Hlc;
  /** The replica's backups (settings, "back up now", the daily schedule); closed with the core. */
  readonly backups: StationBackupService;
  /** See `createStationSession`'s `onPasswordConfirmed`: keeps staff key slots in step (weak machine slot only). */
  readonly onPasswordConfirmed?: (userName: string, password: string) => Promise<void>;
  /** See `createStationSession`'s `onStaffRevoked`: removes a staff key slot the server no longer honours. */
  readonly onStaffRevoked?: (userName: string) => Promise<void>;
};

export type StationCore = StationEndpoint & { close(): Promise<void> };

const issue = defineIssues({
  'station-command-unknown':
    'Chức năng "{command}" không có trên máy trạm. Cập nhật phần mềm hoặc báo bộ phận CNTT.',
  'station-already-enrolled':
    'Máy trạm này đã được đăng ký (thiết bị {deviceId}). Nếu thiết bị bị thu hồi, báo bộ phận CNTT cài đặt lại máy trạm.',
  'station-resident-not-found': 'Không tìm thấy người này trên máy trạm. Tìm lại hoặc đồng bộ rồi thử lại.',
});

type Handlers = {
  [C in StationCommand]: (args: StationCommandArgs<C>) => Promise<StationAnswer<C>>;
};

/**
 * The station core behind the station API (DESIGN.md §2): validates every command's arguments (the app is
 * untrusted), checks the session, runs the service, and answers values or issues; sign-ins (also failed ones),
 * sign-outs, reads of a person's record and backups are recorded in the access log that syncs to the audit chain. It owns the replica's services and
 * the replication client, which starts at once and runs under the device's own session (sync does not wait for a
 * sign-in; reading the replica does). The returned object is also the in-process transport the Electron main process
 * uses.
 */
function facilityCodeOf(orgUnitId: string): string {
  const code = hanoiOrgUnits().find((unit) => unit.id === orgUnitId)?.facilityCode;
  if (code === undefined) throw new Error(`org unit ${orgUnitId} has no facility code: pass facilityCode`);
  return code;
}

/**
 * A sync panel line with whose record it is: the resident's id and name for a resident or one of their records (as
 * far as this replica has them), nothing for other collections.
 */
async function withPersonOf<T extends { collection: string; documentId: string }>(
  db: StationDatabase,
  entry: T,
): Promise<T & { personId?: string; personName?: string }> {
  let personId: string | undefined;
  if (entry.collection === 'persons') personId = entry.documentId;
  else if (entry.collection === 'encounters' || entry.collection === 'immunizations') {
    const record = await db[entry.collection].findOne(entry.documentId).exec();
    personId = record?.personId;
  }
  const person = personId === undefined ? null : await db.persons.findOne(personId).exec();
  return {
    ...entry,
    ...(personId === undefined ? {} : { personId }),
    ...(person === null ? {} : { personName: person.fullName }),
  };
}

export function createStationCore(options: StationCoreOptions): StationCore {
  const { db, clock } = options;
  const outbox = createOutbox(db);
  const issuer = createHealthIdIssuer(db, options.device.deviceId);
  const session = createStationSession({
    db,
    serverUrl: options.serverUrl,
    stationUnitId: options.device.orgUnitId,
    clock,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.verifierCost === undefined ? {} : { verifierCost: options.verifierCost }),
    ...(options.onPasswordConfirmed === undefined
      ? {}
      : { onPasswordConfirmed: options.onPasswordConfirmed }),
    ...(options.onStaffRevoked === undefined ? {} : { onStaffRevoked: options.onStaffRevoked }),
    // Signed by the device, so failed sign-ins here count against this station, not its (shared) address.
    signRequest: (method, path, body) => client.signatureHeaders(method, path, body),
  });
  const unit = hanoiOrgUnits().find((candidate) => candidate.id === options.device.orgUnitId);
  const facilityCode = options.facilityCode ?? facilityCodeOf(options.device.orgUnitId);
  const search = createResidentSearch(db);
  // The phone/BHYT index is built in the background now, not by the first such search (seconds at 100,000 residents).
  void search.warm();
  const access = createAccessLog({
    db,
    outbox,
    clock,
    deviceId: options.device.deviceId,
    orgUnitId: options.device.orgUnitId,
  });
  // Scheduled backups happen with nobody at the keyboard: recorded under the schedule's own name.
  options.backups.onScheduledBackup(() => access.record('backup', SCHEDULED_BACKUP_USER_NAME));
  // One clock for every write of this device, so its stamps strictly increase.
  const hlc = options.hlc ?? createHlc({ node: options.device.deviceId, now: () => clock.now().getTime() });
  // Every write is credited to the signed-in account (`updatedBy`); commands that write require one (`working`).
  const author = () => session.view().userName;
  const registration = createResidentRegistration({
    db,
    author,
    issuer,
    outbox,
    hlc,
    clock,
    orgUnitId: options.device.orgUnitId,
  });
  const updates: ResidentUpdates = createResidentUpdates({ db, outbox, hlc, clock, author });
  const clinical = createClinicalRecords({
    db,
    author,
    outbox,
    hlc,
    clock,
    orgUnitId: options.device.orgUnitId,
    facilityCode,
  });
  const listeners: { [E in keyof StationEvents]: Set<(payload: StationEvents[E]) => void> } = {
    'sync.status': new Set(),
    'session.changed': new Set(),
  };
  const emit = <E extends keyof StationEvents>(event: E, payload: StationEvents[E]) => {
    for (const listener of listeners[event]) listener(payload);
  };

  // One signed client (one device session) for replication and the sync panel's questions to the server.
  const client = createSyncHttpClient({
    baseUrl: options.serverUrl,
    device: options.device,
    appVersion: options.appVersion,
    clock,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  let sync: StationSync | undefined;
  const startSync = () => {
    if (sync !== undefined) return sync;
    sync = startStationSync({
      db,
      client,
      outbox,
      clock,
      replicationIdentifier: `${options.serverUrl}|${options.device.orgUnitId}`,
      device: { deviceId: options.device.deviceId, orgUnitId: options.device.orgUnitId },
      appVersion: options.appVersion,
      healthIdsRemaining: () => issuer.remaining(),
      databaseSizeBytes: options.databaseSizeBytes ?? (() => 0),
      ...(options.syncRetryMs === undefined ? {} : { retryMs: options.syncRetryMs }),
      // Who the server no longer lets in, as the replicated revocation list says: gone from this station at once.
      onStaffAccess: async (entry) => {
        if (entry.access !== 'active') await session.revoke(entry.userName);
      },
    });
    sync.status$.subscribe((status) => {
      emit('sync.status', status);
    });
    return sync;
  };
  const stopSession = session.onChange((view) => {
    emit('session.changed', view);
  });
  // The replica syncs under the device's own session from the start, whether or not anybody is signed in.
  startSync();

  const working = <C extends StationCommand>(
    run: () => Promise<StationAnswer<C>>,
  ): Promise<StationAnswer<C>> => {
    const account = session.requireWorking();
    return account.ok ? run() : Promise.resolve({ ok: false, errors: account.errors });
  };
  const value = <C extends StationCommand>(result: StationCommandResults[C]): StationAnswer<C> => ({
    ok: true,
    value: result,
  });
  const failed = (errors: readonly Issue[]) => ({ ok: false as const, errors });

  const handlers: Handlers = {
    'station.info': async () =>
      value<'station.info'>({
        locked: false,
        enrolled: true,
        appVersion: options.appVersion,
        deviceId: options.device.deviceId,
        orgUnitId: options.device.orgUnitId,
        ...(unit === undefined ? {} : { unitName: unit.name }),
        facilityCode,
        serverUrl: options.serverUrl,
      }),
    'session.status': async () => value<'session.status'>(session.view()),
    'device.enrol': async () =>
      failed([issue('station-already-enrolled', { deviceId: options.device.deviceId })]),
    'session.login': async ({ userName, password }) => {
      // A failed sign-in names only staff this station knows: the typed text may be a password in the wrong field.
      const known = await session.knows(userName);
      const result = await session.login(userName, password);
      await access.record(
        result.ok ? 'login' : 'login-failed',
        result.ok ? (result.value.userName ?? userName) : known ? userName : UNKNOWN_USER_NAME,
      );
      return result.ok ? value<'session.login'>(result.value) : failed(result.errors);
    },
    'session.changePassword': async ({ currentPassword, newPassword }) => {
      const result = await session.changePassword(currentPassword, newPassword);
      return result.ok ? value<'session.changePassword'>(result.value) : failed(result.errors);
    },
    'session.logout': async () => {
      const signedIn = session.view().userName;
      if (signedIn !== undefined) await access.record('logout', signedIn);
      return value<'session.logout'>(await session.logout());
    },
    'residents.search': ({ query, limit }) =>
      working(async () => value<'residents.search'>({ residents: await search.search(query, limit) })),
    'residents.get': ({ id }) =>
      working(async () => {
        const person = await db.persons.findOne(id).exec();
        if (person === null) return failed([issue('station-resident-not-found')]);
        await access.record('person-read', session.view().userName ?? '?', id);
        const encounters = await db.encounters
          .find({ selector: { personId: id }, sort: [{ date: 'desc' }] })
          .exec();
        const immunizations = await db.immunizations
          .find({ selector: { personId: id }, sort: [{ date: 'asc' }] })
          .exec();
        return value<'residents.get'>({
          person: person.toJSON() as Person,
          encounters: encounters.map((doc) => doc.toJSON() as Encounter),
          immunizations: immunizations.map((doc) => doc.toJSON() as Immunization),
        });
      }),
    'residents.findDuplicates': ({ draft }) =>
      working(async () =>
        value<'residents.findDuplicates'>({
          candidates: (await registration.findDuplicates(draft as ResidentDraft)).map((c) => ({
            person: summaryOf(c.person),
            reason: c.reason,
          })),
        }),
      ),
    'residents.register': ({ draft, acknowledgedDuplicateIds }) =>
      working(async () => {
        const result = await registration.register(draft, {
          ...(acknowledgedDuplicateIds === undefined ? {} : { acknowledgedDuplicateIds }),
        });
        if (result.ok) return value<'residents.register'>({ person: result.value });
        return 'candidates' in result
          ? {
              ok: false,
              errors: result.errors,
              candidates: result.candidates.map((c) => ({ person: summaryOf(c.person), reason: c.reason })),
            }
          : failed(result.errors);
      }),
    'residents.update': ({ id, changes }) =>
      working(async () => {
        const result = await updates.update(id, changes as Partial<ResidentDraft>);
        return result.ok ? value<'residents.update'>({ person: result.value }) : failed(result.errors);
      }),
    'residents.markMovedAway': ({ id, movedOutTo }) =>
      working(async () => {
        const result = await updates.markMovedAway(id, movedOutTo);
        return result.ok ? value<'residents.markMovedAway'>({ person: result.value }) : failed(result.errors);
      }),
    'residents.markDeceased': ({ id, deathDate }) =>
      working(async () => {
        const result = await updates.markDeceased(id, deathDate);
        return result.ok ? value<'residents.markDeceased'>({ person: result.value }) : failed(result.errors);
      }),
    'exams.saveDraft': ({ id, draft }) =>
      working(async () => {
        const result = await clinical.saveExamDraft(draft, id);
        return result.ok ? value<'exams.saveDraft'>({ encounter: result.value }) : failed(result.errors);
      }),
    'exams.sign': ({ id }) =>
      working(async () => {
        const account = session.requireWorking();
        if (!account.ok) return failed(account.errors);
        const result = await clinical.signExam(id, {
          practitionerId: account.value.userName.slice(0, 40),
          name: account.value.displayName,
        });
        return result.ok ? value<'exams.sign'>({ encounter: result.value }) : failed(result.errors);
      }),
    'exams.amend': ({ id }) =>
      working(async () => {
        const result = await clinical.amendExam(id);
        return result.ok ? value<'exams.amend'>({ encounter: result.value }) : failed(result.errors);
      }),
    'immunizations.record': ({ entry }) =>
      working(async () => {
        const result = await clinical.recordImmunization(entry);
        return result.ok
          ? value<'immunizations.record'>({ immunization: result.value, warnings: result.warnings })
          : failed(result.errors);
      }),
    'immunizations.markEnteredInError': ({ id }) =>
      working(async () => {
        const result = await clinical.markImmunizationEnteredInError(id);
        return result.ok
          ? value<'immunizations.markEnteredInError'>({ immunization: result.value })
          : failed(result.errors);
      }),
    'immunizations.due': ({ personId, onDate }) =>
      working(async () => {
        const result = await clinical.immunizationsDueFor(personId, onDate ?? hanoiCalendarDate(clock.now()));
        return result.ok ? value<'immunizations.due'>({ due: result.value }) : failed(result.errors);
      }),
    'worklists.summary': ({ onDate, limit }) =>
      working(async () =>
        value<'worklists.summary'>({
          lists: await computeWorklists(db, onDate ?? hanoiCalendarDate(clock.now()), limit),
        }),
      ),
    'sync.status': () => working(async () => value<'sync.status'>(sync?.status() ?? initialSyncStatus)),
    'sync.now': () =>
      working(async () => {
        const running = startSync();
        try {
          await running.syncNow();
        } catch {
          // The status carries what went wrong; the answer is the status either way.
        }
        return value<'sync.now'>(running.status());
      }),
    'sync.pending': ({ limit }) =>
      working(async () => {
        const entries = await outbox.list(limit ?? 100);
        const changes: PendingChangeView[] = await Promise.all(
          entries.map((entry) => withPersonOf(db, entry)),
        );
        return value<'sync.pending'>({ changes, total: (await outbox.summary()).pendingChanges });
      }),
    'sync.outcomes': ({ limit }) =>
      working(async () => {
        let answer: unknown;
        try {
          answer = await client.getJson(`/sync/outcomes?limit=${String(limit ?? 50)}`);
        } catch (thrown) {
          if (!(thrown instanceof SyncRequestError)) throw thrown;
          return failed([{ code: thrown.code, message: thrown.message }]);
        }
        const parsed = deviceOutcomesAnswer.safeParse(answer);
        if (!parsed.success) return failed([syncTransportIssue('sync-answer-unreadable', { status: 200 })]);
        const outcomes = await Promise.all(parsed.data.outcomes.map((outcome) => withPersonOf(db, outcome)));
        return value<'sync.outcomes'>({ outcomes });
      }),
    'backup.status': () => working(async () => value<'backup.status'>(await options.backups.status())),
    'backup.configure': ({ folder, dailyAt }) =>
      working(async () => value<'backup.configure'>(await options.backups.configure({ folder, dailyAt }))),
    'backup.restore': ({ folder }) =>
      working(async () => {
        const result = await options.backups.requestRestore(folder, session.view().userName ?? '?');
        return result.ok ? value<'backup.restore'>(result.value) : failed(result.errors);
      }),
    'backup.now': ({ folder }) =>
      working(async () => {
        const result = await options.backups.backupNow(folder);
        if (result.ok) await access.record('backup', session.view().userName ?? '?');
        return result.ok ? value<'backup.now'>(result.value) : failed(result.errors);
      }),
  };

  return {
    async call(command, args) {
      if (!Object.hasOwn(handlers, command)) return failed([issue('station-command-unknown', { command })]);
      const parsed = validateDocument(stationCommandArgs[command], args ?? {});
      if (!parsed.ok) return failed(parsed.errors);
      const handler = handlers[command] as (args: unknown) => Promise<StationAnswer<typeof command>>;
      return handler(parsed.value);
    },
    subscribe(event, listener) {
      listeners[event].add(listener);
      return () => {
        listeners[event].delete(listener);
      };
    },
    async close() {
      stopSession();
      await options.backups.close();
      search.close();
      await sync?.stop();
    },
  };
}
