import { createHlc, type Hlc } from '#shared/clock/hlc.ts';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { SCHEDULED_BACKUP_USER_NAME } from '#shared/schemas/access-event-user-names.ts';
import { validateDocument } from '#shared/schemas/validate-document.ts';
import {
  stationCommandArgs,
  type StationAnswer,
  type StationCommand,
  type StationEndpoint,
} from '#shared/station-api/station-api.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import { createAccessLog } from '../services/access-log.ts';
import { createClinicalRecords } from '../services/clinical-records.ts';
import { createHealthIdIssuer } from '../services/health-id-issuer.ts';
import {
  createReplicaWriter,
  withoutTransaction,
  type ReplicaTransaction,
} from '../services/replica-writer.ts';
import { createResidentRegistration } from '../services/resident-registration.ts';
import { createResidentSearch } from '../services/resident-search.ts';
import { createResidentUpdates } from '../services/resident-updates.ts';
import type { StationBackupService } from '../services/station-backup-service.ts';
import { createStationSession } from '../services/station-session.ts';
import { createOutbox } from '../sync/outbox.ts';
import { startStationSync, type StationSync } from '../sync/station-sync.ts';
import { createSyncHttpClient, type DeviceCredentials } from '../sync/sync-http-client.ts';
import { createBackupHandlers } from './handlers/backup-handlers.ts';
import { createExamHandlers } from './handlers/exam-handlers.ts';
import { createImmunizationHandlers } from './handlers/immunization-handlers.ts';
import { createResidentHandlers } from './handlers/resident-handlers.ts';
import { createSessionHandlers } from './handlers/session-handlers.ts';
import { createSyncHandlers } from './handlers/sync-handlers.ts';
import { createWorklistHandlers } from './handlers/worklist-handlers.ts';
import { createStationEventBus } from './station-event-bus.ts';
import {
  answerIssues,
  refuseUnknownCommand,
  whileWorking,
  type StationHandlers,
} from './station-handlers.ts';

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
  /**
   * Runs a group of replica writes in one transaction (`SqliteRxStorage.writeTogether` of the station database), so a
   * document and its outbox entry are stored together; default none (RxDB's memory storage in tests).
   */
  readonly transaction?: ReplicaTransaction;
  /** The replica's backups (settings, "back up now", the daily schedule); closed with the core. */
  readonly backups: StationBackupService;
  /** See `createStationSession`'s `onPasswordConfirmed`: keeps staff key slots in step (weak machine slot only). */
  readonly onPasswordConfirmed?: (userName: string, password: string) => Promise<void>;
  /** See `createStationSession`'s `onStaffRevoked`: removes a staff key slot the server no longer honours. */
  readonly onStaffRevoked?: (userName: string) => Promise<void>;
};

/** A station core in any state (open, locked, not enrolled): the endpoint transports call, and its shutdown. */
export type StationCore = StationEndpoint & { close(): Promise<void> };

/** The station's facility code from the org units; a unit without one must be given `facilityCode`. */
function facilityCodeOf(orgUnitId: string): string {
  const code = hanoiOrgUnits().find((unit) => unit.id === orgUnitId)?.facilityCode;
  if (code === undefined) throw new Error(`org unit ${orgUnitId} has no facility code: pass facilityCode`);
  return code;
}

/**
 * The station core behind the station API (DESIGN.md §2): composes the replica's services, the replication client
 * and the handlers of each domain (`handlers/`), validates every command's arguments (the app is untrusted) and
 * dispatches them. Everything but the session's own commands answers only while someone is signed in and may work.
 * Sign-ins (also failed ones), sign-outs, reads of a person's record and backups are recorded in the access log that
 * syncs to the audit chain. The replication starts at once and runs under the device's own session (sync does not
 * wait for a sign-in; reading the replica does). The returned object is also the in-process transport.
 */
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
  // One clock for every write of this device, so its stamps strictly increase.
  const hlc = options.hlc ?? createHlc({ node: options.device.deviceId, now: () => clock.now().getTime() });
  // Every write is credited to the signed-in account (`updatedBy`); commands that write require one (`whileWorking`).
  const userName = () => session.view().userName;
  const writer = createReplicaWriter({
    db,
    outbox,
    hlc,
    clock,
    author: userName,
    transaction: options.transaction ?? withoutTransaction,
  });
  const access = createAccessLog({
    writer,
    clock,
    deviceId: options.device.deviceId,
    orgUnitId: options.device.orgUnitId,
  });
  // Scheduled backups happen with nobody at the keyboard: recorded under the schedule's own name.
  options.backups.onScheduledBackup(() => access.record('backup', SCHEDULED_BACKUP_USER_NAME));
  const registration = createResidentRegistration({
    db,
    issuer,
    writer,
    clock,
    orgUnitId: options.device.orgUnitId,
  });
  const updates = createResidentUpdates({ db, writer, registration, clock, userName });
  const clinical = createClinicalRecords({
    db,
    writer,
    clock,
    orgUnitId: options.device.orgUnitId,
    facilityCode,
  });
  const events = createStationEventBus();

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
      events.emit('sync.status', status);
    });
    return sync;
  };
  const stopSession = session.onChange((view) => {
    events.emit('session.changed', view);
  });
  // The replica syncs under the device's own session from the start, whether or not anybody is signed in.
  startSync();

  const handlers: StationHandlers<StationCommand> = {
    ...createSessionHandlers({
      session,
      access,
      deviceId: options.device.deviceId,
      info: {
        locked: false,
        enrolled: true,
        appVersion: options.appVersion,
        deviceId: options.device.deviceId,
        orgUnitId: options.device.orgUnitId,
        ...(unit === undefined ? {} : { unitName: unit.name }),
        facilityCode,
        serverUrl: options.serverUrl,
      },
    }),
    ...whileWorking(session, createResidentHandlers({ db, search, registration, updates, access, userName })),
    ...whileWorking(session, createExamHandlers({ clinical, session })),
    ...whileWorking(session, createImmunizationHandlers({ clinical, clock })),
    ...whileWorking(
      session,
      createWorklistHandlers({ db, clock, access, userName, stationName: unit?.name ?? facilityCode }),
    ),
    ...whileWorking(session, createSyncHandlers({ db, outbox, client, sync: () => sync, startSync })),
    ...whileWorking(session, createBackupHandlers({ backups: options.backups, access, userName })),
  };

  return {
    async call(command, args) {
      const unknown = refuseUnknownCommand(command);
      if (unknown !== undefined) return unknown;
      const parsed = validateDocument(stationCommandArgs[command], args ?? {});
      if (!parsed.ok) return answerIssues(parsed.errors);
      const handler = handlers[command] as (args: unknown) => Promise<StationAnswer<typeof command>>;
      return handler(parsed.value);
    },
    subscribe: events.subscribe,
    async close() {
      stopSession();
      await options.backups.close();
      search.close();
      await sync?.stop();
    },
  };
}
