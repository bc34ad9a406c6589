import nacl from 'tweetnacl';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHealthId, parseHealthId } from '#shared/identifiers/health-id.ts';
import { takeHealthId } from '#shared/identifiers/health-id-pool.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { createHealthIdAllocator, LAST_ISSUABLE_SERIAL } from './health-id-allocator.ts';

describe.each(testBackends)('health-ID pools on $name', (backend) => {
  let database: DatabaseHandle;
  const clock = { now: () => new Date('2026-11-26T09:00:00Z') };
  const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
  const allocator = createHealthIdAllocator({ audit, clock, poolSize: 100, lowWater: 20 });

  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(async () => {
    await database.close();
  });

  it('hands out disjoint pools under concurrent allocation, so no health ID is issued twice', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        allocator.allocate(database.db, { orgUnitId: `tyt-${i % 3}`, deviceId: `d${i}` }),
      ),
    );
    const pools = results.map((r) => {
      if (!r.ok) throw new Error(r.errors[0].message);
      return r.value;
    });
    const serials = pools.flatMap((p) =>
      Array.from({ length: p.lastSerial - p.firstSerial + 1 }, (_, k) => p.firstSerial + k),
    );
    expect(new Set(serials).size).toBe(12 * 100);
    expect(Math.min(...serials)).toBe(1);
    const first = pools[0];
    if (!first) throw new Error('no pool');
    const taken = takeHealthId(first);
    expect(taken.ok && parseHealthId(taken.value.healthId).ok).toBe(true);
    expect(await audit.verify(database.db)).toMatchObject({ ok: true, entries: 12 });
  });

  it('tops a station up only when it reports the low-water mark, and flags it low', async () => {
    const plenty = await allocator.ensureSupply(database.db, {
      orgUnitId: 'tyt-0',
      deviceId: 'd0',
      remaining: 80,
    });
    expect(plenty).toMatchObject({ ok: true, value: { allocated: null, low: false } });
    const low = await allocator.ensureSupply(database.db, {
      orgUnitId: 'tyt-0',
      deviceId: 'd0',
      remaining: 20,
    });
    if (!low.ok) throw new Error('expected supply');
    expect(low.value.low).toBe(true);
    expect(low.value.allocated?.orgUnitId).toBe('tyt-0');
    expect(low.value.pools.map((p) => p.poolId)).toContain(low.value.allocated?.poolId);
    expect(low.value.pools.every((p) => p.deviceId === 'd0')).toBe(true);
  });

  it('refuses to cross into the synthetic serial range and leaves the counter unchanged', async () => {
    await database.db.execute(
      sql`update health_id_allocator set next_serial = ${LAST_ISSUABLE_SERIAL - 50} where id = 1`,
    );
    const result = await allocator.allocate(database.db, { orgUnitId: 'tyt-0' });
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'health-id-serials-exhausted' }] });
    const counter: unknown = await database.db.execute(
      sql`select next_serial from health_id_allocator where id = 1`,
    );
    expect(Number((counter as { rows: { next_serial: string | number }[] }).rows[0]?.next_serial)).toBe(
      LAST_ISSUABLE_SERIAL - 50,
    );
    expect(formatHealthId(LAST_ISSUABLE_SERIAL)).toMatch(/^018999999999\d$/);
  });
});
