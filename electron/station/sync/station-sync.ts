import { BehaviorSubject, merge, type Observable, type Subscription } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { toError } from '#shared/errors/to-error.ts';
import type { StaffAccessDocument } from '#shared/schemas/staff-access-document.ts';
import type { StationStatusDocument } from '#shared/schemas/station-status-document.ts';
import {
  replicatedCollectionNames,
  type ReplicatedCollectionName,
  type StationDatabase,
} from '../database/station-collections.ts';
import type { Outbox } from './outbox.ts';
import { replicateCollection, type ServerCheckpoint } from './replicate-collection.ts';
import { startStaffAccessReplica } from './staff-access-replica.ts';
import { createTransferRate } from './transfer-rate.ts';
import type { SyncHttpClient } from './sync-http-client.ts';
import { SyncRequestError } from './sync-request-error.ts';
import { initialSyncStatus, type SyncProblem, type SyncStatus } from './sync-status.ts';

export type StationSyncOptions = {
  readonly db: StationDatabase;
  readonly client: SyncHttpClient;
  readonly outbox: Outbox;
  readonly clock: { now(): Date };
  /** Keys the stored checkpoints; include the server URL and the station unit (changing it restarts from zero). */
  readonly replicationIdentifier: string;
  readonly device: { readonly deviceId: string; readonly orgUnitId: string };
  readonly appVersion: string;
  /** Unused health IDs left in this device's pools (reported, so the server tops them up). */
  healthIdsRemaining(): Promise<number>;
  databaseSizeBytes(): number;
  readonly live?: boolean;
  readonly retryMs?: number;
  /** Told of every entry of the replicated revocation list (`staff-access`) as it arrives, and of those stored at start. */
  onStaffAccess?(entry: StaffAccessDocument): Promise<void>;
  /** Documents per push, and per pulled page until the link's rate is measured (default 200; 1000 for a first sync). */
  readonly batchSize?: number;
  /** One pull request per page instead of page runs (benchmarks of the way before page runs). */
  readonly singlePages?: boolean;
  /**
   * Minimum time between two status reports after sync rounds (default 60 s; "sync now" always reports). Also the
   * period of a heartbeat report while nothing changes, so the console sees a quiet but connected station as fresh
   * (default every 15 minutes). A report is itself a change whose echo ends a round: the interval keeps that finite.
   */
  readonly reportIntervalMs?: number;
  readonly heartbeatReportMs?: number;
};

export type StationSync = {
  readonly status$: Observable<SyncStatus>;
  status(): SyncStatus;
  /** Pushes and pulls everything now (the "đồng bộ ngay" button); resolves when in sync, rejects when it cannot. */
  syncNow(): Promise<void>;
  stop(): Promise<void>;
};

const MAX_ERRORS = 50;

/**
 * The station's replication client: one RxDB replication per replicated collection against the sync
 * server, live with the server stream, retried with backoff; the outbox acknowledged from what the server accepted;
 * an honest status model; and, after each round, this device's `station-status` report (written locally and pushed
 * like any change), which also tells the server when its health-ID pools run low. The revocation list
 * (`staff-access`) is pulled beside them (`staff-access-replica.ts`) and each of its entries handed to `onStaffAccess`.
 */
