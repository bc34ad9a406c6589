import type { StationCommand, PendingChangeView } from '#shared/station-api/station-api.ts';
import { deviceOutcomesAnswer } from '#shared/sync/device-outcomes-wire.ts';
import type { StationDatabase } from '../../database/station-collections.ts';
import type { Outbox } from '../../sync/outbox.ts';
import type { StationSync } from '../../sync/station-sync.ts';
import type { SyncHttpClient } from '../../sync/sync-http-client.ts';
import { SyncRequestError, syncTransportIssue } from '../../sync/sync-request-error.ts';
import { initialSyncStatus } from '../../sync/sync-status.ts';
import { answerIssues, answerValue, type StationHandlers } from '../station-handlers.ts';

export type SyncCommand = Extract<StationCommand, `sync.${string}`>;

/**
 * The sync panel: the replication's status, "sync now", the changes still waiting for the server and what became of
 * this device's refused or merged writes, each line with whose record it is.
 */
export function createSyncHandlers(deps: {
  db: StationDatabase;
  outbox: Outbox;
  client: Pick<SyncHttpClient, 'getJson'>;
  /** The running replication, if started. */
  sync: () => StationSync | undefined;
  /** Starts the replication unless it runs, and returns it. */
  startSync: () => StationSync;
}): StationHandlers<SyncCommand> {
  const { db, outbox } = deps;
  return {
    'sync.status': async () => answerValue(deps.sync()?.status() ?? initialSyncStatus),
    'sync.now': async () => {
      const running = deps.startSync();
      try {
        await running.syncNow();
      } catch {
        // The status carries what went wrong; the answer is the status either way.
      }
      return answerValue(running.status());
    },
    'sync.pending': async ({ limit }) => {
      const entries = await outbox.list(limit ?? 100);
      const changes: PendingChangeView[] = await Promise.all(entries.map((entry) => withPersonOf(db, entry)));
      return answerValue({ changes, total: (await outbox.summary()).pendingChanges });
    },
    'sync.outcomes': async ({ limit }) => {
      let answer: unknown;
      try {
        answer = await deps.client.getJson(`/sync/outcomes?limit=${String(limit ?? 50)}`);
      } catch (thrown) {
        if (!(thrown instanceof SyncRequestError)) throw thrown;
        return answerIssues([{ code: thrown.code, message: thrown.message }]);
      }
      const parsed = deviceOutcomesAnswer.safeParse(answer);
      if (!parsed.success)
        return answerIssues([syncTransportIssue('sync-answer-unreadable', { status: 200 })]);
      const outcomes = await Promise.all(parsed.data.outcomes.map((outcome) => withPersonOf(db, outcome)));
      return answerValue({ outcomes });
    },
  };
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
