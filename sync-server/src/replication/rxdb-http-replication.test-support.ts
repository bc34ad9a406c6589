import { Observable } from 'rxjs';
import type { RxCollection, RxReplicationPullStreamItem } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { PRINCIPAL_HEADER, type TestPrincipalName } from '../testing/replication-test-app.test-support.ts';

type Checkpoint = { seq: number };

/**
 * Server-sent events of a replication stream as an Observable of parsed `data:` payloads (Node 20 has no
 * EventSource). Unsubscribing aborts the request.
 */
export function serverSentEvents(url: string, headers: Record<string, string>): Observable<unknown> {
  return new Observable<unknown>((subscriber) => {
    const abort = new AbortController();
    void (async () => {
      const response = await fetch(url, { headers, signal: abort.signal });
      if (!response.ok || response.body === null)
        throw new Error(`stream answered ${String(response.status)}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of event.split('\n')) {
            if (line.startsWith('data: ')) subscriber.next(JSON.parse(line.slice(6)));
          }
        }
      }
      subscriber.complete();
    })().catch((thrown: unknown) => {
      if (!abort.signal.aborted) subscriber.error(thrown);
    });
    return () => {
      abort.abort();
    };
  });
}

/**
 * A real RxDB replication of `collection` against the server's HTTP routes, as the station client will run it:
 * pull with the server sequence as checkpoint, push rows as they are, and (live) the SSE stream.
 */
export function replicateOverHttp<T>(
  collection: RxCollection<T>,
  options: { baseUrl: string; collectionName: string; principal: TestPrincipalName; live: boolean },
): RxReplicationState<T, Checkpoint> {
  const headers = { [PRINCIPAL_HEADER]: options.principal };
  const base = `${options.baseUrl}/sync/${encodeURIComponent(options.collectionName)}`;
  return replicateRxCollection<T, Checkpoint>({
    collection,
    replicationIdentifier: `http-${options.collectionName}-${options.baseUrl}`,
    live: options.live,
    retryTime: 200,
    pull: {
      batchSize: 20,
      async handler(checkpoint, batchSize) {
        const response = await fetch(
          `${base}/pull?checkpoint=${String(checkpoint?.seq ?? 0)}&limit=${String(batchSize)}`,
          {
            headers,
          },
        );
        if (!response.ok)
          throw new Error(`pull answered ${String(response.status)}: ${await response.text()}`);
        return (await response.json()) as { documents: never[]; checkpoint: Checkpoint };
      },
      ...(options.live
        ? {
            stream$: serverSentEvents(`${base}/stream`, headers) as Observable<
              RxReplicationPullStreamItem<T, Checkpoint>
            >,
          }
        : {}),
    },
    push: {
      batchSize: 20,
      async handler(rows) {
        const response = await fetch(`${base}/push`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(rows),
        });
        if (!response.ok)
          throw new Error(`push answered ${String(response.status)}: ${await response.text()}`);
        return (await response.json()) as never[];
      },
    },
  });
}

/** Runs one non-live replication round (push, then pull to the end) and stops it. */
export async function syncOnceOverHttp<T>(
  collection: RxCollection<T>,
  options: { baseUrl: string; collectionName: string; principal: TestPrincipalName },
): Promise<void> {
  const state = replicateOverHttp(collection, { ...options, live: false });
  const errors: unknown[] = [];
  const subscription = state.error$.subscribe((error) => errors.push(error));
  await state.awaitInitialReplication();
  subscription.unsubscribe();
  await state.cancel();
  if (errors.length > 0) throw new Error(`replication failed: ${String(errors[0])}`);
}