export function startStationSync(options: StationSyncOptions): StationSync {
  const { db, client, outbox, clock } = options;
  const live = options.live ?? true;
  const reportIntervalMs = options.reportIntervalMs ?? 60_000;
  const status = new BehaviorSubject<SyncStatus>(initialSyncStatus);
  const subscriptions: Subscription[] = [];
  const activity = new Map<ReplicatedCollectionName, boolean>();
  let lastReportAt = 0;
  let stopped = false;
  const heartbeat = setInterval(
    () => {
      if (status.getValue().online) void report().catch(() => undefined);
    },
    options.heartbeatReportMs ?? 15 * 60_000,
  );
  heartbeat.unref();

  // Documents arrive one `received$` at a time: counted here, reported with the next update (at most every second
  // while they stream), with the time left at the rate of the last half minute.
  const received: Record<string, number> = {};
  let receivedChanged = false;
  const rate = createTransferRate();
  const update = (change: Partial<SyncStatus>) => {
    receivedChanged = false;
    const next = { ...status.getValue(), ...change, received: { ...received } };
    const total = Object.values(received).reduce((sum, count) => sum + count, 0);
    rate.sample(performance.now(), total);
    const remaining = Object.entries(next.expected).reduce(
      (sum, [name, expected]) => sum + Math.max(0, expected - (received[name] ?? 0)),
      0,
    );
    const withTime = {
      ...next,
      secondsLeft: rate.secondsLeft(remaining),
      clockOffsetMs: client.clockOffsetMs(),
    };
    status.next({ ...withTime, state: stateOf(withTime, [...activity.values()].some(Boolean)) });
  };
  const progress = setInterval(() => {
    if (receivedChanged || status.getValue().secondsLeft !== null) update({});
  }, 1000);
  progress.unref();

  const replications = replicatedCollectionNames.map((name) => {
    // Every station collection has a string `id` primary key; the replication only needs that much of its type.
    const collection = db[name] as unknown as RxCollection<{ id: string }>;
    const replication: RxReplicationState<{ id: string }, ServerCheckpoint> = replicateCollection(
      collection,
      client,
      {
        remoteName: name,
        replicationIdentifier: `${options.replicationIdentifier}|${name}`,
        live,
        ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
        ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
        singlePages: options.singlePages,
        onPulled: () => {
          update({ online: true, lastPullAt: clock.now().toISOString() });
        },
        onExpected: (documents) => {
          update({ expected: { ...status.getValue().expected, [name]: documents } });
        },
      },
    );
    subscriptions.push(
      replication.received$.subscribe(() => {
        received[name] = (received[name] ?? 0) + 1;
        receivedChanged = true;
      }),
      replication.sent$.subscribe((doc) => {
        update({ online: true, lastPushAt: clock.now().toISOString() });
        void acknowledge(name, [doc.id]);
      }),
      replication.conflict$.subscribe((conflict) => {
        const id = (conflict.input.newDocumentState as { id?: unknown }).id;
        if (typeof id === 'string') void acknowledge(name, [id]);
      }),
      replication.error$.subscribe((error) => {
        const cause = errorOf(error);
        const problem: SyncProblem = {
          collection: name,
          code: cause.code,
          message: cause.message,
          at: clock.now().toISOString(),
        };
        update({
          online: cause.code !== 'sync-offline',
          errors: [problem, ...status.getValue().errors].slice(0, MAX_ERRORS),
        });
      }),
      replication.active$.subscribe((active) => {
        activity.set(name, active);
        if (!active) void afterRound();
        else update({});
      }),
    );
    return { name, replication };
  });

  const staffAccess = startStaffAccessReplica({
    db,
    client,
    source: `${options.replicationIdentifier}|staff-access`,
    live,
    ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
    onEntry: async (entry) => {
      await options.onStaffAccess?.(entry);
    },
    onError: (error) => {
      const cause = errorOf(error);
      const problem: SyncProblem = {
        collection: 'staff-access',
        code: cause.code,
        message: cause.message,
        at: clock.now().toISOString(),
      };
      update({
        online: cause.code !== 'sync-offline',
        errors: [problem, ...status.getValue().errors].slice(0, MAX_ERRORS),
      });
    },
  });

  async function acknowledge(name: string, ids: readonly string[]): Promise<void> {
    if (stopped) return;
    await outbox.acknowledge(name, ids);
    update(await outbox.summary());
  }

  /** When every replication is idle: refresh the pending figures and, at most every interval, report. */
  async function afterRound(): Promise<void> {
    if (stopped || [...activity.values()].some(Boolean)) return;
    const summary = await outbox.summary();
    const current = status.getValue();
    const now = clock.now().toISOString();
    const roundSucceeded = current.online;
    update({
      ...summary,
      healthIdsRemaining: await options.healthIdsRemaining(),
      ...(roundSucceeded && summary.pendingChanges === 0 ? { lastSyncedAt: now } : {}),
    });
    if (roundSucceeded && clock.now().getTime() - lastReportAt >= reportIntervalMs) await report();
  }

  async function report(): Promise<void> {
    lastReportAt = clock.now().getTime();
    const current = status.getValue();
    const documentCounts: Record<string, number> = {};
    for (const name of replicatedCollectionNames) documentCounts[name] = await db[name].count().exec();
    const doc: StationStatusDocument = {
      id: options.device.deviceId,
      orgUnitId: options.device.orgUnitId,
      reportedAt: clock.now().toISOString(),
      appVersion: options.appVersion,
      ...(current.lastPullAt === null ? {} : { lastPullAt: current.lastPullAt }),
      ...(current.lastPushAt === null ? {} : { lastPushAt: current.lastPushAt }),
      pendingChanges: current.pendingChanges,
      ...(current.oldestPendingAt === null
        ? {}
        : {
            oldestPendingAgeSeconds: Math.max(
              0,
              Math.round((clock.now().getTime() - Date.parse(current.oldestPendingAt)) / 1000),
            ),
          }),
      recordErrors: [],
      documentCounts,
      databaseSizeBytes: options.databaseSizeBytes(),
      clockOffsetMs: client.clockOffsetMs(),
      healthIdsRemaining: await options.healthIdsRemaining(),
    };
    await db['station-status'].upsert(doc);
  }

  return {
    status$: status.asObservable(),
    status: () => status.getValue(),
    async syncNow() {
      update({ errors: [] });
      // The first error of this round ends the wait: RxDB itself retries forever and would never settle.
      let failed: Subscription | undefined;
      const failure = new Promise<never>((_resolve, reject) => {
        failed = merge(...replications.map(({ replication }) => replication.error$)).subscribe((error) => {
          const cause = errorOf(error);
          reject(new SyncRequestError(cause.code, 0, { message: cause.message }));
        });
      });
      try {
        for (const { replication } of replications) replication.reSync();
        await Promise.race([
          (async () => {
            await report();
            for (const { replication } of replications) await replication.awaitInSync();
            await staffAccess.pullNow();
          })(),
          failure,
        ]);
      } finally {
        failed?.unsubscribe();
      }
      await afterRound();
    },
    async stop() {
      stopped = true;
      clearInterval(heartbeat);
      clearInterval(progress);
      staffAccess.stop();
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all(replications.map(({ replication }) => replication.cancel()));
      status.complete();
    },
  };
}

