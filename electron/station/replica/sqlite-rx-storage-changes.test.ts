import fc from 'fast-check';
import { stackCheckpoints, type RxDocumentData } from 'rxdb';
import { describe, expect, it } from 'vitest';
import type { SqliteCheckpoint } from './database-file.ts';
import { getRxStorageSqlite } from './sqlite-rx-storage.ts';
import {
  createTestInstance,
  nextVersion,
  tempDirectory,
  TEST_KEY,
  testDoc,
  type TestDoc,
} from './sqlite-rx-storage.test-support.ts';
import type { SqliteRxStorageInstance } from './sqlite-rx-storage-instance.ts';

async function newInstance(): Promise<SqliteRxStorageInstance<TestDoc>> {
  const storage = getRxStorageSqlite({ directory: tempDirectory(), key: TEST_KEY });
  return await createTestInstance(storage);
}

/** Reads every change after `checkpoint` in pages of `limit`, checking that a drained feed keeps its checkpoint. */
async function drain(
  instance: SqliteRxStorageInstance<TestDoc>,
  checkpoint: SqliteCheckpoint | undefined,
  limit: number,
): Promise<{ documents: RxDocumentData<TestDoc>[]; checkpoint: SqliteCheckpoint | undefined }> {
  const documents: RxDocumentData<TestDoc>[] = [];
  let current = checkpoint;
  for (;;) {
    const page = await instance.getChangedDocumentsSince(limit, current);
    if (page.documents.length === 0) {
      expect(page.checkpoint).toEqual(current ?? { seq: 0 });
      return { documents, checkpoint: current };
    }
    expect(page.documents.length).toBeLessThanOrEqual(limit);
    documents.push(...page.documents);
    current = page.checkpoint;
  }
}

describe('SQLite RxStorage: change feed', () => {
  it('emits the change event before bulkWrite resolves, and none when every row failed', async () => {
    const instance = await newInstance();
    const seen: string[][] = [];
    const subscription = instance.changeStream().subscribe((bulk) => {
      seen.push(bulk.events.map((e) => `${e.operation}:${e.documentId}`));
    });
    const doc = testDoc('a', 'v');
    const pending = instance.bulkWrite([{ document: doc }], 'ctx');
    await pending;
    expect(seen).toEqual([['INSERT:a']]);
    await instance.bulkWrite([{ document: testDoc('a', 'conflict') }], 'ctx');
    expect(seen).toHaveLength(1);
    await instance.bulkWrite([{ previous: doc, document: nextVersion(doc, { _deleted: true }) }], 'ctx');
    expect(seen).toEqual([['INSERT:a'], ['DELETE:a']]);
    subscription.unsubscribe();
  });

  it('gives each event bulk a checkpoint after which getChangedDocumentsSince returns only later writes', async () => {
    const instance = await newInstance();
    const checkpoints: SqliteCheckpoint[] = [];
    const subscription = instance.changeStream().subscribe((bulk) => checkpoints.push(bulk.checkpoint));
    await instance.bulkWrite([{ document: testDoc('a', '1') }, { document: testDoc('b', '1') }], 'ctx');
    const stacked = stackCheckpoints(checkpoints);
    expect((await instance.getChangedDocumentsSince(10, stacked)).documents).toEqual([]);
    await instance.bulkWrite([{ document: testDoc('c', '1') }], 'ctx');
    expect((await instance.getChangedDocumentsSince(10, stacked)).documents.map((d) => d.key)).toEqual(['c']);
    subscription.unsubscribe();
  });

  it('pages through many writes in write order, each document once at its latest version', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(fc.record({ id: fc.integer({ min: 0, max: 40 }), value: fc.string({ maxLength: 3 }) }), {
            minLength: 1,
            maxLength: 12,
          }),
          { minLength: 1, maxLength: 25 },
        ),
        fc.integer({ min: 1, max: 9 }),
        async (bulks, limit) => {
          const instance = await newInstance();
          const latest = new Map<string, RxDocumentData<TestDoc>>();
          let feed = await drain(instance, undefined, limit);
          const seenOrder: string[] = [];
          let writeOrder: string[] = [];
          for (const bulk of bulks) {
            // One lwt per bulk, as RxDB stamps it: order must come from the write counter, not from lwt.
            const lwt = 1_700_000_000_000;
            const rows = [...new Map(bulk.map((w) => [`d${String(w.id)}`, w.value]))].map(([key, value]) => {
              const previous = latest.get(key);
              const document = previous
                ? nextVersion(previous, { value, lwt })
                : testDoc(key, value, { lwt });
              latest.set(key, document);
              return previous ? { previous, document } : { document };
            });
            expect((await instance.bulkWrite(rows, 'ctx')).error).toEqual([]);
            // Within a bulk the inserts are stored before the updates (RxDB's categorizeBulkWriteRows order).
            const written = [...rows.filter((r) => !r.previous), ...rows.filter((r) => r.previous)].map(
              (r) => r.document.key,
            );
            writeOrder = [...writeOrder.filter((key) => !written.includes(key)), ...written];
            // Half of the time read the feed between bulks, so pages straddle later writes.
            if (bulk.length % 2 === 0) {
              feed = await drain(instance, feed.checkpoint, limit);
              seenOrder.push(...feed.documents.map((d) => `${d.key}@${d._rev}`));
            }
          }
          feed = await drain(instance, feed.checkpoint, limit);
          seenOrder.push(...feed.documents.map((d) => `${d.key}@${d._rev}`));
          // Every version read is a version that was written, and the last one read per id is its current version.
          const lastSeen = new Map(seenOrder.map((entry) => [entry.split('@')[0], entry] as const));
          expect([...lastSeen.keys()].sort()).toEqual([...latest.keys()].sort());
          for (const [key, doc] of latest) expect(lastSeen.get(key)).toBe(`${key}@${doc._rev}`);
          // From scratch, the feed holds every document exactly once.
          const full = await drain(instance, undefined, limit);
          expect(full.documents.map((d) => d.key)).toEqual(writeOrder);
          await instance.close();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('does not skip writes whose lwt went backwards (a clock set back)', async () => {
    const instance = await newInstance();
    await instance.bulkWrite([{ document: testDoc('late', 'v', { lwt: 1_800_000_000_000 }) }], 'ctx');
    const { checkpoint } = await instance.getChangedDocumentsSince(10);
    await instance.bulkWrite([{ document: testDoc('early', 'v', { lwt: 1_600_000_000_000 }) }], 'ctx');
    expect((await instance.getChangedDocumentsSince(10, checkpoint)).documents.map((d) => d.key)).toEqual([
      'early',
    ]);
  });

  it('starts over from the beginning when handed a checkpoint of another storage', async () => {
    const instance = await newInstance();
    await instance.bulkWrite([{ document: testDoc('a', 'v') }], 'ctx');
    const foreign = { id: 'zzz', lwt: 9e12 } as unknown as SqliteCheckpoint;
    expect((await instance.getChangedDocumentsSince(10, foreign)).documents.map((d) => d.key)).toEqual(['a']);
  });
});
