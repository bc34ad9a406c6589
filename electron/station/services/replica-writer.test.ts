import { afterEach, describe, expect, it } from 'vitest';
import { createHlc, parseHlc } from '#shared/clock/hlc.ts';
import { examplePerson } from '#shared/merge/merge-examples.test-support.ts';
import { openStationDatabase } from '../database/open-station-database.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import { getRxStorageSqlite } from '../replica/sqlite-rx-storage.ts';
import { tempDirectory, TEST_KEY } from '../replica/sqlite-rx-storage.test-support.ts';
import { createOutbox } from '../sync/outbox.ts';
import { createReplicaWriter } from './replica-writer.ts';

const AT = new Date('2026-12-07T03:00:00.000Z');

describe('the replica writer', () => {
  const open: StationDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });

  async function writerOnSqlite() {
    const storage = getRxStorageSqlite({ directory: tempDirectory(), key: TEST_KEY });
    const db = await openStationDatabase({ storage, name: 'writer' });
    open.push(db);
    const outbox = createOutbox(db);
    const writer = createReplicaWriter({
      db,
      outbox,
      hlc: createHlc({ node: 'dev-1', now: () => AT.getTime() }),
      clock: { now: () => AT },
      author: () => '01I29_anv',
      transaction: (run) => storage.writeTogether('writer', run),
    });
    return { db, outbox, writer };
  }

  it('stamps the changed groups, credits the author, derives the search keys, and queues the change once', async () => {
    const { db, outbox, writer } = await writerOnSqlite();
    const { stamps: _stamps, updatedAt: _updatedAt, updatedBy: _updatedBy, ...fresh } = examplePerson;
    const created = await writer.write('persons', undefined, { ...fresh, fullName: 'Nguyễn Thị Hoà' });
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;
    expect(created.value).toMatchObject({ updatedAt: AT.toISOString(), updatedBy: '01I29_anv' });
    expect(created.value.searchName).toBe(examplePerson.searchName);
    const first = Object.values(created.value.stamps);
    expect(new Set(first).size).toBe(1);

    const moved = await writer.write('persons', created.value, { ...created.value, phones: ['0987654321'] });
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    // Only the group that changed carries the new stamp.
    const before: Readonly<Record<string, string>> = created.value.stamps;
    const changed = Object.entries(moved.value.stamps).filter(([group, stamp]) => stamp !== before[group]);
    expect(changed).toHaveLength(1);
    expect(parseHlc(changed[0]?.[1]).ok).toBe(true);

    expect((await db.persons.findOne(examplePerson.id).exec())?.phones).toEqual(['0987654321']);
    expect(await outbox.list(10)).toEqual([
      { collection: 'persons', documentId: examplePerson.id, since: AT.toISOString() },
    ]);
  });

  it('writes nothing, not even an outbox entry, for a document the shared schema refuses', async () => {
    const { db, outbox, writer } = await writerOnSqlite();
    const { stamps: _stamps, updatedAt: _updatedAt, updatedBy: _updatedBy, ...fresh } = examplePerson;
    const refused = await writer.write('persons', undefined, { ...fresh, phones: ['not a phone'] });
    expect(refused).toMatchObject({ ok: false, errors: [{ path: 'phones.0' }] });
    expect(await db.persons.count().exec()).toBe(0);
    expect(await outbox.summary()).toEqual({ pendingChanges: 0, oldestPendingAt: null });
  });

  it('stores an access event and its outbox entry together', async () => {
    const { db, outbox, writer } = await writerOnSqlite();
    await writer.append('access-events', {
      id: 'ev-1',
      orgUnitId: examplePerson.orgUnitId,
      deviceId: 'dev-1',
      action: 'login',
      userName: '01I29_anv',
      occurredAt: AT.toISOString(),
    });
    expect(await db['access-events'].findOne('ev-1').exec()).not.toBeNull();
    expect(await outbox.list(10)).toEqual([
      { collection: 'access-events', documentId: 'ev-1', since: AT.toISOString() },
    ]);
  });
});