function errorOf(error: unknown): { code: string; message: string } {
  // RxDB wraps handler failures (RC_PULL / RC_PUSH) and keeps the originals, as plain JSON, in `parameters.errors`.
  const wrapped = (error as { parameters?: { errors?: unknown[] } }).parameters?.errors?.[0];
  const cause = wrapped ?? error;
  if (cause instanceof SyncRequestError) return { code: cause.code, message: cause.message };
  const plain = cause as { name?: unknown; code?: unknown; message?: unknown };
  if (
    plain.name === 'SyncRequestError' &&
    typeof plain.code === 'string' &&
    typeof plain.message === 'string'
  ) {
    return { code: plain.code, message: plain.message };
  }
  return {
    code: 'sync-failed',
    message: `Đồng bộ gặp lỗi: ${toError(cause).message}. Phần mềm sẽ tự thử lại; báo bộ phận CNTT nếu lỗi kéo dài.`,
  };
}

function stateOf(status: SyncStatus, active: boolean): SyncStatus['state'] {
  const attention = status.errors[0];
  if (attention !== undefined && isAttentionCode(attention.code)) {
    return 'needs-attention';
  }
  if (!status.online) return 'offline';
  if (active) return 'syncing';
  return status.pendingChanges > 0 ? 'pending' : 'synced';
}

/** Server answers that retrying cannot fix until someone acts. */
function isAttentionCode(code: string): boolean {
  return [
    'device-revoked',
    'device-unknown',
    'device-signature-invalid',
    'session-expired',
    'auth-required',
    'app-version-unsupported',
    'schema-version-outdated',
    'schema-version-ahead',
    'schema-version-header-invalid',
    'schema-version-server-behind',
  ].includes(code);
}
