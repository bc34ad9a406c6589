import { describe, expect, it } from 'vitest';
import { createPageRuns, defaultPageRunTuning } from './page-runs.ts';
import type { SyncHttpClient } from './sync-http-client.ts';
import { SyncRequestError } from './sync-request-error.ts';

const encoder = new TextEncoder();
const page = (from: number, size: number) => ({
  documents: Array.from({ length: size }, (_, i) => ({ id: `d${String(from + i + 1)}` })),
  checkpoint: { seq: from + size },
});

/**
 * A server of page runs over `total` documents, answering like `GET /sync/:collection/pages` (NDJSON, ending after
 * `pages` pages or a short page), whose answers can be made to break after some lines; it records what was asked and
 * how many lines each answer had given when the reader stopped pulling.
 */
function fakeServer(total: number, options: { breakAfterLines?: number } = {}) {
  const asked: URLSearchParams[] = [];
  const pulled: number[] = [];
  let breakAfter = options.breakAfterLines;
  const client = {
    openStream(path: string, signal: AbortSignal) {
      const query = new URL(path, 'http://station').searchParams;
      asked.push(query);
      const limit = Number(query.get('limit'));
      const pages = Number(query.get('pages'));
      let at = Number(query.get('checkpoint'));
      let sent = 0;
      const index = pulled.push(0) - 1;
      const failAfter = breakAfter;
      breakAfter = undefined;
      return Promise.resolve(
        new ReadableStream<Uint8Array>(
          {
            pull(controller) {
              if (signal.aborted) return;
              if (failAfter !== undefined && sent === failAfter) {
                controller.error(new TypeError('terminated'));
                return;
              }
              const next = page(at, Math.max(0, Math.min(limit, total - at)));
              controller.enqueue(encoder.encode(`${JSON.stringify(next)}\n`));
              sent++;
              pulled[index] = sent;
              at = next.checkpoint.seq;
              if (sent === pages || next.documents.length < limit) controller.close();
            },
          },
          { highWaterMark: 0 },
        ),
      );
    },
    getJson(path: string) {
      const query = new URL(path, 'http://station').searchParams;
      asked.push(query);
      const at = Number(query.get('checkpoint'));
      return Promise.resolve(page(at, Math.max(0, Math.min(Number(query.get('limit')), total - at))));
    },
  } as unknown as SyncHttpClient;
  return { client, asked, pulled };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('page runs: the pull of a collection over a slow link', () => {
  it('reads pages ahead of the writes, but at most `readAhead` of them', async () => {
    const server = fakeServer(10_000);
    const runs = createPageRuns(server.client, '/sync/persons', {
      tuning: { ...defaultPageRunTuning, readAhead: 2 },
    });
    expect((await runs.next(0)).checkpoint.seq).toBe(1000);
    await tick();
    // One page handed out, two read ahead, and the answer not read further while nobody takes them.
    expect(server.pulled[0]).toBeLessThanOrEqual(3);
    expect((await runs.next(1000)).checkpoint.seq).toBe(2000);
    runs.close();
  });

  it('keeps the pages that arrived before a drop, then fails, then goes on from the last page in a new run', async () => {
    const server = fakeServer(5000, { breakAfterLines: 2 });
    const runs = createPageRuns(server.client, '/sync/persons');
    expect((await runs.next(0)).checkpoint.seq).toBe(1000);
    expect((await runs.next(1000)).checkpoint.seq).toBe(2000);
    await expect(runs.next(2000)).rejects.toMatchObject({ code: 'sync-offline' });
    const resumed = await runs.next(2000);
    expect(resumed.documents[0]).toEqual({ id: 'd2001' });
    expect(server.asked.map((query) => query.get('checkpoint'))).toEqual(['0', '2000']);
    runs.close();
  });

  it('opens a new run when asked from another checkpoint, and after a run ends', async () => {
    const server = fakeServer(3500);
    const runs = createPageRuns(server.client, '/sync/persons', {
      tuning: { ...defaultPageRunTuning, runSeconds: 4, pageSeconds: 2 },
    });
    const seqs: number[] = [];
    let at = 0;
    for (;;) {
      const next = await runs.next(at);
      seqs.push(next.checkpoint.seq);
      if (next.documents.length < 1000) break;
      at = next.checkpoint.seq;
    }
    expect(seqs).toEqual([1000, 2000, 3000, 3500]);
    // A first run of two pages (4 s of 2 s pages); it measured a fast link, so the next is as long as allowed.
    expect(server.asked.map((query) => [query.get('checkpoint'), query.get('pages')])).toEqual([
      ['0', '2'],
      ['2000', '100'],
    ]);
    expect((await runs.next(1000)).checkpoint.seq).toBe(2000);
    expect(server.asked.at(-1)?.get('checkpoint')).toBe('1000');
    runs.close();
  });

  it('sizes pages to the rate the last run measured', async () => {
    let now = 0;
    const server = fakeServer(100_000);
    const runs = createPageRuns(server.client, '/sync/persons', {
      tuning: { ...defaultPageRunTuning, runSeconds: 4, pageSeconds: 2 },
      clock: () => now,
    });
    // A slow link: the first run's 2,000 documents take 20 s (100 documents/s).
    await runs.next(0);
    now = 20_000;
    await runs.next(1000);
    await runs.next(2000);
    expect(server.asked[1]?.get('limit')).toBe('200');
    runs.close();
  });

  it('pulls page by page from a server without page runs', async () => {
    const server = fakeServer(1500);
    const client = {
      ...server.client,
      openStream: () => Promise.reject(new SyncRequestError('route-not-found', 404)),
      getJson: server.client.getJson.bind(server.client),
    } as SyncHttpClient;
    const runs = createPageRuns(client, '/sync/persons');
    expect((await runs.next(0)).checkpoint.seq).toBe(1000);
    expect((await runs.next(1000)).checkpoint.seq).toBe(1500);
    expect(server.asked.map((query) => query.get('checkpoint'))).toEqual(['0', '1000']);
  });

  it('refuses an answer that is not a page with a clear error, and hands out nothing of it', async () => {
    const client = {
      openStream: () =>
        Promise.resolve(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(encoder.encode('{"documents":"nope"}\n'));
              controller.close();
            },
          }),
        ),
    } as unknown as SyncHttpClient;
    const runs = createPageRuns(client, '/sync/persons');
    await expect(runs.next(0)).rejects.toMatchObject({ code: 'sync-answer-unreadable' });
  });
});
