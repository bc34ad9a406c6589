import { unwrap } from '#shared/errors/result.ts';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import type { OrgUnit } from '#shared/org-units/org-unit.ts';
import { createOrgUnitTree } from '#shared/org-units/org-unit-tree.ts';
import type { DbExecutor } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';

/** The `org_units` row of one org unit. */
export function orgUnitRow(unit: OrgUnit): typeof orgUnits.$inferInsert {
  return {
    id: unit.id,
    kind: unit.kind,
    name: unit.name,
    parentId: unit.parentId,
    facilityCode: unit.facilityCode ?? null,
    communeCode: unit.commune?.code ?? null,
    communeScheme: unit.commune?.scheme ?? null,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
    illustrative: unit.illustrative ?? false,
  };
}

/**
 * Inserts the org units (by default the shipped Hanoi units) that are not there yet, and returns how many it
 * inserted. Idempotent: units already present (by id) are left as they are, so configuration edited in the database
 * survives a restart. The list is validated as a tree first; an invalid shipped list is a bug and throws.
 */
export async function seedOrgUnits(
  db: DbExecutor,
  units: readonly OrgUnit[] = hanoiOrgUnits(),
): Promise<number> {
  unwrap(createOrgUnitTree(units));
  if (units.length === 0) return 0;
  const inserted = await db
    .insert(orgUnits)
    .values(units.map(orgUnitRow))
    .onConflictDoNothing({ target: orgUnits.id })
    .returning({ id: orgUnits.id });
  return inserted.length;
}
