import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { formatHealthId, parseHealthId } from '#shared/identifiers/health-id.ts';
import { examplePerson } from '#shared/merge/merge-examples.test-support.ts';
import { withDerivedPersonFields } from '#shared/schemas/person-derived-fields.ts';
import { openStationDatabase } from '../database/open-station-database.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import { createHealthIdIssuer } from './health-id-issuer.ts';

const pool = (id: string, firstSerial: number, lastSerial: number, deviceId = 'dev-1') => ({
  id,
  orgUnitId: 'tyt-1',
  deviceId,
  firstSerial,
  lastSerial,
  allocatedAt: '2026-11-26T08:00:00.000Z',
});

describe('issuing health IDs from the device pools', () => {
  const open: StationDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });
  async function database(): Promise<StationDatabase> {
    const db = await openStationDatabase({ storage: getRxStorageMemory(), name: `issuer-${randomToken(8)}` });
    open.push(db);
    return db;
  }

  it('issues each serial of this device once, oldest pool first, then says the pools are empty', async () => {
    const db = await database();
    await db['health-id-pools'].bulkInsert([
      pool('p-b', 200, 201),
      pool('p-a', 100, 101),
      pool('p-x', 300, 399, 'dev-2'),
    ]);
    const issuer = createHealthIdIssuer(db, 'dev-1');
    expect(await issuer.remaining()).toBe(4);
    const issued = await Promise.all([
      issuer.issue(),
      issuer.issue(),
      issuer.issue(),
      issuer.issue(),
      issuer.issue(),
    ]);
    expect(issued.slice(0, 4).map((r) => (r.ok ? r.value : r.errors[0].code))).toEqual([
      formatHealthId(100),
      formatHealthId(101),
      formatHealthId(200),
      formatHealthId(201),
    ]);
    expect(issued[4]).toMatchObject({ ok: false, errors: [{ code: 'health-id-pools-empty' }] });
    expect(await issuer.remaining()).toBe(0);
    for (const result of issued.slice(0, 4)) expect(result.ok && parseHealthId(result.value).ok).toBe(true);
  });

  it('never reissues an ID after its resident left the replica or after the counter was lost behind a resident', async () => {
    const db = await database();
    await db['health-id-pools'].insert(pool('p-a', 100, 199));
    const issuer = createHealthIdIssuer(db, 'dev-1');
    const first = await issuer.issue();
    if (!first.ok) throw new Error('no ID');
    const resident = withDerivedPersonFields({ ...examplePerson, id: 'p-1', healthId: first.value });
    await db.persons.insert(resident);
    // The resident moved away and was evicted: the counter still remembers.
    await (await db.persons.findOne('p-1').exec(true)).remove();
    expect(await issuer.issue()).toMatchObject({ ok: true, value: formatHealthId(101) });

    // A counter behind the residents (restored from an old backup): the highest resident ID wins.
    await db.persons.insert(
      withDerivedPersonFields({ ...examplePerson, id: 'p-2', healthId: formatHealthId(150) }),
    );
    await db.upsertLocal('health-id-next:p-a', { nextSerial: 102 });
    expect(await issuer.issue()).toMatchObject({ ok: true, value: formatHealthId(151) });
  });
});
