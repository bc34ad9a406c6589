import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '#shared/errors/result.ts';
import { CITY_HEALTH_DEPARTMENT_ID, hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { createOrgUnitTree } from '#shared/org-units/org-unit-tree.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import { orgUnitValidOn } from './org-unit-valid-on.ts';
import { inOrgUnitSubtree, nearestFacilityCode } from './org-unit-subtree.ts';
import { seedOrgUnits } from './seed-org-units.ts';

describe('the Hanoi calendar date', () => {
  it('is UTC+7: 17:00 UTC is already the next day in Hà Nội', () => {
    expect(hanoiCalendarDate(new Date('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
    expect(hanoiCalendarDate(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });
});

describe.each(testBackends)('org units in the database on $name', (backend) => {
  let database: DatabaseHandle;
  const shipped = hanoiOrgUnits();
  const tree = unwrap(createOrgUnitTree(shipped));

  beforeAll(async () => {
    database = await backend.open();
  }, 60_000);
  afterAll(async () => {
    await database.close();
  });

  it('seeds every shipped unit once, keeping later edits on a second run', async () => {
    expect(await seedOrgUnits(database.db)).toBe(shipped.length);
    await database.db.update(orgUnits).set({ name: 'Tên đã sửa' }).where(eq(orgUnits.id, 'ttyt-kv01'));
    expect(await seedOrgUnits(database.db)).toBe(0);
    const [edited] = await database.db.select().from(orgUnits).where(eq(orgUnits.id, 'ttyt-kv01'));
    expect(edited?.name).toBe('Tên đã sửa');
    const station = shipped.find((u) => u.kind === 'commune-station');
    const [stored] = await database.db
      .select()
      .from(orgUnits)
      .where(eq(orgUnits.id, station?.id ?? ''));
    expect(stored).toMatchObject({
      parentId: station?.parentId,
      facilityCode: station?.facilityCode,
      communeCode: station?.commune?.code,
      communeScheme: station?.commune?.scheme,
      illustrative: true,
    });
  });

  it('refuses to seed a list that is not a tree', async () => {
    await expect(
      seedOrgUnits(database.db, [
        { id: 'x', kind: 'clinic', name: 'X', parentId: 'missing', validFrom: null, validTo: null },
      ]),
    ).rejects.toThrow(/org-unit-missing-parent/);
  });

  it('selects a subtree in SQL exactly as the shared tree computes it', async () => {
    for (const root of [CITY_HEALTH_DEPARTMENT_ID, 'ttyt-kv03', 'bv-01032']) {
      const rows = await database.db
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(inOrgUnitSubtree(orgUnits.id, root));
      expect(rows.map((r) => r.id).sort()).toEqual(
        tree
          .subtreeOf(root)
          .map((u) => u.id)
          .sort(),
      );
    }
    const none = await database.db
      .select()
      .from(orgUnits)
      .where(inOrgUnitSubtree(orgUnits.id, "' or 1=1 --"));
    expect(none).toEqual([]);
  });

  it('finds the facility code that names a unit’s accounts: its own, else its nearest ancestor’s', async () => {
    const station = tree.stationsUnder('ttyt-kv02')[0];
    const code = async (id: string) =>
      (
        await database.db
          .select({ code: nearestFacilityCode(id) })
          .from(orgUnits)
          .where(eq(orgUnits.id, id))
      )[0]?.code;
    expect(await code(station?.id ?? '')).toBe(station?.facilityCode);
    expect(await code('ttyt-kv02')).toBe('01C02');
    expect(await code(CITY_HEALTH_DEPARTMENT_ID)).toBeNull();
    expect(await code('don-vi-thong-ke')).toBeNull();
    await database.db
      .insert(orgUnits)
      .values({ id: 'khoa-x', kind: 'other-unit', name: 'Khoa', parentId: 'bv-01032' });
    expect(await code('khoa-x')).toBe('01032');
  });

  it('tells which units are valid on a date', async () => {
    const valid = async (id: string, on: string) =>
      (
        await database.db
          .select({ valid: orgUnitValidOn(on) })
          .from(orgUnits)
          .where(eq(orgUnits.id, id))
      )[0]?.valid;
    expect(await valid('ttyt-2004-001', '2025-06-30')).toBe(true);
    expect(await valid('ttyt-2004-001', '2025-07-01')).toBe(false);
    expect(await valid('ttyt-kv01', '2025-06-30')).toBe(false);
    expect(await valid(CITY_HEALTH_DEPARTMENT_ID, '1990-01-01')).toBe(true);
    const total = await database.db.select({ n: sql<number>`count(*)::int` }).from(orgUnits);
    expect(total[0]?.n).toBe(shipped.length + 1);
  });
});
