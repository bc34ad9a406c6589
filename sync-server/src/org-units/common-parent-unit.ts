import { inArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { rowsOf } from '../db/sql-rows.ts';

/** A unit on the way up from some unit: its id, name and parent. */
type UnitStep = { readonly id: string; readonly name: string; readonly parentId: string | null };

/** The lowest unit whose subtree holds two given units (for a commune pair of one district: the district). */
export type CommonParent = (
  a: string,
  b: string,
) => { readonly id: string; readonly name: string } | undefined;

/**
 * Loads the ancestors of `unitIds` (each unit and every unit above it) in one query and answers, for any two of them,
 * the lowest unit both lie under: who decides about a pair of records managed in two units.
 */
export async function loadCommonParent(db: DbExecutor, unitIds: readonly string[]): Promise<CommonParent> {
  const steps = new Map<string, UnitStep>();
  if (unitIds.length > 0) {
    const rows = await db.execute(sql`with recursive up(id) as (
        select id from ${orgUnits} where ${inArray(orgUnits.id, [...new Set(unitIds)])}
        union
        select parent.parent_id from ${orgUnits} parent join up on parent.id = up.id where parent.parent_id is not null
      ) select u.id, u.name, u.parent_id from ${orgUnits} u where u.id in (select id from up)`);
    for (const row of rowsOf(rows)) {
      const parentId = row['parent_id'];
      steps.set(String(row['id']), {
        id: String(row['id']),
        name: String(row['name']),
        parentId: typeof parentId === 'string' ? parentId : null,
      });
    }
  }
  const path = (unitId: string): UnitStep[] => {
    const found: UnitStep[] = [];
    const seen = new Set<string>();
    for (let step = steps.get(unitId); step !== undefined && !seen.has(step.id);) {
      seen.add(step.id);
      found.push(step);
      step = step.parentId === null ? undefined : steps.get(step.parentId);
    }
    return found;
  };
  return (a, b) => {
    const above = new Set(path(b).map((step) => step.id));
    const common = path(a).find((step) => above.has(step.id));
    return common === undefined ? undefined : { id: common.id, name: common.name };
  };
}
