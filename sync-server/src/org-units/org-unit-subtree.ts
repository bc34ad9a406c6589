import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * SQL selecting the id of `rootId` and of every org unit below it, for use as `column in (…)`. Authorisation is
 * applied in the query with this (before any LIMIT), never by filtering rows in memory. `union` (not `union all`)
 * stops at a repeated unit, so even a corrupted parent cycle cannot loop forever.
 */
export function orgUnitSubtreeIds(rootId: string): SQL {
  return sql`with recursive subtree(id) as (
      select id from org_units where id = ${rootId}
      union
      select child.id from org_units child join subtree on child.parent_id = subtree.id
    ) select id from subtree`;
}

/** `column in (the subtree of rootId)`: true for rows whose org unit is `rootId` or lies below it. */
export function inOrgUnitSubtree(column: AnyPgColumn | SQL, rootId: string): SQL {
  return sql`${column} in (${orgUnitSubtreeIds(rootId)})`;
}

/**
 * SQL for the facility code (mã CSKCB) that names accounts of `orgUnitId`: the unit's own, else its nearest
 * ancestor's; null when no unit on the path has one (the department of health has none).
 */
export function nearestFacilityCode(orgUnitId: string): SQL<string | null> {
  return sql<string | null>`(with recursive path(id, parent_id, facility_code, depth) as (
      select id, parent_id, facility_code, 0 from org_units where id = ${orgUnitId}
      union all
      select parent.id, parent.parent_id, parent.facility_code, path.depth + 1
        from org_units parent join path on parent.id = path.parent_id
        where path.depth < 64
    ) select facility_code from path where facility_code is not null order by depth limit 1)`;
}
