import { defer, retry, timer, type Subscription } from 'rxjs';
import { serviceCollections } from '#shared/schemas/service-collections.ts';
import {
  validateStaffAccessDocument,
  type StaffAccessDocument,
  type StaffAccessState,
} from '#shared/schemas/staff-access-document.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import type { SyncHttpClient } from './sync-http-client.ts';
import { pullResponse } from '#shared/sync/replication-wire.ts';
import { parseAnswer } from './parse-answer.ts';

const COLLECTION = serviceCollections['staff-access'].name;
/** The one local document holding the list and its checkpoint (a handful of staff per station). */
const LOCAL_ID = 'staff-access';
const BATCH = 200;

type StoredList = {
  /** The server and unit the list was pulled from: another one starts again from nothing. */
  readonly source: string;
  readonly seq: number;
  readonly entries: Readonly<Record<string, StaffAccessDocument>>;
};

/** `userName` as the station keys its staff: NFC, lower case. */
const staffKey = (userName: string) => userName.normalize('NFC').toLowerCase();

/**
 * What the replicated revocation list says of `userName` when it says they may not sign in, else null. Read from
 * the replica, so it answers offline.
 */
export async function revokedAccessOf(
  db: StationDatabase,
  userName: string,
): Promise<Exclude<StaffAccessState, 'active'> | null> {
  const stored = await db.getLocal<StoredList>(LOCAL_ID);
  const key = staffKey(userName);
  const entry = Object.values(stored?.toJSON().data.entries ?? {}).find((e) => staffKey(e.userName) === key);
  return entry === undefined || entry.access === 'active' ? null : entry.access;
}

export type StaffAccessReplica = {
  /** Pulls everything new now; resolves when the station is up to date, rejects when the server cannot be asked. */
  pullNow(): Promise<void>;
  stop(): void;
};

/**
 * The station's replica of the revocation list (`staff-access`, server-written, pull only): pulled through the same
 * signed `/sync/staff-access/pull` protocol and schema-version header as every replicated collection, by checkpoint,
 * and kept in one local document of the encrypted replica rather than an RxDB collection of its own (the open-source
 * RxDB allows only so many open collections per process). Pulled at start, whenever the server's stream says the list
 * changed (live), and on `pullNow`. Every entry received is passed to `onEntry`, in order, before the checkpoint
 * moves past it (a crash in between hands it over again, never skips it); invalid documents are skipped.
 */
export function startStaffAccessReplica(deps: {
  readonly db: StationDatabase;
  readonly client: SyncHttpClient;
  /** The server URL and station unit, as the collection replications key their checkpoints. */
  readonly source: string;
  readonly live: boolean;
  readonly retryMs?: number;
  onEntry(entry: StaffAccessDocument): Promise<void>;
  onError?(error: unknown): void;
}): StaffAccessReplica {
  const base = `/sync/${COLLECTION}`;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function load(): Promise<StoredList> {
    const stored = (await deps.db.getLocal<StoredList>(LOCAL_ID))?.toJSON().data;
    return stored?.source === deps.source ? stored : { source: deps.source, seq: 0, entries: {} };
  }

  async function pullAll(): Promise<void> {
    let list = await load();
    for (;;) {
      const answer = parseAnswer(
        pullResponse,
        await deps.client.getJson(`${base}/pull?checkpoint=${String(list.seq)}&limit=${String(BATCH)}`),
      );
      const documents = answer.documents;
      const entries = new Map(Object.entries(list.entries));
      const received: StaffAccessDocument[] = [];
      for (const raw of documents) {
        const { _deleted: deleted, ...doc } = raw;
        const checked = validateStaffAccessDocument(doc);
        if (!checked.ok) continue;
        if (deleted === true) entries.delete(checked.value.id);
        else {
          entries.set(checked.value.id, checked.value);
          received.push(checked.value);
        }
      }
      const seq = answer.checkpoint.seq;
      for (const entry of received) await deps.onEntry(entry);
      list = { source: deps.source, seq, entries: Object.fromEntries(entries) };
      await deps.db.upsertLocal<StoredList>(LOCAL_ID, list);
      if (documents.length < BATCH || stopped) return;
    }
  }

  /** One pull at a time; a request while one runs waits for it and then pulls again. */
  const pullNow = (): Promise<void> => {
    const next = running.catch(() => undefined).then(pullAll);
    running = next;
    return next;
  };

  const report = (error: unknown) => deps.onError?.(error);
  pullNow().catch(report);

  let stream: Subscription | undefined;
  if (deps.live) {
    const retryMs = deps.retryMs ?? 2_000;
    stream = defer(() => deps.client.events(`${base}/stream`))
      .pipe(
        retry({
          delay: (_error, attempt) => timer(Math.min(60_000, retryMs * 2 ** (attempt - 1))),
          resetOnSuccess: true,
        }),
      )
      .subscribe(() => {
        pullNow().catch(report);
      });
  }
  return {
    pullNow,
    stop() {
      stopped = true;
      stream?.unsubscribe();
    },
  };
}
