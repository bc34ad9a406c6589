import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { live, personIn, pullAs, pushAs } from '../record/domain-fixtures.test-support.ts';
import {
  createReplicationTestApp,
  TEST_UNITS,
  type ReplicationTestApp,
} from '../testing/replication-test-app.test-support.ts';

const WRITERS = 8;
const BATCHES_PER_WRITER = 12;
const DOCS_PER_BATCH = 3;

describe.each(testBackends)('sequence numbers in commit order on $name', (backend) => {
  let database: DatabaseHandle;
  let server: ReplicationTestApp;

  /** What a push does right after allocating its sequence numbers, before it commits (set per test). */
  let afterAllocation: () => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    database = await backend.open();
    server = await createReplicationTestApp({
      database,
      afterPushSequenceAllocated: () => afterAllocation(),
    });
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
    await database.close();
  });

  it(
    'a reader pulling continuously while many writers commit never skips a change',
    { timeout: 120_000 },
    async () => {
      // Each push waits a little after allocating, so that writers overlap between allocation and commit.
      afterAllocation = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
      const written: string[] = [];
      let writing = true;
      const writers = Array.from({ length: WRITERS }, async (_, writer) => {
        for (let batch = 0; batch < BATCHES_PER_WRITER; batch++) {
          const people = Array.from({ length: DOCS_PER_BATCH }, (_unused, n) =>
            personIn(TEST_UNITS.stationA1, `p-w${String(writer)}-b${String(batch)}-${String(n)}`),
          );
          await pushAs(
            server.app,
            'stationA1',
            'persons',
            people.map((p) => ({ newDocumentState: live(p) })),
          );
          written.push(...people.map((p) => p.id));
        }
      });
      const received = new Map<string, number>();
      let checkpoint = 0;
      // Big pages keep the reader at the commit frontier, where a change committed late with a low number would be missed.
      const drainOnce = async () => {
        const page = await pullAs(server.app, 'stationA1', 'persons', checkpoint, 1000);
        for (const doc of page.documents)
          received.set(String(doc['id']), (received.get(String(doc['id'])) ?? 0) + 1);
        expect(page.checkpoint.seq).toBeGreaterThanOrEqual(checkpoint);
        checkpoint = page.checkpoint.seq;
        return page.documents.length;
      };
      // A real client waits for the network between pulls; this one at least yields to the event loop, because with
      // in-process requests a reader that never yields starves the writers' request parsing on PGlite.
      const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
      const stillWriting = () => writing;
      const reader = (async () => {
        while (stillWriting()) {
          await drainOnce();
          await nextTurn();
        }
        while ((await drainOnce()) > 0);
      })();

      await Promise.all(writers);
      writing = false;
      await reader;

      expect(written).toHaveLength(WRITERS * BATCHES_PER_WRITER * DOCS_PER_BATCH);
      expect(written.filter((id) => !received.has(id))).toEqual([]);
      // Inserts only: each document has one version, so a reader that never goes back sees each exactly once.
      expect([...received.values()].every((times) => times === 1)).toBe(true);
    },
  );

  it('makes a writer that allocated later wait, so a reader never passes a number committed after it', async () => {
    const start = (await pullAs(server.app, 'stationA1', 'persons', 0, 1000)).checkpoint.seq;
    let enteredFirst: () => void = () => undefined;
    const firstEntered = new Promise<void>((resolve) => {
      enteredFirst = resolve;
    });
    let releaseFirst: () => void = () => undefined;
    const firstReleased = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let calls = 0;
    afterAllocation = async () => {
      calls++;
      if (calls > 1) return;
      enteredFirst();
      await firstReleased;
    };
    const pushOne = (id: string) =>
      pushAs(server.app, 'stationA1', 'persons', [
        { newDocumentState: live(personIn(TEST_UNITS.stationA1, id)) },
      ]);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    const first = pushOne('p-gate-first');
    await firstEntered;
    const second = pushOne('p-gate-second');
    await sleep(200);
    // While the first push holds its number uncommitted, a reader must not be handed the second one.
    const duringHold = pullAs(server.app, 'stationA1', 'persons', start, 1000);
    await sleep(200);
    releaseFirst();
    await Promise.all([first, second]);
    const seen = await duringHold;
    const rest = await pullAs(server.app, 'stationA1', 'persons', seen.checkpoint.seq, 1000);
    expect([...seen.documents, ...rest.documents].map((d) => d['id'])).toEqual([
      'p-gate-first',
      'p-gate-second',
    ]);
  });
});
