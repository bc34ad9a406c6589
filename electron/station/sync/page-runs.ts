import { pullResponse } from '#shared/sync/replication-wire.ts';
import { ndjsonLines } from './ndjson-lines.ts';
import { parseAnswer } from './parse-answer.ts';
import type { SyncHttpClient } from './sync-http-client.ts';
import { SyncRequestError } from './sync-request-error.ts';

export type PullAnswer = ReturnType<typeof pullResponse.parse>;

/** How a collection's pull asks for pages: how big and how many per run, adapted to what the link delivers. */
export type PageRunTuning = {
  /** Documents per page at the start, before any rate is measured (the server allows at most 1000). */
  readonly initialLimit: number;
  /** The smallest page asked for: RxDB stops a pull round on a page smaller than its batch size, set to this. */
  readonly minLimit: number;
  readonly maxLimit: number;
  /** Pages read ahead of the replica's writes, at most (a bounded prefetch). */
  readonly readAhead: number;
  /** A page is sized to arrive in about this long at the measured rate: a cut loses at most that much transfer. */
  readonly pageSeconds: number;
  /** A run is sized to last about this long: one request and one connection for many pages. */
  readonly runSeconds: number;
};

export const defaultPageRunTuning: PageRunTuning = {
  initialLimit: 1000,
  minLimit: 100,
  maxLimit: 1000,
  readAhead: 2,
  pageSeconds: 2,
  runSeconds: 30,
};

/**
 * The pull of one collection through page runs (`GET /sync/:collection/pages`): the pages after a checkpoint stream
 * in one answer, and the reader keeps up to `readAhead` of them parsed while RxDB writes the current one, so the link
 * stays busy. `next(checkpoint)` answers the page after `checkpoint` from the open run when the run continues there,
 * else opens a new run from it; a run that ended (all its pages, or a short page) or broke is replaced by the next
 * call. A connection lost mid-run fails only the page in flight: `next` throws `sync-offline` once the pages already
 * received are used up, and RxDB asks again from the last checkpoint it stored. Page size and run length follow the
 * measured rate (documents per second over the current run) within `tuning`'s bounds.
 */
export type PageRuns = {
  next(checkpoint: number): Promise<PullAnswer>;
  /** Ends the open run (the replication stopped). */
  close(): void;
};

type Run = {
  /** The checkpoint the next unread page continues from. */
  at: number;
  readonly pages: PullAnswer[];
  ended: boolean;
  /** Pages the run brought so far. */
  received: number;
  failure: SyncRequestError | undefined;
  /** Wakes the reader (a page was taken) or the consumer (a page arrived, the run ended or broke). */
  wake: (() => void) | undefined;
  readonly abort: AbortController;
};

export function createPageRuns(
  client: SyncHttpClient,
  base: string,
  options: {
    readonly tuning?: PageRunTuning;
    /** One pull request per page instead of runs (a server without page runs; benchmarks of the old way). */
    readonly singlePages?: boolean | undefined;
    readonly clock?: () => number;
  } = {},
): PageRuns {
  const tuning = options.tuning ?? defaultPageRunTuning;
  const clock = options.clock ?? (() => performance.now());
  let singlePages = options.singlePages ?? false;
  let run: Run | undefined;
  let limit = tuning.initialLimit;
  let pages = Math.max(2, Math.round(tuning.runSeconds / tuning.pageSeconds));

  /** Adapts page size and run length to `documents` received in `seconds` of the run that just ended. */
  function learn(documents: number, seconds: number): void {
    if (seconds <= 0 || documents < tuning.minLimit) return;
    const rate = documents / seconds;
    limit = Math.min(tuning.maxLimit, Math.max(tuning.minLimit, Math.round(rate * tuning.pageSeconds)));
    pages = Math.min(100, Math.max(2, Math.round((rate * tuning.runSeconds) / limit)));
  }

  function open(checkpoint: number): Run {
    const opened: Run = {
      at: checkpoint,
      pages: [],
      ended: false,
      received: 0,
      failure: undefined,
      wake: undefined,
      abort: new AbortController(),
    };
    const wake = () => {
      const waiting = opened.wake;
      opened.wake = undefined;
      waiting?.();
    };
    // An abandoned run's reader may be waiting for room: let it see the abort and let go of the answer.
    opened.abort.signal.addEventListener('abort', wake);
    const startedAt = clock();
    let documents = 0;
    void (async () => {
      const body = await client.openStream(
        `${base}/pages?checkpoint=${String(checkpoint)}&limit=${String(limit)}&pages=${String(pages)}`,
        opened.abort.signal,
      );
      for await (const line of ndjsonLines(body)) {
        const page = parseAnswer(pullResponse, JSON.parse(line) as unknown);
        documents += page.documents.length;
        opened.received++;
        opened.pages.push(page);
        wake();
        while (opened.pages.length >= tuning.readAhead && !opened.abort.signal.aborted) {
          await new Promise<void>((resolve) => {
            opened.wake = resolve;
          });
        }
        // Leaving the loop cancels the answer (and lets go of its connection).
        if (opened.abort.signal.aborted) return;
      }
      learn(documents, (clock() - startedAt) / 1000);
    })()
      .catch((thrown: unknown) => {
        opened.failure =
          thrown instanceof SyncRequestError
            ? thrown
            : new SyncRequestError('sync-offline', 0, { cause: thrown });
      })
      .finally(() => {
        opened.ended = true;
        wake();
      });
    return opened;
  }

  async function singlePage(checkpoint: number): Promise<PullAnswer> {
    return parseAnswer(
      pullResponse,
      await client.getJson(`${base}/pull?checkpoint=${String(checkpoint)}&limit=${String(limit)}`),
    );
  }

  async function next(checkpoint: number): Promise<PullAnswer> {
    if (singlePages) return singlePage(checkpoint);
    for (;;) {
      if (run === undefined || run.at !== checkpoint || (run.ended && run.pages.length === 0)) {
        run?.abort.abort();
        run = open(checkpoint);
      }
      const current = run;
      while (current.pages.length === 0 && !current.ended) {
        await new Promise<void>((resolve) => {
          current.wake = resolve;
        });
      }
      const page = current.pages.shift();
      if (page !== undefined) {
        current.at = page.checkpoint.seq;
        const waiting = current.wake;
        current.wake = undefined;
        waiting?.();
        return page;
      }
      run = undefined;
      // The run broke before this page: RxDB retries from `checkpoint`. A run that ended after its last page is
      // followed by a new one; an answer that held no page at all is not a page run.
      if (isRouteMissing(current.failure)) {
        // A server from before page runs: one pull per page from now on.
        singlePages = true;
        return singlePage(checkpoint);
      }
      if (current.failure !== undefined) throw current.failure;
      if (current.at === checkpoint && current.received === 0)
        throw new SyncRequestError('sync-answer-unreadable', 200);
    }
  }

  return {
    next,
    close() {
      run?.abort.abort();
      run = undefined;
    },
  };
}

function isRouteMissing(failure: unknown): boolean {
  return failure instanceof SyncRequestError && failure.status === 404 && failure.code === 'route-not-found';
}
